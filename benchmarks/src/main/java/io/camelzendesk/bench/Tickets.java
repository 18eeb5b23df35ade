package io.camelzendesk.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Realistic Zendesk tickets: every field of the ticket object, a description of about 1 KB, tags and five custom
 * fields; about 2.6 KB of JSON each. Deterministic: ticket {@code id} is always the same.
 */
final class Tickets {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String HOST = "https://acme.zendesk.com";

    private static final String[] WORDS = ("the customer reports that order invoice shipping delayed refund account"
            + " login password reset cannot access dashboard export report billing plan upgrade downgrade"
            + " subscription renewal payment card declined error message page blank after update mobile app"
            + " android iphone browser chrome firefox safari please help urgent since yesterday morning again"
            + " tried clearing cache cookies restarting still same problem screenshot attached thanks regards")
            .split(" ");
    private static final String[] STATUSES = {"new", "open", "pending", "hold", "solved", "closed"};
    private static final String[] PRIORITIES = {"low", "normal", "high", "urgent"};
    private static final String[] TYPES = {"question", "incident", "problem", "task"};
    private static final String[] CHANNELS = {"email", "web", "api", "chat", "voice"};
    private static final long BASE_TIME = 1_704_067_200L; // 2024-01-01T00:00:00Z

    private Tickets() {
    }

    /** The ticket with this id, as a JSON object (field order as Zendesk sends it). */
    static Map<String, Object> ticket(long id) {
        Random r = new Random(id);
        long created = BASE_TIME + id * 60;
        long updated = created + 3600 + r.nextInt(86_400);
        String subject = sentence(r, 6 + r.nextInt(6));
        List<Map<String, Object>> custom = new ArrayList<>();
        custom.add(field(360_001_001L, "order-" + (100_000 + r.nextInt(900_000))));
        custom.add(field(360_001_002L, pick(r, new String[] {"plan_basic", "plan_team", "plan_enterprise"})));
        custom.add(field(360_001_003L, r.nextBoolean()));
        custom.add(field(360_001_004L, String.valueOf(r.nextInt(10_000) / 100.0)));
        custom.add(field(360_001_005L, sentence(r, 4)));

        Map<String, Object> t = new LinkedHashMap<>();
        t.put("url", HOST + "/api/v2/tickets/" + id + ".json");
        t.put("id", id);
        t.put("external_id", r.nextInt(4) == 0 ? "ext-" + id : null);
        Map<String, Object> source = new LinkedHashMap<>();
        source.put("from", Map.of("address", "customer" + (id % 5000) + "@example.com", "name", "Customer " + (id % 5000)));
        source.put("to", Map.of("address", "support@acme.zendesk.com", "name", "Acme Support"));
        source.put("rel", null);
        Map<String, Object> via = new LinkedHashMap<>();
        via.put("channel", pick(r, CHANNELS));
        via.put("source", source);
        t.put("via", via);
        t.put("created_at", iso(created));
        t.put("updated_at", iso(updated));
        t.put("generated_timestamp", updated);
        t.put("type", pick(r, TYPES));
        t.put("subject", subject);
        t.put("raw_subject", subject);
        t.put("description", description(r));
        t.put("priority", pick(r, PRIORITIES));
        t.put("status", pick(r, STATUSES));
        t.put("recipient", "support@acme.zendesk.com");
        t.put("requester_id", 370_000_000_000L + id % 5000);
        t.put("submitter_id", 370_000_000_000L + id % 5000);
        t.put("assignee_id", 370_000_100_000L + r.nextInt(40));
        t.put("organization_id", 360_000_000_000L + r.nextInt(300));
        t.put("group_id", 360_000_500_000L + r.nextInt(8));
        t.put("collaborator_ids", List.of(370_000_200_000L + r.nextInt(100)));
        t.put("follower_ids", List.of());
        t.put("email_cc_ids", List.of(370_000_200_000L + r.nextInt(100)));
        t.put("forum_topic_id", null);
        t.put("problem_id", null);
        t.put("has_incidents", false);
        t.put("is_public", true);
        t.put("due_at", null);
        t.put("tags", List.of(pick(r, WORDS), pick(r, WORDS), "vip_" + r.nextInt(3), "region_eu"));
        t.put("custom_fields", custom);
        t.put("satisfaction_rating", Map.of("score", pick(r, new String[] {"unoffered", "offered", "good", "bad"})));
        t.put("sharing_agreement_ids", List.of());
        t.put("custom_status_id", 360_000_900_000L + r.nextInt(6));
        t.put("encoded_id", "X" + Long.toString(id * 7919, 36).toUpperCase() + "-Q2W8");
        t.put("fields", custom);
        t.put("followup_ids", List.of());
        t.put("ticket_form_id", 360_000_700_001L);
        t.put("brand_id", 360_000_800_001L);
        t.put("allow_channelback", false);
        t.put("allow_attachments", true);
        t.put("from_messaging_channel", false);
        return t;
    }

    static byte[] ticketJson(long id) {
        try {
            return JSON.writeValueAsBytes(ticket(id));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, Object> field(long id, Object value) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("value", value);
        return f;
    }

    /** About 1 KB of text over several lines, with quotes and a non-ASCII character to escape. */
    private static String description(Random r) {
        StringBuilder b = new StringBuilder(1100);
        b.append("Hello Acme team,\n\n");
        while (b.length() < 900) {
            b.append(sentence(r, 8 + r.nextInt(10))).append(". ");
            if (r.nextInt(4) == 0) {
                b.append("\"Error 0x").append(Integer.toHexString(r.nextInt())).append("\" – see below.\n");
            }
        }
        b.append("\n\nBest regards,\nCustomer");
        return b.toString();
    }

    private static String sentence(Random r, int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            String w = pick(r, WORDS);
            b.append(i == 0 ? Character.toUpperCase(w.charAt(0)) + w.substring(1) : " " + w);
        }
        return b.toString();
    }

    private static String pick(Random r, String[] values) {
        return values[r.nextInt(values.length)];
    }

    private static String iso(long epochSecond) {
        return Instant.ofEpochSecond(epochSecond).toString();
    }
}
