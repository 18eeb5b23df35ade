package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** Fast start, deterministic seed, realistic content. */
class StartupAndSeedTest {

    @Test
    void startsFastAndSeedsDeterministically() {
        try (ZendeskEmulator warm = ZendeskEmulator.builder().build()) {
            warm.start(); // class loading
        }
        long t0 = System.nanoTime();
        List<String> first;
        try (ZendeskEmulator a = ZendeskEmulator.builder().seed(1000).build()) {
            a.start();
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertThat(ms).as("start with seed 1000 took %d ms", ms).isLessThan(1500);
            first = a.admin().list("tickets").stream().map(t -> t.get("subject").asText() + t.get("requester_id")).collect(Collectors.toList());
            assertThat(first).hasSize(1000);
            assertThat(a.admin().comments(1)).isNotEmpty();
            assertThat(a.admin().list("users").size()).isGreaterThan(200);
            assertThat(a.admin().list("organizations")).hasSize(20);
            assertThat(a.admin().list("groups")).hasSize(4);
            assertThat(a.admin().list("macros")).isNotEmpty();
            assertThat(a.admin().list("categories")).hasSize(3);
            assertThat(a.admin().list("sections")).hasSize(6);
            assertThat(a.admin().list("articles")).hasSize(50);
            List<ObjectNode> fields = a.admin().list("ticket_fields");
            assertThat(fields).anySatisfy(f -> {
                assertThat(f.get("type").asText()).isEqualTo("tagger");
                assertThat(f.get("custom_field_options").size()).isGreaterThan(1);
            });
            Set<String> statuses = a.admin().list("tickets").stream().map(t -> t.get("status").asText()).collect(Collectors.toSet());
            assertThat(statuses).contains("new", "open", "pending", "solved", "closed");
            JsonNode t1 = a.admin().get("tickets", 1).orElseThrow();
            assertThat(t1.get("tags")).isNotEmpty();
        }
        try (ZendeskEmulator b = ZendeskEmulator.builder().seed(1000).build()) {
            b.start();
            List<String> second = b.admin().list("tickets").stream().map(t -> t.get("subject").asText() + t.get("requester_id")).collect(Collectors.toList());
            assertThat(second).isEqualTo(first);
        }
        long t1 = System.nanoTime();
        try (ZendeskEmulator empty = ZendeskEmulator.builder().build()) {
            empty.start();
            assertThat((System.nanoTime() - t1) / 1_000_000).isLessThan(500);
        }
    }
}
