package io.camelzendesk.client;

import java.util.List;
import java.util.Map;

/**
 * One page of a Zendesk list, search or incremental export, whatever its pagination style.
 *
 * @param items        the objects of the page's main array
 * @param sideloads    other arrays of the page ({@code include=} side-loads): name to objects
 * @param hasMore      cursor pagination's {@code meta.has_more} (null when the page had no {@code meta})
 * @param nextUrl      the URL of the next page ({@code links.next}, {@code next_page} or {@code after_url}), or null
 * @param afterCursor  {@code meta.after_cursor} or the export's {@code after_cursor}
 * @param endOfStream  the incremental export's {@code end_of_stream} (null when absent)
 * @param endTime      the time-based export's {@code end_time} (epoch seconds; null when absent)
 * @param count        {@code count} (null when absent)
 */
public record Page<T>(List<T> items, Map<String, List<Map<String, Object>>> sideloads, Boolean hasMore, String nextUrl,
        String afterCursor, Boolean endOfStream, Long endTime, Long count) {

    /** The URL to follow for the next page of a list or search, or null at the end. */
    public String next() {
        if (hasMore != null) {
            return hasMore ? nextUrl : null;
        }
        if (endOfStream != null && endOfStream) {
            return null;
        }
        return nextUrl;
    }
}
