package io.camelzendesk.client;

/** HTTP 409: a safe update found the object changed since it was read. */
public class ZendeskConflictException extends ZendeskApiException {

    public ZendeskConflictException(ZendeskError error) {
        super(error);
    }
}
