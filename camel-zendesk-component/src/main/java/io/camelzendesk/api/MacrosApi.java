package io.camelzendesk.api;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import io.camelzendesk.client.FieldReader;
import io.camelzendesk.client.PageIterator;
import io.camelzendesk.client.ZendeskJson;
import io.camelzendesk.client.ZendeskRequest;
import io.camelzendesk.client.ZendeskResponse;
import io.camelzendesk.model.Comment;
import io.camelzendesk.model.Macro;
import io.camelzendesk.model.Ticket;

/** Macros: the generic calls, the active macros, and applying a macro to a ticket (preview, or preview and save). */
public final class MacrosApi extends ResourceApi<Macro> {

    /** Fields of a macro preview's ticket that an update must not send back. */
    private static final Set<String> APPLY_READ_ONLY = Set.of("id", "url", "created_at", "updated_at",
            "generated_timestamp", "via", "satisfaction_rating", "description", "fields", "has_incidents", "is_public",
            "allow_channelback", "allow_attachments", "from_messaging_channel", "sharing_agreement_ids",
            "followup_ids", "encoded_id");

    MacrosApi(ZendeskApi api) {
        super(api, ApiResource.MACROS);
    }

    public CompletableFuture<PageIterator<Macro>> listActive(ListOptions options) {
        return list(resource.path() + "/active", options);
    }

    /** The ticket as the macro would leave it (with the comment it would add); the ticket itself is unchanged. */
    @SuppressWarnings("unchecked")
    public CompletableFuture<ZendeskResponse<Ticket>> apply(long macroId, long ticketId) {
        String path = ApiResource.TICKETS.path(ticketId) + "/macros/" + macroId + "/apply";
        return client.send(ZendeskRequest.get(path).build(), new FieldReader<>("result", Map.class)).thenApply(r -> {
            Map<String, Object> result = r.body();
            Ticket ticket = ZendeskJson.MAPPER.convertValue(result.get("ticket"), Ticket.class);
            if (result.get("comment") instanceof Map<?, ?> c) {
                ticket.setComment(ZendeskJson.MAPPER.convertValue(c, Comment.class));
            }
            return new ZendeskResponse<>(r.status(), r.headers(), ticket);
        });
    }

    /**
     * Applies the macro and saves the result as a ticket update (repeatable unless the macro adds a comment).
     * The response is the save's.
     */
    public CompletableFuture<ZendeskResponse<Ticket>> applyAndSave(long macroId, long ticketId) {
        return apply(macroId, ticketId).thenCompose(r -> save(ticketId, r.body()));
    }

    private CompletableFuture<ZendeskResponse<Ticket>> save(long ticketId, Ticket applied) {
        Map<String, Object> ticket = new LinkedHashMap<>(applied.fields());
        // the read-only fields of the preview (Zendesk's ticket JSON format) are not sent back; "fields" is an alias
        // of custom_fields
        ticket.keySet().removeAll(APPLY_READ_ONLY);
        if (ticket.get("comment") instanceof Comment c) {
            Map<String, Object> comment = new LinkedHashMap<>(c.fields());
            comment.remove("scoped_body");
            if (comment.get("html_body") != null) {
                comment.remove("body");
            }
            ticket.put("comment", comment);
        }
        return client.send(ZendeskRequest.put(ApiResource.TICKETS.path(ticketId))
                .json(ZendeskBodies.envelope("ticket", ticket)).repeatable(RepeatableWrites.ticketUpdate(ticket))
                .build(), new FieldReader<>("ticket", Ticket.class));
    }
}
