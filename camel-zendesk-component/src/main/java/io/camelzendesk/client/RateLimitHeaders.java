package io.camelzendesk.client;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The rate-limit headers of one Zendesk response: the account's budget ({@code X-Rate-Limit},
 * {@code X-Rate-Limit-Remaining}, {@code ratelimit-limit/-remaining/-reset}, {@code rate-limit-*}, any case) and
 * the endpoints' ({@code Zendesk-RateLimit-<name>: total=100; remaining=99; resets=41}, any name: Zendesk adds them
 * over time, so none is hard-coded here).
 *
 * @param account  the account's budget, {@code remaining} -1 when the response had none
 * @param endpoints each endpoint budget the response reported, its name in lower case
 */
record RateLimitHeaders(Values account, List<Values> endpoints) {

    static final String ENDPOINT_PREFIX = "zendesk-ratelimit-";

    /** One budget as a response reported it; -1 where a value was missing. */
    record Values(String name, int limit, int remaining, long resetSeconds) {
        boolean exhausted() {
            return remaining == 0;
        }
    }

    static RateLimitHeaders parse(Map<String, List<String>> headers) {
        int limit = -1;
        int remaining = -1;
        long reset = -1;
        List<Values> endpoints = List.of();
        for (Map.Entry<String, List<String>> e : headers.entrySet()) {
            if (e.getKey() == null || e.getValue().isEmpty()) {
                continue;
            }
            String key = e.getKey().toLowerCase(Locale.ROOT);
            String value = e.getValue().get(0).trim();
            switch (key) {
                case "x-rate-limit", "ratelimit-limit", "rate-limit" -> limit = parseInt(value, limit);
                case "x-rate-limit-remaining", "ratelimit-remaining", "rate-limit-remaining" ->
                        remaining = parseInt(value, remaining);
                case "ratelimit-reset", "rate-limit-reset", "x-rate-limit-reset" -> reset = parseInt(value, -1);
                default -> {
                    if (key.startsWith(ENDPOINT_PREFIX) && key.length() > ENDPOINT_PREFIX.length()) {
                        if (endpoints.isEmpty()) {
                            endpoints = new ArrayList<>(2);
                        }
                        endpoints.add(endpointValues(key.substring(ENDPOINT_PREFIX.length()), value));
                    }
                }
            }
        }
        return new RateLimitHeaders(new Values("account", limit, remaining, reset), endpoints);
    }

    /** {@code total=100; remaining=99; resets=41}, in any order, spaces optional. */
    static Values endpointValues(String name, String value) {
        int total = -1;
        int remaining = -1;
        long resets = -1;
        for (String part : value.split("[;,]")) {
            int eq = part.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String k = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            int v = parseInt(part.substring(eq + 1).trim(), -1);
            switch (k) {
                case "total" -> total = v;
                case "remaining" -> remaining = v;
                case "resets" -> resets = v;
                default -> {
                }
            }
        }
        return new Values(name, total, remaining, resets);
    }

    private static int parseInt(String value, int fallback) {
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return fallback;
        }
    }
}
