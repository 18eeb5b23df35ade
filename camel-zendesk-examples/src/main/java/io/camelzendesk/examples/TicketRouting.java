package io.camelzendesk.examples;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.apache.camel.Exchange;

import io.camelzendesk.model.ZendeskObject;

/**
 * Classifies a ticket by its organization's tier (from the CRM), keywords and custom fields:
 * <ul>
 * <li>keywords "invoice, billing, refund, payment" -> group Billing; "shipping, delivery, parcel" -> Shipping;
 * "outage, down, urgent, emergency, data loss" -> urgent; otherwise group Support;</li>
 * <li>custom field Product "Gizmo API" -> group Tier 2 (API questions need engineers); the product becomes a tag;</li>
 * <li>tier Platinum/Gold -> tag vip and at least priority high; VIP and urgent -> escalation: priority urgent,
 * group Escalations, tag escalated, a private note, a notification in the outbox.</li>
 * </ul>
 * Only differences are written: a ticket already routed the same way causes no update (so the update caused by the
 * routing, delivered again by the "updated" trigger, ends there).
 */
public class TicketRouting {

    private static final Pattern URGENT = Pattern.compile("\\b(outage|down|urgent|emergency|data loss)\\b");
    private static final Pattern BILLING = Pattern.compile("\\b(invoice|invoices|billing|refund|payment)\\b");
    private static final Pattern SHIPPING = Pattern.compile("\\b(shipping|delivery|parcel)\\b");
    private static final Set<String> VIP_TIERS = Set.of("platinum", "gold");
    private static final List<String> PRIORITIES = List.of("low", "normal", "high", "urgent");

    /**
     * In: body the ticket, property {@code account} the CRM row (or null), header
     * {@code CamelZendeskCustomFieldsByName}. Out: headers {@code routingGroup}, {@code routingEscalate}; body the
     * update to send, or null when the ticket is already routed this way.
     */
    @SuppressWarnings("unchecked")
    public void classify(Exchange exchange) {
        ZendeskObject ticket = exchange.getMessage().getBody(ZendeskObject.class);
        Map<String, Object> account = exchange.getProperty("account", Map.class);
        Map<String, Object> fields = exchange.getMessage().getHeader("CamelZendeskCustomFieldsByName", Map.class);
        String text = (ticket.get("subject") + " " + ticket.get("description")).toLowerCase(Locale.ROOT);
        String tier = account == null || account.get("tier") == null ? null
                : account.get("tier").toString().toLowerCase(Locale.ROOT);
        boolean vip = tier != null && VIP_TIERS.contains(tier);
        boolean urgent = URGENT.matcher(text).find();
        Object product = fields == null ? null : fields.get("Product");

        String group = "Support";
        if (BILLING.matcher(text).find()) {
            group = "Billing";
        } else if (SHIPPING.matcher(text).find()) {
            group = "Shipping";
        } else if ("Gizmo API".equals(product)) {
            group = "Tier 2";
        }
        String priority = urgent ? "urgent" : vip ? "high" : "normal";
        boolean escalate = vip && urgent;
        List<String> tags = new ArrayList<>();
        if (vip) {
            tags.add("vip");
        }
        if (tier != null) {
            tags.add("tier_" + tier);
        }
        if (product != null) {
            tags.add("product_" + product.toString().toLowerCase(Locale.ROOT).replace(' ', '_'));
        }
        if (escalate) {
            group = "Escalations";
            tags.add("escalated");
        }
        tags.add("routed");

        List<Object> current = new ArrayList<>(ticket.get("tags") instanceof Collection<?> c ? c : List.of());
        String currentPriority = ticket.get("priority") == null ? null : ticket.get("priority").toString();
        // never lower a priority an agent raised
        if (currentPriority != null && PRIORITIES.indexOf(currentPriority) > PRIORITIES.indexOf(priority)) {
            priority = currentPriority;
        }
        exchange.getMessage().setHeader("routingGroup", group);
        exchange.getMessage().setHeader("routingPriority", priority);
        exchange.getMessage().setHeader("routingEscalate", escalate && !current.contains("escalated"));
        boolean tagsMissing = !current.containsAll(tags);
        boolean changed = tagsMissing || !priority.equals(currentPriority);
        exchange.getMessage().setHeader("routingTags", tags);
        exchange.getMessage().setHeader("routingNeeded", changed || ticket.get("group_id") == null);
    }

    /** The update: group (id), priority, tags added to the current ones. */
    public Map<String, Object> update(ZendeskObject ticket, Long groupId, String priority, List<String> tags) {
        List<Object> all = new ArrayList<>(ticket.get("tags") instanceof Collection<?> c ? c : List.of());
        for (String t : tags) {
            if (!all.contains(t)) {
                all.add(t);
            }
        }
        Map<String, Object> update = new LinkedHashMap<>();
        update.put("id", ticket.getId());
        if (groupId != null) {
            update.put("group_id", groupId);
        }
        update.put("priority", priority);
        update.put("tags", all);
        return update;
    }

    /** The escalation notification written to the outbox (JSON). */
    public Map<String, Object> notification(ZendeskObject ticket, Map<String, Object> account) {
        Map<String, Object> n = new LinkedHashMap<>();
        n.put("type", "escalation");
        n.put("ticket_id", ticket.getId());
        n.put("subject", ticket.get("subject"));
        n.put("account", account == null ? null : account.get("name"));
        n.put("tier", account == null ? null : account.get("tier"));
        n.put("notify", account == null ? null : account.get("account_manager"));
        return n;
    }
}
