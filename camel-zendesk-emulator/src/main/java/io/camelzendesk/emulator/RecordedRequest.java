package io.camelzendesk.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A request the emulator received (admin requests are not recorded).
 *
 * @param method  HTTP method
 * @param path    raw path as sent (e.g. {@code /api/v2/tickets.json})
 * @param query   raw query string, or null
 * @param headers request headers, names in lower case
 * @param body    the body as UTF-8 text (empty when none)
 * @param at      when it was received (emulator clock)
 */
public record RecordedRequest(String method, String path, String query, Map<String, List<String>> headers, String body, Instant at) {

    /** First value of a header (case-insensitive), or null. */
    public String header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? null : v.get(0);
    }
}
