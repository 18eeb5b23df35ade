package io.camelzendesk.karaf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.felix.framework.FrameworkFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.wiring.BundleWire;
import org.osgi.framework.wiring.BundleWiring;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.camelzendesk.emulator.ZendeskEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The component's bundle in a real OSGi framework (Apache Felix, the framework Apache Karaf runs), with Camel's jars
 * wrapped into a bundle as Camel Karaf does, Jackson's own bundles and SLF4J from the platform: it resolves on its manifest alone,
 * and an application bundle runs the routes of an XML DSL file (zendesk-routes.xml): a ticket created in the
 * emulator, the export read with a file position.
 */
class ZendeskBundleInOsgiTest {

    @TempDir
    static Path work;

    static ZendeskEmulator emulator;
    static Framework osgi;
    static Bundle component;
    static Bundle camel;

    @BeforeAll
    static void start() throws Exception {
        emulator = ZendeskEmulator.builder().seed(0).recentExclusion(Duration.ofSeconds(1))
                .incrementalRequestsPerMinute(0).build();
        String url = emulator.start();
        Path jars = Files.createDirectories(work.resolve("bundles"));
        Path camelJar = OsgiBundles.camel(jars);
        Path componentJar = OsgiBundles.component(jars);
        Path routeJar = OsgiBundles.routeBundle(jars, camelJar, componentJar);

        Map<String, String> config = new HashMap<>();
        config.put(Constants.FRAMEWORK_STORAGE, work.resolve("osgi-cache").toString());
        config.put(Constants.FRAMEWORK_STORAGE_CLEAN, Constants.FRAMEWORK_STORAGE_CLEAN_ONFIRSTINIT);
        // the logging API from the platform, as Karaf's pax-logging provides it (here: the test's SLF4J and Log4j)
        config.put(Constants.FRAMEWORK_SYSTEMPACKAGES_EXTRA, "org.slf4j;version=" + OsgiBundles.SLF4J_VERSION);
        config.put("zendesk.test.base-url", url);
        config.put("zendesk.test.client-id", ZendeskEmulator.OAUTH_CLIENT_ID);
        config.put("zendesk.test.client-secret", ZendeskEmulator.OAUTH_CLIENT_SECRET);
        config.put("zendesk.test.state-dir", Files.createDirectories(work.resolve("state")).toString());
        config.put("zendesk.test.out-dir", Files.createDirectories(work.resolve("out")).toString());
        config.put("zendesk.test.routes", Files.copy(OsgiBundles.ROUTES, work.resolve("zendesk-routes.xml")).toString());
        osgi = new FrameworkFactory().newFramework(config);
        osgi.start();

        BundleContext context = osgi.getBundleContext();
        List<Bundle> libraries = new ArrayList<>();
        for (Path jar : OsgiBundles.classPath("/com/fasterxml/jackson/")) {
            libraries.add(context.installBundle(jar.toUri().toString()));
        }
        camel = context.installBundle(camelJar.toUri().toString());
        component = context.installBundle(componentJar.toUri().toString());
        for (Bundle b : libraries) {
            b.start();
        }
        camel.start();
        component.start();
        context.installBundle(routeJar.toUri().toString()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (osgi != null) {
            osgi.stop();
            osgi.waitForStop(30_000);
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void theComponentBundleResolvesWithCamelJacksonAndSlf4jImported() {
        assertThat(component.getState()).isEqualTo(Bundle.ACTIVE);
        assertThat(component.getSymbolicName()).isEqualTo("io.camelzendesk.camel-zendesk-component");
        Map<String, String> providers = new HashMap<>();
        for (BundleWire wire : component.adapt(BundleWiring.class).getRequiredWires("osgi.wiring.package")) {
            providers.put(wire.getCapability().getAttributes().get("osgi.wiring.package").toString(),
                    wire.getProvider().getSymbolicName());
        }
        assertThat(providers).containsEntry("org.apache.camel", "org.apache.camel.wrapped")
                .containsEntry("org.apache.camel.support", "org.apache.camel.wrapped")
                .containsEntry("com.fasterxml.jackson.databind", "com.fasterxml.jackson.core.jackson-databind")
                .containsEntry("org.slf4j", osgi.getSymbolicName());
        assertThat(component.findEntries("org/apache/camel", "*.class", true)).as("no embedded Camel").isNull();
        assertThat(component.findEntries("com/fasterxml", "*.class", true)).as("no embedded Jackson").isNull();
        assertThat(component.getEntry("META-INF/services/org/apache/camel/component/zendesk")).isNotNull();
    }

    @Test
    void theXmlRoutesCreateATicketAndReadTheExportWithAFilePosition() throws Exception {
        Path out = work.resolve("out");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(out.resolve("created.json")));
        ObjectNode ticket = emulator.admin().list("tickets").stream()
                .filter(t -> "Created in OSGi".equals(t.path("subject").asText())).findFirst().orElseThrow();
        long id = ticket.get("id").asLong();
        // written by the file component through the component's type converters (their loader found in OSGi)
        assertThat(Files.readString(out.resolve("created.json"))).contains("\"subject\"", "Created in OSGi");

        Path exported = out.resolve("ticket-" + id + ".json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(exported));
        assertThat(Files.readString(exported)).contains("Created in OSGi");
        await().atMost(Duration.ofSeconds(30)).until(() -> positionFiles().stream()
                .anyMatch(f -> read(f).contains("osgi-ticket-export")));
    }

    static List<Path> positionFiles() throws Exception {
        try (Stream<Path> files = Files.walk(work.resolve("state"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (Exception e) {
            return "";
        }
    }
}
