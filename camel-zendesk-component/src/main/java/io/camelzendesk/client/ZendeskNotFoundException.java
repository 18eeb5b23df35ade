package io.camelzendesk.client;

/** HTTP 404: the object does not exist (RecordNotFound). */
public class ZendeskNotFoundException extends ZendeskApiException {

    public ZendeskNotFoundException(ZendeskError error) {
        super(error);
    }
}
