package io.camelzendesk.examples;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.model.User;
import io.camelzendesk.model.ZendeskObject;

/**
 * The mapping between the CRM tables and Zendesk, and the two rules that keep a two-way sync from ping-ponging.
 * <p>
 * <b>Echo suppression.</b> Each CRM row keeps {@code synced_hash}, the hash of the synced fields as both sides
 * last agreed, and {@code synced_at}, the CRM {@code updated_at} that was synced. A change read from Zendesk whose
 * fields hash to {@code synced_hash} is the echo of our own write (or touches no synced field) and is dropped;
 * a change written into the CRM by the sync sets {@code synced_at = updated_at}, so the CRM poll, which picks rows
 * with {@code updated_at > synced_at}, does not send it back.
 * <p>
 * <b>Conflict rule.</b> When both sides changed a record since the last sync, the most recent change wins (the CRM
 * row's {@code updated_at} against Zendesk's {@code updated_at}); on a tie the CRM wins, being the system of
 * record. A CRM win leaves the CRM change pending, so the next CRM poll overwrites Zendesk; a Zendesk win
 * overwrites the CRM row and marks it synced.
 */
public class CrmSync {

    // ---------------------------------------------------------------- accounts <-> organizations

    /** The organization for a {@code crm_account} row (create_or_update by external_id). */
    public Map<String, Object> organization(Map<String, Object> row) {
        Map<String, Object> org = new LinkedHashMap<>();
        org.put("external_id", row.get("account_id"));
        org.put("name", row.get("name"));
        org.put("domain_names", row.get("domain") == null ? List.of() : List.of(row.get("domain").toString()));
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tier", row.get("tier"));
        fields.put("account_manager", row.get("account_manager"));
        org.put("organization_fields", fields);
        return org;
    }

    public String accountHash(Map<String, Object> row) {
        return hash(row.get("name"), lower(row.get("domain")), row.get("tier"), row.get("account_manager"));
    }

    public String organizationHash(ZendeskObject org) {
        Map<?, ?> fields = org.get("organization_fields") instanceof Map<?, ?> m ? m : Map.of();
        Object domains = org.get("domain_names");
        Object domain = domains instanceof Collection<?> c && !c.isEmpty() ? c.iterator().next() : null;
        return hash(org.get("name"), lower(domain), fields.get("tier"), fields.get("account_manager"));
    }

    /** Headers for the UPDATE of a crm_account row from a Zendesk organization (property {@code zendesk}). */
    public void accountFromOrganization(Exchange exchange) {
        ZendeskObject org = exchange.getProperty("zendesk", ZendeskObject.class);
        Map<?, ?> fields = org.get("organization_fields") instanceof Map<?, ?> m ? m : Map.of();
        Object domains = org.get("domain_names");
        Message msg = exchange.getMessage();
        msg.setHeader("name", org.get("name"));
        msg.setHeader("domain", domains instanceof Collection<?> c && !c.isEmpty() ? c.iterator().next() : null);
        msg.setHeader("tier", fields.get("tier"));
        msg.setHeader("accountManager", fields.get("account_manager"));
        msg.setHeader("zendeskId", org.getId());
        msg.setHeader("externalId", org.get("external_id"));
    }

    // ---------------------------------------------------------------- contacts <-> users

    /** The end user for a {@code crm_contact} row joined with its account's {@code organization_id}. */
    public Map<String, Object> user(Map<String, Object> row) {
        Map<String, Object> user = new LinkedHashMap<>();
        user.put("external_id", row.get("contact_id"));
        user.put("name", row.get("name"));
        user.put("email", lower(row.get("email")));
        user.put("phone", row.get("phone"));
        user.put("role", "end-user");
        if (row.get("organization_id") != null) {
            user.put("organization_id", row.get("organization_id"));
        }
        return user;
    }

    public String contactHash(Map<String, Object> row) {
        return hash(row.get("name"), lower(row.get("email")), row.get("phone"));
    }

    public String userHash(ZendeskObject user) {
        return hash(user.get("name"), lower(user.get("email")), user.get("phone"));
    }

    public void contactFromUser(Exchange exchange) {
        ZendeskObject user = exchange.getProperty("zendesk", ZendeskObject.class);
        Message msg = exchange.getMessage();
        msg.setHeader("name", user.get("name"));
        msg.setHeader("email", lower(user.get("email")));
        msg.setHeader("phone", user.get("phone"));
        msg.setHeader("zendeskId", user.getId());
        msg.setHeader("externalId", user.get("external_id"));
    }

    // ---------------------------------------------------------------- the decision

    /**
     * What to do with a change read from Zendesk, given the CRM row (null when the CRM has no such record):
     * {@code unknown}, {@code echo}, {@code crm-wins} or {@code apply}.
     */
    public String decide(Map<String, Object> crmRow, ZendeskObject zendesk, String zendeskHash) {
        if (crmRow == null) {
            return "unknown";
        }
        if (Objects.equals(zendeskHash, crmRow.get("synced_hash"))) {
            return "echo";
        }
        Instant crmUpdated = instant(crmRow.get("updated_at"));
        Instant crmSynced = instant(crmRow.get("synced_at"));
        boolean crmPending = crmSynced == null || (crmUpdated != null && crmUpdated.isAfter(crmSynced));
        Instant zdUpdated = zendesk.getUpdatedAt();
        if (crmPending && crmUpdated != null && (zdUpdated == null || !crmUpdated.isBefore(zdUpdated))) {
            return "crm-wins";
        }
        return "apply";
    }

    /** {@link #decide} for the exchange: properties {@code crmRow}, {@code zendesk}, header {@code zendeskHash}. */
    @SuppressWarnings("unchecked")
    public String decideFor(Exchange exchange) {
        return decide(exchange.getProperty("crmRow", Map.class), exchange.getProperty("zendesk", ZendeskObject.class),
                exchange.getMessage().getHeader("zendeskHash", String.class));
    }

    /** The first row of a query result, or null. */
    public Map<String, Object> firstRow(List<Map<String, Object>> rows) {
        return rows == null || rows.isEmpty() ? null : rows.get(0);
    }

    // ---------------------------------------------------------------- ticket enrichment

    /** Headers {@code orgId} and {@code requesterId} of a ticket for the CRM lookup (-1 when absent). */
    public void ticketKeys(Exchange exchange) {
        ZendeskObject ticket = exchange.getMessage().getBody(ZendeskObject.class);
        exchange.getMessage().setHeader("orgId", ticket.get("organization_id") == null ? -1L
                : Long.valueOf(ticket.get("organization_id").toString()));
        exchange.getMessage().setHeader("requesterId", ticket.get("requester_id") == null ? -1L
                : Long.valueOf(ticket.get("requester_id").toString()));
    }

    /**
     * The requester of the ticket in the body, from the users the consumer read with it ({@code include: users}, header
     * {@code CamelZendeskSideloads}), or null when it was not side-loaded (the route then reads it).
     */
    public User sideloadedRequester(Exchange exchange) {
        ZendeskObject ticket = exchange.getMessage().getBody(ZendeskObject.class);
        Object id = ticket.get("requester_id");
        Map<?, ?> sideloads = exchange.getMessage().getHeader(ZendeskConstants.SIDELOADS, Map.class);
        Object user = id != null && sideloads != null && sideloads.get("users") instanceof Map<?, ?> users
                ? users.get(id) : null;
        return user == null ? null : exchange.getContext().getTypeConverter().convertTo(User.class, exchange, user);
    }

    /** The ticket update that writes the CRM data into custom fields (by name) and tags the ticket as enriched. */
    public Map<String, Object> enrichment(ZendeskObject ticket, Map<String, Object> account) {
        Map<String, Object> customFields = new LinkedHashMap<>();
        customFields.put("Customer tier", account.get("tier"));
        customFields.put("Account manager", account.get("account_manager"));
        List<Object> tags = new ArrayList<>(ticket.get("tags") instanceof Collection<?> c ? c : List.of());
        tags.add("crm_enriched");
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("id", ticket.getId());
        update.put("custom_fields", customFields);
        update.put("tags", tags);
        return update;
    }

    /** True when the ticket has the tag. */
    public boolean tagged(ZendeskObject ticket, String tag) {
        return ticket.get("tags") instanceof Collection<?> c && c.contains(tag);
    }

    // ---------------------------------------------------------------- helpers

    static String hash(Object... values) {
        StringBuilder sb = new StringBuilder();
        for (Object v : values) {
            sb.append(v == null ? "\u0000" : v.toString().strip()).append('\u001f');
        }
        return TicketRequests.sha256(sb.toString());
    }

    private static String lower(Object o) {
        return o == null ? null : o.toString().trim().toLowerCase(Locale.ROOT);
    }

    static Instant instant(Object o) {
        if (o == null) {
            return null;
        }
        if (o instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (o instanceof ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        if (o instanceof Timestamp ts) {
            return ts.toInstant();
        }
        if (o instanceof Instant i) {
            return i;
        }
        return OffsetDateTime.parse(o.toString()).toInstant();
    }
}
