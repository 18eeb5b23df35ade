package io.camelzendesk.client;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** What is known about a failed response; turned into a {@link ZendeskApiException}. */
public record ZendeskError(int status, String error, String description,
        Map<String, List<Map<String, Object>>> details, Duration retryAfter, String requestId,
        String method, String path, int attempts) {
}
