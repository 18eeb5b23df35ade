package io.camelzendesk.client;

/** HTTP 422: Zendesk refused the object (RecordInvalid, InvalidValue). */
public class ZendeskValidationException extends ZendeskApiException {

    public ZendeskValidationException(ZendeskError error) {
        super(error);
    }
}
