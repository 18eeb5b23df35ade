package io.camelzendesk.emulator;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The JUnit extension: one emulator per class, state reset before each test, parameters injected. */
@ExtendWith(ZendeskEmulatorExtension.class)
@EmulatorConfig(seed = 50, requestsPerMinute = 3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ExtensionResetTest {
    static String firstBaseUrl;

    @Test
    @Order(1)
    void changesState(@EmulatorBaseUrl String base, ZendeskEmulator emulator, EmulatorAdmin admin) {
        firstBaseUrl = base;
        assertThat(emulator.baseUrl()).isEqualTo(base);
        assertThat(admin.list("tickets")).hasSize(50);
        admin.createTicket(Map.of("subject", "temp", "comment", Map.of("body", "x")));
        admin.injectFault(Fault.error500().times(5));
        admin.setRecentExclusion(Duration.ZERO);
        new Api(base).get("/api/v2/tickets.json");
        assertThat(admin.list("tickets")).hasSize(51);
    }

    @Test
    @Order(2)
    void seesAFreshEmulator(@EmulatorBaseUrl String base, EmulatorAdmin admin) {
        assertThat(base).isEqualTo(firstBaseUrl);
        assertThat(admin.list("tickets")).hasSize(50);
        assertThat(admin.requests()).isEmpty();
        assertThat(admin.armedFaults()).isZero();
        Api.Res r = new Api(base).get("/api/v2/tickets.json");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.header("X-Rate-Limit")).isEqualTo("3");
        assertThat(r.header("X-Rate-Limit-Remaining")).isEqualTo("2");
    }

    @Nested
    class NestedTests {
        @Test
        void nestedClassesShareTheOuterEmulator(@EmulatorBaseUrl String base) {
            assertThat(base).isEqualTo(firstBaseUrl);
        }
    }
}
