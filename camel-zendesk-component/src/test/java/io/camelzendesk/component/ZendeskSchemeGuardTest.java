package io.camelzendesk.component;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.main.download.DependencyDownloaderClassLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Apache's camel-zendesk registers the zendesk scheme too: next to it, this component refuses to start, naming the jar
 * to remove. The real Apache jar (copied to target/ by the build, see the pom) is put on a child class loader.
 */
class ZendeskSchemeGuardTest {

    private static final Path APACHE_JAR = Path.of("target", "apache-camel-zendesk", "apache-camel-zendesk.jar");
    private static final String URI = "zendesk:tickets?subdomain=acme&oauthToken=secret-token";

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    private Throwable resolveWith(ClassLoader loader) {
        context = new DefaultCamelContext();
        context.setApplicationContextClassLoader(loader);
        context.start();
        return catchThrowable(() -> context.getEndpoint(URI));
    }

    private static Throwable root(Throwable t) {
        while (t != null && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    @Test
    void aloneTheComponentStarts() {
        assertThat(resolveWith(getClass().getClassLoader())).isNull();
        assertThat(context.getEndpoint(URI)).isInstanceOf(ZendeskEndpoint.class);
    }

    @Test
    void nextToApachesCamelZendeskTheComponentRefusesToStartNamingTheJarToRemove() throws Exception {
        assertThat(APACHE_JAR).exists();
        try (URLClassLoader withApache = new URLClassLoader(new URL[] { APACHE_JAR.toUri().toURL() },
                getClass().getClassLoader())) {
            // the class path really holds both registrations of the scheme
            List<URL> services = Collections.list(withApache.getResources(ZendeskSchemeGuard.SERVICE));
            assertThat(services).hasSize(2);

            Throwable failure = root(resolveWith(withApache));
            assertThat(failure).isInstanceOf(IllegalStateException.class);
            assertThat(failure.getMessage())
                    .contains("Two components register the zendesk scheme")
                    .contains("org.apache.camel.component.zendesk.ZendeskComponent in "
                              + APACHE_JAR.toUri().toURL())
                    .contains("Remove Apache's org.apache.camel:camel-zendesk")
                    .contains("io.camelzendesk:camel-zendesk-component")
                    .doesNotContain("secret-token");
        }
    }

    @Test
    void anyOtherComponentRegisteredForTheSchemeIsRefusedToo(@TempDir Path dir) throws Exception {
        Path service = dir.resolve(ZendeskSchemeGuard.SERVICE);
        Files.createDirectories(service.getParent());
        Files.writeString(service, "class=com.example.OtherZendeskComponent\n");
        try (URLClassLoader withOther = new URLClassLoader(new URL[] { dir.toUri().toURL() },
                getClass().getClassLoader())) {
            Throwable failure = root(resolveWith(withOther));
            assertThat(failure).isInstanceOf(IllegalStateException.class);
            assertThat(failure.getMessage()).contains("com.example.OtherZendeskComponent in " + dir.toUri().toURL())
                    .contains("Remove the jar named above");
        }
    }

    @Test
    void underCamelJBangWhichAlwaysDownloadsApachesJarThisComponentServesTheSchemeWithAWarning() throws Exception {
        try (URLClassLoader jbang = new DependencyDownloaderClassLoader(new URL[] { APACHE_JAR.toUri().toURL() },
                getClass().getClassLoader())) {
            assertThat(resolveWith(jbang)).isNull();
            assertThat(context.getEndpoint(URI)).isInstanceOf(ZendeskEndpoint.class);
        }
    }
}
