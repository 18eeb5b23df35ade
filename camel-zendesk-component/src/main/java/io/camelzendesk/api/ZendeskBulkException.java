package io.camelzendesk.api;

import io.camelzendesk.client.ZendeskException;
import io.camelzendesk.model.BulkResult;

/** Some items of a bulk operation failed: the result lists every item, failed or not. */
public class ZendeskBulkException extends ZendeskException {

    private final transient BulkResult result;

    public ZendeskBulkException(String message, BulkResult result) {
        super(message);
        this.result = result;
    }

    public BulkResult getResult() {
        return result;
    }
}
