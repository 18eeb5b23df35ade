package io.camelzendesk.client;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.camelzendesk.model.SourceFields;
import io.camelzendesk.model.Ticket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Export items made from their bytes ({@link ItemIndex}, {@link SourceFields}) read exactly what a full decode
 * reads, whatever the JSON holds, and decode only what is read.
 */
class LazyItemsTest {

    private final PageReader<Ticket> reader = new PageReader<>("tickets", Ticket.class, false);

    @Test
    void aPlainFieldIsReadFromTheBytesAndANestedOneDecodesTheRest() throws Exception {
        String item = "{ \"id\" : 35436, \"subject\":\"Help, \\\"my\\\" printer ✓ \\u00e9\", \"big\":123456789012345678901,"
                      + "\"score\":4.5,\"neg\":-12,\"solved\":true,\"spam\":false,\"assignee_id\":null,"
                      + "\"updated_at\":\"2026-12-01T10:00:00Z\",\"tags\":[\"a\",\"]}\"],\"via\":{\"channel\":\"web\"},"
                      + "\"id\":35437}";
        Ticket t = only(item);
        assertThat(t.getId()).isEqualTo(35437L); // the last of a repeated name, as a map keeps it
        assertThat(t.getSubject()).isEqualTo("Help, \"my\" printer ✓ é");
        assertThat(t.get("big")).isEqualTo(new BigInteger("123456789012345678901"));
        assertThat(t.get("score")).isEqualTo(4.5d);
        assertThat(t.get("neg")).isEqualTo(-12L);
        assertThat(t.get("solved")).isEqualTo(true);
        assertThat(t.get("spam")).isEqualTo(false);
        assertThat(t.has("assignee_id")).isTrue();
        assertThat(t.get("assignee_id")).isNull();
        assertThat(t.has("absent")).isFalse();
        assertThat(t.getUpdatedAt()).hasToString("2026-12-01T10:00:00Z");
        assertThat(SourceFields.unreadJson(t)).as("plain reads decode nothing else").isNotNull();

        assertThat(t.getTags()).containsExactly("a", "]}");
        assertThat(SourceFields.unreadJson(t)).as("a nested read decodes every field").isNull();
        assertThat(t.fields()).isEqualTo(fullDecode(item));
    }

    @Test
    void namesOfAnyLengthAreFound() throws Exception {
        String n254 = "x".repeat(254);
        String n255 = "x".repeat(255);
        String n300 = "x".repeat(300);
        Ticket t = only("{\"" + n300 + "\":3,\"" + n255 + "\":2,\"" + n254 + "\":1,\"" + "y".repeat(300) + "\":4}");
        assertThat(t.get(n254)).isEqualTo(1L);
        assertThat(t.get(n255)).isEqualTo(2L);
        assertThat(t.get(n300)).isEqualTo(3L);
        assertThat(t.get("y".repeat(300))).isEqualTo(4L);
        assertThat(t.has("x".repeat(256))).isFalse();
        assertThat(SourceFields.unreadJson(t)).isNotNull();
    }

    @Test
    void aChangeWritesThroughAndIsSerialized() throws Exception {
        Ticket t = only("{\"id\":1,\"status\":\"open\",\"tags\":[\"x\"]}");
        assertThat(ZendeskJson.MAPPER.writeValueAsString(t)).isEqualTo("{\"id\":1,\"status\":\"open\",\"tags\":[\"x\"]}");
        t.setStatus("solved");
        t.remove("tags");
        assertThat(t.getStatus()).isEqualTo("solved");
        assertThat(SourceFields.unreadJson(t)).isNull();
        assertThat(ZendeskJson.MAPPER.writeValueAsString(t)).isEqualTo("{\"id\":1,\"status\":\"solved\"}");
    }

    /** Random objects, compact and pretty-printed: every item, field and value as a full decode reads it. */
    @Test
    void randomObjectsReadAsAFullDecodeReadsThem() throws Exception {
        Random random = new Random(19);
        for (int page = 0; page < 40; page++) {
            List<Map<String, Object>> items = new ArrayList<>();
            for (int i = 0; i < 25; i++) {
                items.add(randomObject(random, 0, page % 4 < 2 ? PLAIN_NAMES : NAMES));
            }
            String json = "{\"tickets\":" + (page % 2 == 0 ? ZendeskJson.MAPPER.writeValueAsString(items)
                    : ZendeskJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(items))
                          + ",\"after_cursor\":\"c" + page + "\",\"end_of_stream\":false}";
            List<Map<String, Object>> expected = new ArrayList<>();
            for (Ticket full : reader.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8))).items()) {
                expected.add(full.fields());
            }
            ScannedPage<Ticket> scanned = reader.scan(json.getBytes(StandardCharsets.UTF_8));
            assertThat(scanned.envelope().afterCursor()).isEqualTo("c" + page);
            assertThat(scanned.itemCount()).isEqualTo(items.size());
            Iterator<Ticket> lazy = reader.items(scanned);
            for (Map<String, Object> want : expected) {
                Ticket got = lazy.next();
                if (page % 4 < 2) {
                    assertThat(SourceFields.unreadJson(got)).as("an object of plain names is made lazily").isNotNull();
                }
                for (Map.Entry<String, Object> field : want.entrySet()) {
                    assertThat(got.has(field.getKey())).isTrue();
                    assertThat(got.get(field.getKey())).as(field.getKey()).isEqualTo(field.getValue());
                }
                assertThat(got.fields()).isEqualTo(want);
                assertThat(new ArrayList<>(got.fields().keySet())).isEqualTo(new ArrayList<>(want.keySet()));
            }
            assertThat(lazy.hasNext()).isFalse();
        }
    }

    @Test
    void unreadRecordsConvertToTheJsonZendeskSent() throws Exception {
        String item = "{\"id\":7,\"subject\":\"caf\\u00e9\",\"via\":{\"channel\":\"api\"}}";
        Ticket t = only(item);
        byte[] unread = SourceFields.unreadJson(t);
        assertThat(new String(unread, StandardCharsets.UTF_8)).isEqualTo(item);
        Ticket decoded = only(item);
        decoded.fields();
        assertThat(SourceFields.unreadJson(decoded)).isNull();
        assertThat(ZendeskJson.MAPPER.readTree(unread))
                .isEqualTo(ZendeskJson.MAPPER.readTree(ZendeskJson.MAPPER.writeValueAsBytes(decoded)));
    }

    @Test
    void aMalformedPageFailsBeforeAnyOfItsRecordsIsMade() {
        for (String bad : List.of("{\"tickets\":[{\"id\":1,\"subject\":\"never closed}]}",
                "{\"tickets\":[{\"id\" 1}]}", "{\"tickets\":[{\"id\":}]}", "{\"tickets\":[{\"id\":1}", "{\"tickets\":[1]}",
                "{\"tickets\":[{\"id\":1} {\"id\":2}]}", "{\"tickets\":[{\"id\":1,\"solved\":tru}]}",
                "{\"tickets\":[{\"id\":x1}]}")) {
            assertThatThrownBy(() -> reader.scan(bad.getBytes(StandardCharsets.UTF_8)).itemCount())
                    .as(bad).isInstanceOf(IOException.class).hasMessageContaining("malformed items array");
        }
    }

    @Test
    void theEnvelopeAfterTheItemsIsReadFromTheEndAndCheckedOnceTheItemsAreFound() throws Exception {
        // Zendesk's shape: plain values after the items, read backwards without going through the items
        String plain = "{\"tickets\":[{\"id\":1,\"s\":\"],\\\"after_cursor\\\":\\\"fake\\\\\"}],"
                       + "\"after_url\":\"u?cursor=c\\\"1\", \"after_cursor\" : \"c\\\"1\",\"before_cursor\":null,"
                       + "\"end_of_stream\":false,\"count\":-1.5e3}";
        ScannedPage<Ticket> page = reader.scan(plain.getBytes(StandardCharsets.UTF_8));
        Page<Ticket> envelope = page.envelope();
        assertThat(envelope.afterCursor()).isEqualTo("c\"1");
        assertThat(envelope.endOfStream()).isFalse();
        assertThat(page.itemCount()).isEqualTo(1);
        assertThat(page.envelope()).isSameAs(envelope);

        // another array between the items and the cursor: the envelope read from the end missed the cursor, the
        // one read again once the items are found has it
        String odd = "{\"tickets\":[{\"id\":1},{\"id\":2}],\"after_cursor\":\"real\",\"extra\":[{\"id\":9}],"
                     + "\"end_of_stream\":false}";
        page = reader.scan(odd.getBytes(StandardCharsets.UTF_8));
        assertThat(page.envelope().afterCursor()).isNull();
        assertThat(page.itemCount()).isEqualTo(2);
        assertThat(page.envelope().afterCursor()).isEqualTo("real");
        Iterator<Ticket> items = reader.items(page);
        assertThat(items.next().getId()).isEqualTo(1L);
        assertThat(items.next().getId()).isEqualTo(2L);
        assertThat(items.hasNext()).isFalse();
    }

    @Test
    void threadsReadingOneRecordSeeTheSameFields() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int round = 0; round < 200; round++) {
                Ticket t = only("{\"id\":" + round + ",\"status\":\"open\",\"tags\":[\"a\",\"b\"],\"via\":{\"c\":1}}");
                List<Callable<String>> readers = new ArrayList<>();
                for (int k = 0; k < 8; k++) {
                    int kind = k;
                    readers.add(() -> kind % 2 == 0 ? t.getStatus() + t.getTags() : t.fields().get("status") + "" + t.get("tags"));
                }
                for (Future<String> f : pool.invokeAll(readers)) {
                    assertThat(f.get()).isEqualTo("open[a, b]");
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private Ticket only(String item) throws IOException {
        ScannedPage<Ticket> scanned = reader.scan(("{\"tickets\":[" + item + "]}").getBytes(StandardCharsets.UTF_8));
        Iterator<Ticket> items = reader.items(scanned);
        Ticket t = items.next();
        assertThat(items.hasNext()).isFalse();
        return t;
    }

    private static Map<String, Object> fullDecode(String item) throws IOException {
        return ZendeskJson.MAPPER.readValue(item, Ticket.class).fields();
    }

    /** Names with an escape or a non-ASCII character make an item that is decoded in full at once. */
    private static final String[] NAMES = {"id", "subject", "status", "tags", "via", "custom_fields", "é", "a\"b",
        "back\\slash", "tab\t", "", "updated_at", "x", "y", "nested"};
    private static final String[] PLAIN_NAMES = {"id", "subject", "status", "tags", "via", "custom_fields", "",
        "updated_at", "x", "y", "nested", "generated_timestamp"};

    private static Map<String, Object> randomObject(Random r, int depth, String[] names) {
        Map<String, Object> m = new LinkedHashMap<>();
        int n = r.nextInt(depth == 0 ? 12 : 4);
        for (int i = 0; i < n; i++) {
            m.put(names[r.nextInt(names.length)] + (r.nextInt(4) == 0 ? i : ""), randomValue(r, depth, names));
        }
        return m;
    }

    private static Object randomValue(Random r, int depth, String[] names) {
        switch (r.nextInt(depth < 3 ? 11 : 9)) {
            case 0: return r.nextLong();
            case 1: return (long) r.nextInt(10) - 5;
            case 2: return r.nextDouble() * 1e6;
            case 3: return new BigInteger(90, r);
            case 4: return r.nextBoolean();
            case 5: return null;
            case 6: return new BigDecimal("1.5e300").doubleValue();
            case 7:
            case 8: {
                StringBuilder s = new StringBuilder();
                String pool = "ab \"\\/\n\t{}[],:é✓\u0001中";
                for (int i = r.nextInt(12); i > 0; i--) {
                    s.append(pool.charAt(r.nextInt(pool.length())));
                }
                return s.toString();
            }
            case 9: {
                List<Object> l = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    l.add(randomValue(r, depth + 1, names));
                }
                return l;
            }
            default: return randomObject(r, depth + 1, names);
        }
    }
}
