package io.camelzendesk.client;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading export pages: the envelope without decoding the items, then the items one at a time. */
class PageReaderTest {

    private static final String PAGE = "{\"tickets\":[{\"id\":1,\"subject\":\"brackets ] } [ { and \\\"quotes\\\" \\\\\","
            + "\"tags\":[\"a\",\"b\"],\"via\":{\"channel\":\"email\"}},{\"id\":2,\"subject\":\"ünïcødé ✓ \\u005d\"}],"
            + "\"users\":[{\"id\":70}],\"after_url\":\"https://x.zendesk.com/api/v2/incremental/tickets/cursor.json?cursor=c%2B\","
            + "\"after_cursor\":\"c+/=\",\"before_cursor\":null,\"end_of_stream\":false,\"count\":2}";

    @Test
    void theEnvelopeIsReadWithoutTheItemsAndTheItemsDecodeOneByOne() throws Exception {
        PageReader<Map> reader = new PageReader<>("tickets", Map.class, true);
        byte[] body = PAGE.getBytes(StandardCharsets.UTF_8);
        Page<Map> envelope = reader.envelope(body);
        assertThat(envelope.items()).isEmpty();
        assertThat(envelope.afterCursor()).isEqualTo("c+/=");
        assertThat(envelope.endOfStream()).isFalse();
        assertThat(envelope.count()).isEqualTo(2L);
        assertThat(envelope.sideloads().get("users")).hasSize(1);
        List<Object> subjects = new ArrayList<>();
        reader.items(body).forEachRemaining(t -> subjects.add(t.get("subject")));
        assertThat(subjects).containsExactly("brackets ] } [ { and \"quotes\" \\", "ünïcødé ✓ ]");
        // the same as a full read
        Page<Map> full = reader.read(new java.io.ByteArrayInputStream(body));
        assertThat(full.afterCursor()).isEqualTo(envelope.afterCursor());
        assertThat(full.items()).hasSize(2);
    }

    @Test
    void anEnvelopeBeforeTheItemsIsReadToo() throws Exception {
        String page = "{\"count\":1,\"end_time\":1300,\"organizations\":[{\"id\":3}],\"end_of_stream\":true}";
        Page<Map> envelope = new PageReader<>("organizations", Map.class, false)
                .envelope(page.getBytes(StandardCharsets.UTF_8));
        assertThat(envelope.endTime()).isEqualTo(1300L);
        assertThat(envelope.endOfStream()).isTrue();
        assertThat(envelope.count()).isEqualTo(1L);
    }
}
