package io.camelzendesk.client;

/** HTTP 429: the rate limit was exceeded and retries were exhausted. */
public class ZendeskRateLimitException extends ZendeskApiException {

    public ZendeskRateLimitException(ZendeskError error) {
        super(error);
    }
}
