package io.camelzendesk.xml;

import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.emulator.EmulatorAdmin;
import io.camelzendesk.examples.main.ExamplesMain;

/**
 * The routes of ../routes/xml (Camel's XML DSL, camel-xml-io-dsl) on plain Camel (camel-main, as the YAML routes in
 * camel-zendesk-examples-main: the emulator, the component, the `default` DataSource and platform-http for the
 * webhooks of the realtime consumers), in-process.
 */
class XmlDslRoutesTest extends FiveUseCasesContract {

    @TempDir
    static Path dataDir;

    static ExamplesMain app;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        app = new ExamplesMain(Map.of(
                "camel.main.routes-include-pattern", "file:../routes/xml/*.xml",
                "examples.data-dir", dataDir.toString(),
                "examples.emulator.seed", "0",
                "examples.export-delay", "1000",
                "examples.crm.poll-period", "1000",
                "camel.server.port", Integer.toString(port)));
        app.start();
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Override
    EmulatorAdmin admin() {
        return app.admin();
    }

    @Override
    String setting(String key) {
        return app.get(key);
    }
}
