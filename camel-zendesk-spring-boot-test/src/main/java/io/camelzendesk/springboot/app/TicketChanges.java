package io.camelzendesk.springboot.app;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.model.Ticket;

/**
 * The last ticket changes the export route received (the {@code ticket-changes} route calls {@link #record}): what
 * an application would hand to another system, kept here so that it can be looked at.
 */
@Component("ticketChanges")
public class TicketChanges {

    /** One change: the ticket's id, status, subject and tags, and the export headers of the exchange. */
    public record Change(long id, String status, String subject, List<String> tags, String updatedAt,
            Object position) {
    }

    private static final int KEEP = 1000;

    private final Deque<Change> changes = new ArrayDeque<>();

    public synchronized void record(Exchange exchange) {
        Ticket ticket = exchange.getMessage().getBody(Ticket.class);
        changes.addLast(new Change(exchange.getMessage().getHeader(ZendeskConstants.ID, Long.class),
                ticket.getStatus(), ticket.getSubject(), ticket.getTags() == null ? List.of() : List.copyOf(ticket.getTags()),
                String.valueOf(exchange.getMessage().getHeader(ZendeskConstants.UPDATED_AT)),
                exchange.getMessage().getHeader(ZendeskConstants.POSITION)));
        while (changes.size() > KEEP) {
            changes.removeFirst();
        }
    }

    public synchronized List<Change> all() {
        return List.copyOf(changes);
    }
}
