package io.camelzendesk.springboot.app;

import java.time.Duration;

import io.camelzendesk.emulator.ZendeskEmulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The component's zendesk.* meters in Spring Boot's Prometheus endpoint: the application's Micrometer registry is
 * found in the Spring context, no camel-micrometer needed.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
                properties = "management.endpoints.web.exposure.include=health,info,prometheus")
@AutoConfigureObservability
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ZendeskPrometheusTest {

    static final ZendeskEmulator ZENDESK = ZendeskEmulator.builder()
            .incrementalRequestsPerMinute(0).recentExclusion(Duration.ZERO).build();

    static {
        ZENDESK.start();
    }

    @DynamicPropertySource
    static void account(DynamicPropertyRegistry registry) {
        EmulatorAccount.register(registry, ZENDESK, ZendeskEmulator.OAUTH_CLIENT_SECRET);
    }

    @AfterAll
    static void stopZendesk() {
        ZENDESK.close();
    }

    @Autowired
    TestRestTemplate http;

    @Test
    void theAccountAndExportMetersAreInPrometheus() {
        String account = "zendesk-127.0.0.1-" + ZENDESK.port() + "-";
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String scrape = http.getForObject("/actuator/prometheus", String.class);
            assertThat(scrape).contains("zendesk_requests_total{account=\"" + account)
                    .contains("zendesk_rate_limited_total{account=\"" + account)
                    .contains("zendesk_export_records_total{route=\"ticket-changes\"}")
                    .contains("zendesk_export_lag_seconds{route=\"ticket-changes\"}")
                    .doesNotContain(ZendeskEmulator.OAUTH_CLIENT_SECRET);
        });
    }
}
