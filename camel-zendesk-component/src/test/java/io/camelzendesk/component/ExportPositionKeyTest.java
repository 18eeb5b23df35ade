package io.camelzendesk.component;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.cluster.FileLockClusterService;
import org.apache.camel.component.master.MasterConsumer;
import org.apache.camel.health.HealthCheckRegistry;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.camelzendesk.component.position.FilePositionRepository;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import io.camelzendesk.component.export.ZendeskExportConsumer;

/** The key of an export position never follows a generated route id; an unreadable position stops that consumer. */
class ExportPositionKeyTest {

    @TempDir
    Path stateDir;

    private CamelContext context;

    @AfterEach
    void stop() {
        if (context != null) {
            context.stop();
        }
    }

    /** Never polls: the tests are about starting. */
    private String uri(String extra) {
        return "zendesk:tickets?baseUrl=http://127.0.0.1:9&oauthToken=t&initialDelay=600000&stateDirectory=" + stateDir
               + extra;
    }

    private void startJava(String routeId, String extra) throws Exception {
        context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("direct:unrelated").log("added before the export");
                var route = from(uri(extra));
                if (routeId != null) {
                    route.routeId(routeId);
                }
                route.log("${body}");
            }
        });
        context.start();
    }

    private void startYaml(String idLine) throws Exception {
        context = new DefaultCamelContext();
        String yaml = "- route:\n" + idLine + "    from:\n      uri: \"" + uri("") + "\"\n      steps:\n"
                      + "        - log: \"${body}\"\n";
        PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.fromString("export.yaml", yaml));
        context.start();
    }

    private ZendeskExportConsumer consumer(String routeId) {
        return (ZendeskExportConsumer) context.getRoute(routeId).getConsumer();
    }

    @Test
    void aJavaRouteWithoutIdOrStateKeyFailsToStartSayingWhichToSet() {
        assertThatThrownBy(() -> startJava(null, "")).hasStackTraceContaining("needs a stable key")
                .hasStackTraceContaining(".routeId(").hasStackTraceContaining("stateKey");
    }

    @Test
    void aYamlRouteWithoutIdOrStateKeyFailsToStart() {
        assertThatThrownBy(() -> startYaml("")).hasStackTraceContaining("needs a stable key")
                .hasStackTraceContaining("YAML id:");
    }

    @Test
    void aYamlRouteIdKeysThePosition() throws Exception {
        startYaml("    id: crm-tickets\n");
        assertThat(consumer("crm-tickets").stateKey()).isEqualTo("127.0.0.1:9/tickets/crm-tickets");
    }

    @Test
    void aJavaRouteIdOrAStateKeyKeysThePosition() throws Exception {
        startJava("tickets-export", "");
        assertThat(consumer("tickets-export").stateKey()).isEqualTo("127.0.0.1:9/tickets/tickets-export");
        context.stop();
        startJava(null, "&stateKey=acme-tickets");
        assertThat(context.getRoutes()).extracting(r -> r.getConsumer()).filteredOn(ZendeskExportConsumer.class::isInstance)
                .singleElement().extracting(c -> ((ZendeskExportConsumer) c).stateKey()).isEqualTo("acme-tickets");
    }

    @Test
    void behindMasterThePositionIsKeyedByTheRoutesIdAndAnOldNullKeyIsCarriedOver() throws Exception {
        FilePositionRepository before = FilePositionRepository.inDirectory(stateDir.toString());
        before.start();
        before.setState("127.0.0.1:9/tickets/null", "{\"cursor\":\"kept\",\"startTime\":1,\"recordTime\":0,\"seen\":[]}");
        before.stop();
        context = new DefaultCamelContext();
        FileLockClusterService cluster = new FileLockClusterService();
        cluster.setRoot(stateDir.resolve("cluster").toString());
        cluster.setAcquireLockDelay(10, TimeUnit.MILLISECONDS);
        cluster.setAcquireLockInterval(100, TimeUnit.MILLISECONDS);
        context.addService(cluster);
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from("master:ns:" + uri("")).routeId("tickets-export").log("${body}");
            }
        });
        context.start();
        await().atMost(Duration.ofSeconds(20)).until(() -> context.getRoutes().get(0).getConsumer() instanceof MasterConsumer m
                && m.isMaster());
        await().atMost(Duration.ofSeconds(10)).until(() -> HealthCheckRegistry.get(context)
                .getCheck("zendesk-export-tickets-export").isPresent());
        context.stop();
        FilePositionRepository after = FilePositionRepository.inDirectory(stateDir.toString());
        after.start();
        try {
            assertThat(after.getState("127.0.0.1:9/tickets/tickets-export")).contains("\"cursor\":\"kept\"");
        } finally {
            after.stop();
        }
    }

    @Test
    void aPositionInMemoryNeedsNoKey() throws Exception {
        startJava(null, "&stateInMemory=true");
        assertThat(context.getRoutes()).hasSize(2);
    }

    @Test
    void anUnreadablePositionFailsThatConsumersStartNamingTheFileAndTheKey() throws Exception {
        Files.writeString(stateDir.resolve(FilePositionRepository.FILE_NAME),
                "127.0.0.1:9/tickets/tickets-export={\"cursor\":\"abc\",\"startTi\n");
        assertThatThrownBy(() -> startJava("tickets-export", "")).hasStackTraceContaining("cannot be read")
                .hasStackTraceContaining("'127.0.0.1:9/tickets/tickets-export'")
                .hasStackTraceContaining(FilePositionRepository.FILE_NAME);
    }

    @Test
    void aStateKeyWithAnEqualsSignIsRefused() {
        assertThatThrownBy(() -> startJava(null, "&stateKey=a=b")).hasStackTraceContaining("must not contain '='");
    }
}
