package io.camelzendesk.xml;

import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.support.GenericXmlApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.io.FileSystemResource;

import io.camelzendesk.emulator.EmulatorAdmin;
import io.camelzendesk.emulator.ZendeskEmulator;
import io.camelzendesk.examples.main.ExamplesMain;

/**
 * The routes of ../routes/spring (Spring XML, camel-spring-xml) in a plain Spring application context, as an
 * application would load camel-context.xml: its settings in one properties file (named by the Spring property
 * zendesk.esb.properties), the component on the emulator's OAuth client.
 */
class SpringXmlRoutesTest extends FiveUseCasesContract {

    @TempDir
    static Path dataDir;

    static ZendeskEmulator emulator;
    static GenericXmlApplicationContext spring;
    static final Map<String, String> settings = new LinkedHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        emulator = ZendeskEmulator.builder().seed(0).recentExclusion(Duration.ofSeconds(1))
                .incrementalRequestsPerMinute(0).build();
        String url = emulator.start();
        ExamplesMain.prepare(emulator.admin());

        settings.put("zendesk.base-url", url);
        settings.put("zendesk.client-id", ZendeskEmulator.OAUTH_CLIENT_ID);
        settings.put("zendesk.client-secret", ZendeskEmulator.OAUTH_CLIENT_SECRET);
        settings.put("zendesk.state-directory", dataDir.resolve("zendesk-state").toString());
        settings.put("examples.data-dir", dataDir.toString());
        settings.put("examples.kb.dir", dataDir.resolve("kb").toString());
        settings.put("examples.kb.category", "Knowledge base");
        settings.put("examples.kb.permission-group-id", "373000000001");
        settings.put("examples.outbox.dir", dataDir.resolve("outbox").toString());
        settings.put("examples.export-delay", "1000");
        settings.put("examples.crm.poll-period", "1000");
        settings.put("examples.db.url", "jdbc:h2:file:" + dataDir.resolve("crm")
                + ";DATABASE_TO_LOWER=TRUE;DB_CLOSE_ON_EXIT=FALSE;INIT=RUNSCRIPT FROM 'classpath:crm-schema.sql'");
        Path file = dataDir.resolve("zendesk-esb.properties");
        Properties properties = new Properties();
        properties.putAll(settings);
        try (Writer w = Files.newBufferedWriter(file)) {
            properties.store(w, "SpringXmlRoutesTest");
        }

        spring = new GenericXmlApplicationContext();
        spring.getEnvironment().getPropertySources().addFirst(
                new MapPropertySource("test", Map.of("zendesk.esb.properties", file.toUri().toString())));
        spring.load(new FileSystemResource("../routes/spring/camel-context.xml"));
        spring.refresh();
    }

    @AfterAll
    static void stop() {
        if (spring != null) {
            spring.close();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Override
    EmulatorAdmin admin() {
        return emulator.admin();
    }

    @Override
    String setting(String key) {
        return settings.get(key);
    }
}
