package io.camelzendesk.examples;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.sql.DataSource;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import org.apache.camel.ProducerTemplate;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.camelzendesk.emulator.EmulatorAdmin;
import io.quarkus.runtime.StartupEvent;

/**
 * Realistic activity for the embedded emulator, so that every route fires within a minute of the start: form
 * posts, email and chat files dropped, kb files written, changed and removed, CRM rows changed, agents changing
 * organizations and solving tickets in Zendesk. Each use case has milestones checked against the resulting state
 * (Zendesk, CRM, folders); they are logged as they are reached and served on {@code GET /demo/status}.
 * On by default with the emulator ({@code examples.demo.enabled=false} turns it off); never against a real Zendesk.
 * <p>
 * Longer than our other classes on purpose: it is the demo's script, the activity and the milestone each step must
 * reach side by side, read top to bottom; no component code depends on it.
 */
@Singleton
public class DemoDriver {

    private static final Logger LOG = Logger.getLogger(DemoDriver.class);

    @Inject
    ZendeskAccount account;
    @Inject
    DataSource dataSource;
    @Inject
    ProducerTemplate camel;
    @ConfigProperty(name = "examples.demo.enabled", defaultValue = "true")
    boolean enabled;
    @ConfigProperty(name = "examples.data-dir", defaultValue = "data")
    String dataDir;
    @ConfigProperty(name = "examples.kb.dir")
    String kbDir;
    @ConfigProperty(name = "examples.outbox.dir")
    String outboxDir;

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final Map<String, String> reached = new ConcurrentHashMap<>();
    private final Map<String, BooleanSupplier> checks = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ScheduledExecutorService scheduler;
    private long startNanos;
    private volatile boolean allLogged;
    private volatile Long formTicketId;
    private volatile int connectPage;
    private volatile boolean connectedAccountUsedAgain;

    public boolean isActive() {
        return enabled && account.isEmulated();
    }

    void onStart(@Observes StartupEvent event) {
        if (!isActive()) {
            if (account.isEmulated()) {
                LOG.info("Demo driver off (examples.demo.enabled=false): the routes wait for your files, posts and changes");
            }
            return;
        }
        startNanos = System.nanoTime();
        scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "demo-driver");
            t.setDaemon(true);
            return t;
        });
        defineChecks();
        LOG.infof("Demo driver on (run %s): activity on every route in the next ~40 s; progress on GET /demo/status", run);
        step(2, "CRM: three customer accounts with contacts", this::seedCrm);
        step(3, "web form: a request, the same request again, a bad request", this::formPosts);
        step(4, "email: a message with an attachment, the same message again, a message without sender",
                this::emails);
        step(5, "chat: a transcript", this::chat);
        step(6, "kb: two articles written", this::kbWrite);
        step(8, "connect: the account demo connected through /zendesk/connect (OAuth authorization code)",
                this::connectAccount);
        step(14, "CRM: Pied Piper upgraded to Platinum in the CRM", this::crmChange);
        step(16, "Zendesk: an agent changes Los Pollos Hermanos' tier in Zendesk", this::zendeskOrgChange);
        step(18, "kb: an article changed", this::kbChange);
        step(22, "connect: the account demo used again (its access token refreshed if it has expired)",
                this::useConnectedAccount);
        step(24, "kb: an article removed", this::kbRemove);
        step(26, "Zendesk: agents solve the demo tickets", this::solveTickets);
        scheduler.scheduleWithFixedDelay(this::checkMilestones, 3, 2, TimeUnit.SECONDS);
    }

    private void step(int atSeconds, String what, ThrowingRunnable action) {
        scheduler.schedule(() -> {
            LOG.infof("DEMO  %s", what);
            try {
                action.run();
            } catch (Exception e) {
                LOG.warnf(e, "DEMO step failed: %s", what);
            }
        }, atSeconds, TimeUnit.SECONDS);
    }

    @FunctionalInterface
    interface ThrowingRunnable {
        void run() throws Exception;
    }

    // ---------------------------------------------------------------- the activity

    void seedCrm() throws SQLException {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        try (Connection c = dataSource.getConnection()) {
            upsertAccount(c, "acct-1001", "Pied Piper", "piedpiper.example", "Gold", "Ann Archer", now);
            upsertAccount(c, "acct-1002", "Dunder Mifflin", "dundermifflin.example", "Platinum", "Bob Baker", now);
            upsertAccount(c, "acct-1003", "Los Pollos Hermanos", "lospollos.example", "Silver", "Carol Chen", now);
            upsertContact(c, "ct-2001", "acct-1001", "Richard Hendricks", "richard@piedpiper.example", "+1 555 0101", now);
            upsertContact(c, "ct-2002", "acct-1002", "Pam Beesly", "pam@dundermifflin.example", "+1 555 0102", now);
            upsertContact(c, "ct-2003", "acct-1003", "Gus Fring", "gus@lospollos.example", "+1 555 0103", now);
        }
    }

    private static void upsertAccount(Connection c, String id, String name, String domain, String tier, String am,
            OffsetDateTime now) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM crm_contact WHERE account_id = ?")) {
            del.setString(1, id);
            del.executeUpdate();
        }
        try (PreparedStatement del = c.prepareStatement("DELETE FROM crm_account WHERE account_id = ?")) {
            del.setString(1, id);
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_account (account_id, name, domain, tier,"
                + " account_manager, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setString(3, domain);
            ps.setString(4, tier);
            ps.setString(5, am);
            ps.setObject(6, now);
            ps.executeUpdate();
        }
    }

    private static void upsertContact(Connection c, String id, String accountId, String name, String email,
            String phone, OffsetDateTime now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO crm_contact (contact_id, account_id, name, email,"
                + " phone, updated_at) VALUES (?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, accountId);
            ps.setString(3, name);
            ps.setString(4, email);
            ps.setString(5, phone);
            ps.setObject(6, now);
            ps.executeUpdate();
        }
    }

    void formPosts() throws Exception {
        String form = """
                {"name": "Richard Hendricks", "email": "richard@piedpiper.example", "subject": "Cannot export my invoices",
                 "message": "The export button of the billing page does nothing since yesterday.",
                 "product": "Widget Pro", "order_number": 12345}""";
        HttpResponse<String> first = post("/support/requests", form, "demo-" + run + "-1");
        HttpResponse<String> again = post("/support/requests", form, "demo-" + run + "-1");
        HttpResponse<String> bad = post("/support/requests", "{\"subject\": \"no email\"}", "demo-" + run + "-2");
        LOG.infof("DEMO  form posts answered %d %s, then %d %s (same request), then %d %s (bad request)",
                first.statusCode(), first.body(), again.statusCode(), again.body(), bad.statusCode(), bad.body());
        JsonNode ticket = io.camelzendesk.client.ZendeskJson.MAPPER.readTree(first.body());
        if (ticket.has("ticket_id")) {
            formTicketId = ticket.get("ticket_id").asLong();
        }
        if (first.statusCode() == 201 && again.statusCode() == 200 && bad.statusCode() == 400
                && first.body().equals(again.body())) {
            reached.putIfAbsent("omnichannel: web form (201, same request -> same ticket, bad request -> 400)",
                    elapsed());
        }
    }

    private HttpResponse<String> post(String path, String json, String requestId) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort() + path))
                .header("Content-Type", "application/json").header("X-Request-Id", requestId)
                .POST(HttpRequest.BodyPublishers.ofString(json)).timeout(Duration.ofSeconds(30)).build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    static int httpPort() {
        // with quarkus.http.port=0 Quarkus publishes the port it bound as these system properties
        for (String name : List.of("quarkus.http.port", "quarkus.http.test-port")) {
            String actual = System.getProperty(name);
            if (actual != null && !actual.isBlank() && !actual.equals("0")) {
                return Integer.parseInt(actual);
            }
        }
        return ConfigProvider.getConfig().getOptionalValue("quarkus.http.port", Integer.class).orElse(8080);
    }

    void emails() throws IOException {
        Path inbox = Path.of(dataDir, "inbox", "email");
        String eml = email("<order-" + run + "@lospollos.example>", "Gus Fring <gus@lospollos.example>",
                "Fryer temperature log", "Hi, the attached log shows the fryer overheating. Gus");
        drop(inbox, "gus-1.eml", eml);
        drop(inbox, "gus-1-resent.eml", eml);
        drop(inbox, "no-sender.eml", "Subject: who am I\r\nMessage-ID: <x-" + run + "@nowhere>\r\n\r\nno From header\r\n");
    }

    static String email(String messageId, String from, String subject, String text) {
        String boundary = "b-" + UUID.randomUUID();
        return "From: " + from + "\r\nTo: support@example.zendesk.com\r\nSubject: " + subject + "\r\nMessage-ID: "
               + messageId + "\r\nMIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"" + boundary
               + "\"\r\n\r\n--" + boundary + "\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n" + text + "\r\n--"
               + boundary + "\r\nContent-Type: text/csv; name=\"tps-report.csv\"\r\n"
               + "Content-Disposition: attachment; filename=\"tps-report.csv\"\r\n\r\nweek,reports\r\n42,7\r\n--"
               + boundary + "--\r\n";
    }

    void chat() throws IOException, SQLException, InterruptedException {
        // the chat comes from a VIP contact: wait until the CRM sync has created that contact in Zendesk (its
        // zendesk_id in the CRM), or routing would not know the customer yet on a slow machine
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!contactSynced("ct-2002") && System.nanoTime() - deadline < 0) {
            Thread.sleep(500);
        }
        drop(Path.of(dataDir, "inbox", "chat"), "chat-" + run + ".json", """
                {"chat_id": "%s", "visitor": {"name": "Pam Beesly", "email": "pam@dundermifflin.example"},
                 "product": "Gadget Cloud",
                 "messages": [
                   {"from": "visitor", "text": "Our production cluster is down, urgent!", "at": "10:02"},
                   {"from": "Sam (bot)", "text": "Sorry to hear that, an agent will follow up.", "at": "10:02"}]}
                """.formatted("chat-" + run));
    }

    private boolean contactSynced(String contactId) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT zendesk_id FROM crm_contact WHERE contact_id = ?")) {
            q.setString(1, contactId);
            try (java.sql.ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getObject(1) != null;
            }
        }
    }

    /**
     * What a user does in a browser: opens the connect route's start URL, is sent to Zendesk's authorization page
     * (the emulator approves at once) and back to the callback, which stores the account's tokens.
     */
    void connectAccount() throws IOException, InterruptedException {
        HttpClient browser = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
                .followRedirects(HttpClient.Redirect.NORMAL).build();
        HttpResponse<String> page = browser.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort()
                + "/zendesk/connect/start?account=" + ZendeskAccount.DEMO)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        connectPage = page.statusCode();
        LOG.infof("DEMO  connect page: %d after %s", page.statusCode(), page.uri().getPath());
    }

    /** Later, a call with the connected account's tokens, as a route using account=demo would make. */
    void useConnectedAccount() {
        Object me = camel.requestBody("zendesk:users?operation=me&account=" + ZendeskAccount.DEMO, (Object) null);
        connectedAccountUsedAgain = me != null;
    }

    void kbWrite() throws IOException {
        Path kb = Path.of(kbDir);
        drop(kb, "getting-started.md", """
                ---
                title: Getting started with Widget Pro
                section: Getting started
                labels: [onboarding, widget-pro]
                ---
                # Getting started

                1. Create an account.
                2. Install the **widget**.
                """);
        drop(kb, "billing-faq.md", """
                ---
                title: Billing FAQ
                section: Billing
                labels: billing, invoices
                ---
                Invoices are sent on the *first* of the month.
                """);
    }

    void kbChange() throws IOException {
        drop(Path.of(kbDir), "getting-started.md", """
                ---
                title: Getting started with Widget Pro
                section: Getting started
                labels: [onboarding, widget-pro, v2]
                ---
                # Getting started

                1. Create an account.
                2. Install the **widget** (version 2).
                3. Invite your team.
                """);
    }

    void kbRemove() throws IOException {
        Files.deleteIfExists(Path.of(kbDir, "billing-faq.md"));
    }

    void crmChange() throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE crm_account SET tier = 'Platinum', updated_at = ? WHERE account_id = 'acct-1001'")) {
            ps.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
            ps.executeUpdate();
        }
    }

    void zendeskOrgChange() {
        admin().flatMap(a -> org(a, "acct-1003")).ifPresent(org -> admin().get().updateOrganization(
                org.get("id").asLong(), Map.of("organization_fields",
                        Map.of("tier", "Gold", "account_manager", "Carol Chen"))));
    }

    void solveTickets() {
        EmulatorAdmin admin = admin().orElseThrow();
        for (ObjectNode t : admin.list("tickets")) {
            String ext = t.path("external_id").asText("");
            if (ext.startsWith("form:demo-" + run) || ext.equals("chat:chat-" + run)) {
                admin.updateTicket(t.get("id").asLong(), Map.of("status", "solved",
                        "comment", Map.of("body", "Fixed, thanks for your patience.", "public", true)));
                LOG.infof("DEMO  agent solved ticket #%d", t.get("id").asLong());
            }
        }
    }

    // ---------------------------------------------------------------- milestones

    private void defineChecks() {
        checks.put("omnichannel: email with attachment -> one ticket, resent copy skipped, bad email -> error/ + reason",
                () -> {
                    List<ObjectNode> t = tickets("email:<order-" + run + "@lospollos.example>");
                    return t.size() == 1 && Files.exists(Path.of(dataDir, "inbox", "email", "error", "no-sender.eml"))
                           && Files.exists(Path.of(dataDir, "inbox", "email", "error", "no-sender.eml.reason.txt"))
                           && Files.exists(Path.of(dataDir, "inbox", "email", "done", "gus-1-resent.eml"))
                           && admin().get().comments(t.get(0).get("id").asLong()).get(0).path("attachments").size() == 1;
                });
        checks.put("omnichannel: chat transcript -> ticket", () -> tickets("chat:chat-" + run).size() == 1);
        checks.put("crm-sync: CRM accounts and contacts -> Zendesk organizations and users",
                () -> admin().flatMap(a -> org(a, "acct-1002")).isPresent() && user("ct-2002").isPresent());
        checks.put("crm-sync: CRM change (Pied Piper -> Platinum) -> Zendesk organization",
                () -> admin().flatMap(a -> org(a, "acct-1001"))
                        .map(o -> "Platinum".equals(o.path("organization_fields").path("tier").asText())).orElse(false));
        checks.put("crm-sync: Zendesk change (Los Pollos Hermanos -> Gold) -> CRM account",
                () -> "Gold".equals(crmTier("acct-1003")));
        checks.put("crm-sync: new ticket enriched with CRM tier and account manager",
                () -> formTicketId != null && admin().get().get("tickets", formTicketId)
                        .map(t -> t.path("tags").toString().contains("crm_enriched")).orElse(false));
        checks.put("ticket-routing: VIP + urgent chat -> escalated (priority urgent, group Escalations, note, outbox)",
                () -> tickets("chat:chat-" + run).stream().anyMatch(t -> t.path("tags").toString().contains("escalated")
                        && "urgent".equals(t.path("priority").asText()))
                      && Files.isDirectory(Path.of(outboxDir, "escalations")));
        checks.put("ticket-routing: form ticket routed (group, priority, tags)",
                () -> formTicketId != null && admin().get().get("tickets", formTicketId)
                        .map(t -> t.path("tags").toString().contains("routed") && !t.path("group_id").isNull())
                        .orElse(false));
        checks.put("post-resolution: solved -> survey in the outbox, CRM resolved_count, follow-up task",
                () -> formTicketId != null && Files.exists(Path.of(outboxDir, "surveys", "survey-ticket-" + formTicketId + ".eml"))
                      && !tickets("followup:" + formTicketId).isEmpty() && resolvedCount("acct-1001") > 0);
        checks.put("connect: account demo connected (authorization code, tokens stored) and used by the route",
                () -> connectPage == 200 && connectedAccountUsedAgain && admin().get().oauthStats().codeExchanges() > 0
                      && Files.exists(Path.of(outboxDir, "connected", ZendeskAccount.DEMO + ".txt")));
        checks.put("kb-sync: Markdown files -> articles", () -> article("Getting started with Widget Pro").isPresent()
                                                                 && article("Billing FAQ").isPresent());
        checks.put("kb-sync: changed file -> article updated",
                () -> article("Getting started with Widget Pro").map(a -> a.path("body").asText().contains("Invite your team"))
                        .orElse(false));
        checks.put("kb-sync: removed file -> article archived",
                () -> reached.containsKey("kb-sync: Markdown files -> articles") && article("Billing FAQ").isEmpty());
    }

    void checkMilestones() {
        try {
            for (Map.Entry<String, BooleanSupplier> c : checks.entrySet()) {
                if (!reached.containsKey(c.getKey())) {
                    boolean ok;
                    try {
                        ok = c.getValue().getAsBoolean();
                    } catch (RuntimeException e) {
                        ok = false;
                    }
                    if (ok) {
                        reached.put(c.getKey(), elapsed());
                        LOG.infof("DEMO ✔ %s (after %s)", c.getKey(), elapsed());
                    }
                }
            }
            if (!allLogged && reached.size() == checks.size() + 1) {
                allLogged = true;
                LOG.infof("DEMO ✔ all %d milestones reached in %s: every route went through", reached.size(), elapsed());
            }
        } catch (RuntimeException e) {
            LOG.debug("milestone check failed", e);
        }
    }

    /** For GET /demo/status: active, every milestone and when it was reached. */
    public Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("active", isActive());
        Map<String, Object> milestones = new LinkedHashMap<>();
        List<String> names = new ArrayList<>();
        names.add("omnichannel: web form (201, same request -> same ticket, bad request -> 400)");
        names.addAll(checks.keySet());
        for (String name : names) {
            milestones.put(name, reached.getOrDefault(name, null));
        }
        out.put("milestones", milestones);
        out.put("complete", isActive() && reached.size() == names.size());
        return out;
    }

    // ---------------------------------------------------------------- helpers

    private String elapsed() {
        return String.format("%.1f s", (System.nanoTime() - startNanos) / 1e9);
    }

    private Optional<EmulatorAdmin> admin() {
        return account.admin();
    }

    private List<ObjectNode> tickets(String externalId) {
        return admin().get().list("tickets").stream().filter(t -> externalId.equals(t.path("external_id").asText()))
                .toList();
    }

    private static Optional<ObjectNode> org(EmulatorAdmin admin, String externalId) {
        return admin.list("organizations").stream().filter(o -> externalId.equals(o.path("external_id").asText()))
                .findFirst();
    }

    private Optional<ObjectNode> user(String externalId) {
        return admin().get().list("users").stream().filter(u -> externalId.equals(u.path("external_id").asText()))
                .findFirst();
    }

    private Optional<ObjectNode> article(String title) {
        return admin().get().list("articles").stream().filter(a -> title.equals(a.path("title").asText())).findFirst();
    }

    private int resolvedCount(String accountId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT resolved_count FROM crm_account WHERE account_id = ?")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getInt(1) : 0;
            }
        } catch (SQLException e) {
            return 0;
        }
    }

    private String crmTier(String accountId) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT tier FROM crm_account WHERE account_id = ?")) {
            ps.setString(1, accountId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        } catch (SQLException e) {
            return null;
        }
    }

    /** Writes a file atomically (a temporary name the routes ignore, then a move). */
    static void drop(Path dir, String name, String content) throws IOException {
        Files.createDirectories(dir);
        Path tmp = dir.resolve("." + name + ".tmp");
        Files.writeString(tmp, content, StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @PreDestroy
    void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
