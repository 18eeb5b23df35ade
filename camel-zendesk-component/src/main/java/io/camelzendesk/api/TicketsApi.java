package io.camelzendesk.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.camelzendesk.client.PageIterator;
import io.camelzendesk.client.ZendeskRequest;
import io.camelzendesk.client.ZendeskResponse;
import io.camelzendesk.model.Comment;
import io.camelzendesk.model.Ticket;

/**
 * Tickets: the generic calls, with custom fields given by name resolved before a write ({@link TicketFieldsApi}),
 * plus an {@code Idempotency-Key} on every create, safe updates, comments.
 */
public final class TicketsApi extends ResourceApi<Ticket> {

    TicketsApi(ZendeskApi api) {
        super(api, ApiResource.TICKETS);
    }

    /** Creates a ticket with a key generated for this call, so that the client's own retries create it once. */
    @Override
    public CompletableFuture<ZendeskResponse<Ticket>> create(Map<String, Object> ticket) {
        return create(ticket, null);
    }

    /**
     * Creates a ticket with this {@code Idempotency-Key} (null: one generated for this call): Zendesk answers a
     * repeat with the first ticket, so the create is retried like a read.
     */
    public CompletableFuture<ZendeskResponse<Ticket>> create(Map<String, Object> ticket, String idempotencyKey) {
        return prepare(ticket).thenCompose(v -> send(ZendeskRequest.post(resource.path())
                .json(ZendeskBodies.envelope(resource.singular(), ticket)).repeatable(false)
                .idempotencyKey(RepeatableWrites.ticketCreateKey(idempotencyKey))));
    }

    /**
     * An update that Zendesk refuses with a 409 when the ticket changed since {@code updatedStamp} (the
     * {@code updated_at} that was read); not repeated (a repeat of one that succeeded would answer a false 409).
     */
    public CompletableFuture<ZendeskResponse<Ticket>> safeUpdate(long id, Map<String, Object> ticket,
            String updatedStamp) {
        return safeUpdate(id, ticket, updatedStamp, false);
    }

    /** A safe update, in the ticket's queue of coalesced updates when {@code coalesced} (never merged). */
    public CompletableFuture<ZendeskResponse<Ticket>> safeUpdate(long id, Map<String, Object> ticket,
            String updatedStamp, boolean coalesced) {
        ticket.put("safe_update", true);
        ticket.put("updated_stamp", updatedStamp);
        ticket.remove("updated_at");
        return coalesced ? coalescedUpdate(id, ticket) : update(id, ticket);
    }

    /**
     * An update coalesced with the other coalesced updates of the same ticket ({@link TicketUpdateQueue}): sent at
     * once when none is under way, else merged with those waiting behind it into one request. The answer is the
     * ticket after the request that carried this update.
     */
    public CompletableFuture<ZendeskResponse<Ticket>> coalescedUpdate(long id, Map<String, Object> ticket) {
        return api.ticketUpdates().submit(id, ticket, prepare(ticket), merged -> send(ZendeskRequest.put(
                resource.path(id)).json(ZendeskBodies.envelope("ticket", merged)).repeatable(repeatable(merged))));
    }

    /** A comment added by a coalesced update (see {@link #coalescedUpdate}). */
    public CompletableFuture<ZendeskResponse<Ticket>> coalescedComment(long ticketId, Map<String, Object> comment) {
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("comment", comment);
        return coalescedUpdate(ticketId, ticket);
    }

    /** Updates given to {@link #coalescedUpdate} and the requests that carried them, for this account. */
    public long[] coalescedCounts() {
        return new long[] {api.ticketUpdates().updates(), api.ticketUpdates().requests()};
    }

    /** Adds a comment (an update that is never repeated: a repeat would add the comment twice). */
    public CompletableFuture<ZendeskResponse<Ticket>> addComment(long ticketId, Map<String, Object> comment) {
        Map<String, Object> ticket = new LinkedHashMap<>();
        ticket.put("comment", comment);
        return send(ZendeskRequest.put(resource.path(ticketId)).json(ZendeskBodies.envelope("ticket", ticket))
                .repeatable(false));
    }

    public CompletableFuture<PageIterator<Comment>> listComments(long ticketId, ListOptions options) {
        return list(ZendeskRequest.get(resource.path(ticketId) + "/comments").query("page[size]", options.pageSize())
                .query("include", options.include()).build(), "comments", Comment.class,
                options.include() != null, options.maxResults());
    }

    @Override
    CompletableFuture<Void> prepare(Map<String, Object> ticket) {
        return api.ticketFields().resolve(ticket);
    }

    /** Repeatable unless it adds a comment or is a safe update. */
    @Override
    boolean repeatable(Map<String, Object> ticket) {
        return RepeatableWrites.ticketUpdate(ticket);
    }
}
