package io.camelzendesk.karaf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.node.ObjectNode;

import io.camelzendesk.emulator.ZendeskEmulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A real Apache Karaf (the distribution of {@code karaf.distribution}, unpacked by the build) started headless as its
 * own process, with the component bundle, Jackson's bundles, Camel 4.18 wrapped as a bundle and the route bundle of
 * {@link io.camelzendesk.karaf.route} dropped into deploy/, the XML DSL file zendesk-routes.xml into etc/: they resolve
 * on Karaf's framework and logging (SLF4J from pax-logging), the routes create a ticket in the emulator and read the
 * export with a file position. Camel Karaf's own features cannot be installed here (docs/esb.md, "Camel Karaf").
 */
class RealKarafTest {

    static final Duration STARTUP = Duration.ofSeconds(150);

    @TempDir
    static Path work;

    static ZendeskEmulator emulator;
    static Path home;
    static Process karaf;

    @BeforeAll
    static void start() throws Exception {
        emulator = ZendeskEmulator.builder().seed(0).recentExclusion(Duration.ofSeconds(1))
                .incrementalRequestsPerMinute(0).build();
        String url = emulator.start();

        home = work.resolve("karaf");
        copyTree(Path.of(System.getProperty("karaf.distribution")), home);
        // headless and portless: no SSH console, no JMX (other builds run on this machine)
        Path boot = home.resolve("etc/org.apache.karaf.features.cfg");
        Files.writeString(boot, Files.readString(boot).replaceAll("(?m)^\\s*(ssh|management)/[^,]*, \\\\\\n", ""));

        Path bundles = Files.createDirectories(work.resolve("bundles"));
        Path camel = OsgiBundles.camel(bundles);
        Path component = OsgiBundles.component(bundles);
        Path route = OsgiBundles.routeBundle(bundles, camel, component);
        Path deploy = home.resolve("deploy");
        for (Path jar : Stream.concat(OsgiBundles.classPath("/com/fasterxml/jackson/").stream(),
                Stream.of(camel, component, route)).toList()) {
            Files.copy(jar, deploy.resolve(jar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        }

        ProcessBuilder process = new ProcessBuilder("sh", home.resolve("bin/karaf").toString(), "server")
                .directory(home.toFile()).redirectErrorStream(true)
                .redirectOutput(work.resolve("karaf-console.log").toFile());
        process.environment().put("JAVA_HOME", System.getProperty("java.home"));
        process.environment().put("EXTRA_JAVA_OPTS", String.join(" ",
                "-Dzendesk.test.base-url=" + url,
                "-Dzendesk.test.client-id=" + ZendeskEmulator.OAUTH_CLIENT_ID,
                "-Dzendesk.test.client-secret=" + ZendeskEmulator.OAUTH_CLIENT_SECRET,
                "-Dzendesk.test.state-dir=" + Files.createDirectories(work.resolve("state")),
                "-Dzendesk.test.out-dir=" + Files.createDirectories(work.resolve("out")),
                "-Dzendesk.test.routes=" + Files.copy(OsgiBundles.ROUTES, home.resolve("etc/zendesk-routes.xml"))));
        karaf = process.start();
    }

    @AfterAll
    static void stop() throws Exception {
        if (karaf != null) {
            List<ProcessHandle> all = Stream.concat(karaf.descendants(), Stream.of(karaf.toHandle())).toList();
            all.forEach(ProcessHandle::destroy);
            if (!karaf.waitFor(60, TimeUnit.SECONDS)) {
                all.forEach(ProcessHandle::destroyForcibly);
            }
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    @Test
    void theBundlesStartInKarafAndTheXmlRoutesCreateATicketAndReadTheExport() throws Exception {
        Path out = work.resolve("out");
        await().atMost(STARTUP).pollInterval(Duration.ofSeconds(1)).failFast("Karaf stopped", () -> !karaf.isAlive())
                .until(() -> Files.exists(out.resolve("created.json")) || karafLog().contains("Activator start error"));
        assertThat(Files.exists(out.resolve("created.json"))).as(karafLog()).isTrue();

        ObjectNode ticket = emulator.admin().list("tickets").stream()
                .filter(t -> "Created in OSGi".equals(t.path("subject").asText())).findFirst().orElseThrow();
        Path exported = out.resolve("ticket-" + ticket.get("id").asLong() + ".json");
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(exported));
        assertThat(Files.readString(exported)).contains("Created in OSGi");
        await().atMost(Duration.ofSeconds(30)).until(() -> stateFiles().stream()
                .anyMatch(f -> ZendeskBundleInOsgiTest.read(f).contains("osgi-ticket-export")));
        assertThat(karafLog()).contains("io.camelzendesk").doesNotContain("Unable to resolve");
    }

    static List<Path> stateFiles() throws IOException {
        try (Stream<Path> files = Files.walk(work.resolve("state"))) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    static String karafLog() {
        return ZendeskBundleInOsgiTest.read(home.resolve("data/log/karaf.log"));
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }
}
