package io.camelzendesk.component.export;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.camelzendesk.client.ZendeskJson;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stored form of an export position: valid JSON that reads back to the same position and window. */
class ExportPositionTest {

    @Test
    void roundTripKeepsCursorTimesAndWindowInOrder() throws Exception {
        ExportPosition p = ExportPosition.startingAt(1_700_000_000L);
        // Zendesk cursors are opaque: quotes, backslashes and non-ASCII must survive
        p.cursor = "MTU3NjYxMzUzOS4wfHw0Njd8\"quoted\"\\back\u00fb+/=";
        p.recordTime = 1_700_000_123L;
        for (long id = 1; id <= 5; id++) {
            p.remember(new ExportPosition.Key(id * 1_000_000_007L, 1_700_000_000L + id), 3);
        }

        String json = p.toJson();
        Map<?, ?> parsed = ZendeskJson.MAPPER.readValue(json, Map.class);
        assertEquals(p.cursor, parsed.get("cursor"));
        ExportPosition back = ExportPosition.parse(json);
        assertEquals(p.cursor, back.cursor);
        assertEquals(p.startTime, back.startTime);
        assertEquals(p.recordTime, back.recordTime);
        // the window of 3 kept the newest three keys, oldest first
        assertEquals(json, back.toJson());
        assertFalse(back.alreadyProcessed(new ExportPosition.Key(2 * 1_000_000_007L, 1_700_000_002L)));
        assertTrue(back.alreadyProcessed(new ExportPosition.Key(3 * 1_000_000_007L, 1_700_000_003L)));
        assertTrue(back.alreadyProcessed(new ExportPosition.Key(5 * 1_000_000_007L, 1_700_000_005L)));
        assertEquals(java.util.List.of(3_000_000_021L, 1_700_000_003L, 4_000_000_028L, 1_700_000_004L,
                5_000_000_035L, 1_700_000_005L), parsed.get("seen"));
    }

    @Test
    void timeBasedPositionHasNoCursorAndAnEmptyWindow() throws Exception {
        ExportPosition p = ExportPosition.startingAt(42);
        Map<?, ?> parsed = ZendeskJson.MAPPER.readValue(p.toJson(), Map.class);
        assertFalse(parsed.containsKey("cursor"));
        assertEquals(java.util.List.of(), parsed.get("seen"));
        ExportPosition back = ExportPosition.parse(p.toJson());
        assertNull(back.cursor);
        assertEquals(42, back.startTime);
    }

    @Test
    void aCompletedPageOfATimeBasedExportKeepsOnlyTheBoundarySecond() {
        ExportPosition p = ExportPosition.startingAt(100);
        for (long id = 1; id <= 1000; id++) {
            p.remember(new ExportPosition.Key(id, 100 + id / 100), 2000);
        }
        // the next page starts at the last record's second (1010): only its records can come again
        p.startTime = 110;
        p.pageCompleted(false);
        assertEquals(1, p.windowSize());
        assertTrue(p.alreadyProcessed(new ExportPosition.Key(1000, 110)));
        assertFalse(p.alreadyProcessed(new ExportPosition.Key(999, 109)));
    }

    @Test
    void aCursorThatMovedPastAPageForgetsItsRecordsOneThatDidNotKeepsThem() {
        ExportPosition p = ExportPosition.startingAt(0);
        p.remember(new ExportPosition.Key(1, 5), 2000);
        p.pageCompleted(false);
        assertEquals(1, p.windowSize());
        p.cursor = "next";
        p.pageCompleted(true);
        assertEquals(0, p.windowSize());
        assertTrue(p.toJson().length() < 80);
    }
}
