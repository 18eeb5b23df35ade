package io.camelzendesk.client;

/** HTTP 403: the credentials lack a scope or role. */
public class ZendeskForbiddenException extends ZendeskApiException {

    public ZendeskForbiddenException(ZendeskError error) {
        super(error);
    }
}
