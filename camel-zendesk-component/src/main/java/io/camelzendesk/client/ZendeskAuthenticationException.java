package io.camelzendesk.client;

/** HTTP 401: the credentials were refused (missing, wrong or expired). */
public class ZendeskAuthenticationException extends ZendeskApiException {

    public ZendeskAuthenticationException(ZendeskError error) {
        super(error);
    }
}
