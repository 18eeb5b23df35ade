package io.camelzendesk.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.camelzendesk.model.TicketField;

/**
 * Ticket fields: the generic calls, and the account's fields from a cache that every view of one
 * {@link ZendeskApi} shares, each read taking the view's own maximum age
 * ({@link ZendeskApi#withTicketFieldsMaxAge(Duration)}).
 */
public final class TicketFieldsApi extends ResourceApi<TicketField> {

    private final CustomFieldResolver cache;
    private final Duration maxAge;

    TicketFieldsApi(ZendeskApi api, CustomFieldResolver cache, Duration maxAge) {
        super(api, ApiResource.TICKET_FIELDS);
        this.cache = cache;
        this.maxAge = maxAge;
    }

    /** Every ticket field of the account, from the cache when it is younger than this view's maximum age. */
    public CompletableFuture<List<TicketField>> cached() {
        return cache.fields(maxAge);
    }

    /**
     * Resolves, in place, the {@code custom_fields} of a ticket given as a map of field title (or key) to value,
     * with dropdown values by option name, into Zendesk's {@code [{id, value}]}. No request when all are given by
     * id; the cache is reloaded once on an unknown name.
     */
    public CompletableFuture<Void> resolve(Map<String, Object> ticket) {
        return cache.resolve(ticket, maxAge);
    }

    /** The custom fields of a ticket by field title, dropdown values by option name. */
    public CompletableFuture<Map<String, Object>> byName(List<Map<String, Object>> customFields) {
        return cache.byName(customFields, maxAge);
    }
}
