package io.camelzendesk.client;

import java.time.Duration;
import java.util.List;

/**
 * Zendesk's documented endpoint limits, on top of the account's budget: what the client keeps to when Zendesk sends
 * no header for them (and until it does). Where Zendesk sends a {@code Zendesk-RateLimit-<name>} header, the budget of
 * that name also follows it ({@link AccountLimits}); the names here are the headers' names.
 * <p>
 * Sources: Zendesk's rate-limits page ("Endpoint rate limits") and the Tickets, Users, Organizations, Search and
 * Ticket Fields references. Trial and sandbox accounts have lower limits, High Volume accounts higher ones: the
 * headers tell the client, these are the defaults of a paid plan.
 */
final class EndpointLimits {

    /**
     * One endpoint's limits.
     *
     * @param name          the budget's name (the header's, where Zendesk sends one)
     * @param method        the HTTP method
     * @param template      the path with {@code {id}} for numeric segments and no {@code .json}
     * @param perMinute     requests per minute for the whole account (0: none documented)
     * @param perObject     requests per {@code objectWindow} per object: the {@code {id}} in the path (0: none)
     * @param objectWindow  the window of {@code perObject}
     */
    record EndpointLimit(String name, String method, String template, int perMinute, int perObject,
                         Duration objectWindow) {
    }

    static final List<EndpointLimit> TABLE = List.of(
            // "30 updates per ticket per user per 10 minutes", "100 requests per minute per account" (300 HV)
            new EndpointLimit("tickets-update", "PUT", "/api/v2/tickets/{id}", 100, 30, Duration.ofMinutes(10)),
            // Update User: "5 requests per minute for each unique end user profile. For example, you can make 10 calls
            // per second as long as you make five calls for one user and five calls for another user"
            new EndpointLimit("create-update-user", "PUT", "/api/v2/users/{id}", 0, 5, Duration.ofMinutes(1)),
            // "5 requests per minute per organization"; no header
            new EndpointLimit("organizations-update", "PUT", "/api/v2/organizations/{id}", 0, 5,
                    Duration.ofMinutes(1)),
            new EndpointLimit("ticket-fields-update", "PUT", "/api/v2/ticket_fields/{id}", 75, 0, Duration.ZERO),
            new EndpointLimit("search-index", "GET", "/api/v2/search", 2500, 0, Duration.ZERO));

    private EndpointLimits() {
    }

    /** The documented limit of a request, or null. */
    static EndpointLimit of(String method, String template) {
        for (EndpointLimit l : TABLE) {
            if (l.method().equals(method) && l.template().equals(template)) {
                return l;
            }
        }
        return null;
    }

    /** {@code /api/v2/tickets/123.json} -> {@code /api/v2/tickets/{id}}: what a budget is kept per. */
    static String template(String rawPath) {
        String path = rawPath.endsWith(".json") ? rawPath.substring(0, rawPath.length() - 5) : rawPath;
        StringBuilder sb = new StringBuilder(path.length());
        int i = 0;
        while (i < path.length()) {
            int slash = path.indexOf('/', i);
            int end = slash < 0 ? path.length() : slash;
            String segment = path.substring(i, end);
            sb.append(!segment.isEmpty() && segment.chars().allMatch(Character::isDigit) ? "{id}" : segment);
            if (slash < 0) {
                break;
            }
            sb.append('/');
            i = slash + 1;
        }
        return sb.toString();
    }

    /** The numeric id a per-object limit is kept for: the last {@code {id}} of the path, or null. */
    static String objectId(String rawPath) {
        String path = rawPath.endsWith(".json") ? rawPath.substring(0, rawPath.length() - 5) : rawPath;
        String last = path.substring(path.lastIndexOf('/') + 1);
        return !last.isEmpty() && last.chars().allMatch(Character::isDigit) ? last : null;
    }
}
