package io.camelzendesk.component.export;

import java.util.Map;

import org.apache.camel.Message;

import io.camelzendesk.api.TicketFieldsApi;
import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.model.Ticket;
import io.camelzendesk.model.ZendeskObject;

/**
 * The headers a consumed record brings beside its body, the same from the export and the webhook path: the
 * side-loaded objects it references (option {@code include}), and a ticket's custom fields by title (option
 * {@code customFieldsByName}), so that a route needs no read of its own for them.
 */
public final class RecordHeaders {

    private RecordHeaders() {
    }

    /** The side-loads the record references, from those of its page (or of its own read). */
    public static void sideloads(Message m, ZendeskObject record,
            Map<String, Map<Object, Map<String, Object>>> sideloads) {
        if (sideloads != null && !sideloads.isEmpty()) {
            m.setHeader(ZendeskConstants.SIDELOADS, ExportRecords.referenced(record, sideloads));
        }
    }

    /** A ticket's custom fields by title, from the account's cache of ticket fields (read once per its TTL). */
    public static void customFieldsByName(Message m, ZendeskObject record, TicketFieldsApi fields) {
        if (fields != null && record instanceof Ticket t && t.getCustomFields() != null) {
            m.setHeader(ZendeskConstants.CUSTOM_FIELDS_BY_NAME, fields.byName(t.getCustomFields()).join());
        }
    }
}
