package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.camelzendesk.emulator.WebhookConditions;
import io.camelzendesk.emulator.WebhookDelivery;
import io.camelzendesk.emulator.WebhookStats;

import java.lang.System.Logger.Level;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import io.camelzendesk.emulator.WebhookSigning;

/**
 * Webhooks: the Webhooks API's objects and signing secrets, event-subscribed publication, trigger
 * notifications, and asynchronous signed delivery with retries, under {@link WebhookConditions} (loss, duplication,
 * delay) and, when on, each webhook's {@link CircuitBreaker}.
 */
public final class WebhookService {
    private static final System.Logger LOG = System.getLogger(WebhookService.class.getName());
    public static final String CONDITIONAL = "conditional_ticket_events";
    private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> FORMATS = Set.of("json", "xml", "form_encoded");
    private static final char[] CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private final Core core;
    private final SecureRandom random = new SecureRandom();
    private final List<WebhookDelivery> deliveries = new ArrayList<>();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final ScheduledExecutorService scheduler;
    private final HttpClient client;
    private volatile WebhookConditions conditions = WebhookConditions.NONE;
    private Random conditionsRandom = new Random(0);
    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();
    private final AtomicLong invocations = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong duplicated = new AtomicLong();
    private final AtomicLong attempts = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong trips = new AtomicLong();
    private final AtomicLong droppedWhileOpen = new AtomicLong();

    WebhookService(Core core) {
        this.core = core;
        AtomicInteger n = new AtomicInteger();
        this.scheduler = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "zendesk-emulator-webhooks-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().executor(scheduler).connectTimeout(java.time.Duration.ofSeconds(5))
                .version(HttpClient.Version.HTTP_1_1).build();
    }

    void close() {
        scheduler.shutdownNow();
    }

    // ---------------------------------------------------------------- Webhooks API objects

    public ObjectNode create(ObjectNode in, long actorId) {
        return core.db.write(() -> {
            long now = core.now();
            String id = newId();
            ObjectNode w = Json.obj("id", id, "name", null, "description", null, "status", "active", "subscriptions", Json.arr(),
                    "endpoint", null, "http_method", "POST", "request_format", "json", "created_at", Times.iso(now),
                    "created_by", String.valueOf(actorId), "updated_at", Times.iso(now), "updated_by", String.valueOf(actorId));
            copyWritable(in, w);
            validate(w);
            core.db.webhooks.put(id, w);
            JsonNode ss = in.get("signing_secret");
            String secret = ss != null && ss.hasNonNull("secret") ? ss.get("secret").asText() : newSecret();
            core.db.webhookSecrets.put(id, secret);
            return view(w);
        });
    }

    public ObjectNode update(String id, ObjectNode in, boolean patch, long actorId) {
        return core.db.write(() -> {
            ObjectNode old = find(id);
            ObjectNode w = old.deepCopy();
            if (!patch) {
                for (String f : List.of("description", "authentication", "custom_headers")) {
                    w.remove(f);
                }
            }
            boolean wasConditional = Json.strings(old.get("subscriptions")).contains(CONDITIONAL);
            copyWritable(in, w);
            validate(w);
            if (wasConditional != Json.strings(w.get("subscriptions")).contains(CONDITIONAL)) {
                throw ApiError.newStyle(400, "InvalidSubscriptions", "Invalid subscriptions",
                        "A webhook cannot change between trigger/automation and event subscriptions");
            }
            w.put("updated_at", Times.iso(core.now()));
            w.put("updated_by", String.valueOf(actorId));
            core.db.webhooks.put(id, w);
            return view(w);
        });
    }

    public ObjectNode get(String id) {
        return core.db.read(() -> view(find(id)));
    }

    public List<ObjectNode> list(String nameContains, String status) {
        return core.db.read(() -> {
            List<ObjectNode> out = new ArrayList<>();
            for (ObjectNode w : core.db.webhooks.values()) {
                if (nameContains != null && !Json.text(w, "name").toLowerCase().contains(nameContains.toLowerCase())) {
                    continue;
                }
                if (status != null && !status.equals(Json.text(w, "status"))) {
                    continue;
                }
                out.add(view(w));
            }
            return out;
        });
    }

    public void delete(String id) {
        core.db.run(() -> {
            find(id);
            core.db.webhooks.remove(id);
            core.db.webhookSecrets.remove(id);
        });
    }

    public ObjectNode secret(String id, boolean reset) {
        return core.db.write(() -> {
            find(id);
            if (reset) {
                core.db.webhookSecrets.put(id, newSecret());
            }
            return Json.obj("signing_secret", Json.obj("secret", core.db.webhookSecrets.get(id), "algorithm", "SHA256"));
        });
    }

    private ObjectNode find(String id) {
        ObjectNode w = core.db.webhooks.get(id);
        if (w == null) {
            throw ApiError.newStyle(404, "WebhookNotFound", "Webhook not found", "Webhook " + id + " could not be found");
        }
        return w;
    }

    /** Credentials are never shown back. */
    private static ObjectNode view(ObjectNode w) {
        ObjectNode v = w.deepCopy();
        JsonNode auth = v.get("authentication");
        if (auth != null && auth.isObject()) {
            ((ObjectNode) auth).remove("data");
        }
        return v;
    }

    private static void copyWritable(ObjectNode in, ObjectNode w) {
        for (String f : List.of("name", "description", "status", "subscriptions", "endpoint", "http_method", "request_format",
                "authentication", "custom_headers")) {
            if (in.has(f)) {
                w.set(f, in.get(f).deepCopy());
            }
        }
        if (w.hasNonNull("http_method")) {
            w.put("http_method", w.get("http_method").asText().toUpperCase());
        }
    }

    private static void validate(ObjectNode w) {
        List<String> problems = new ArrayList<>();
        if (Json.text(w, "name") == null || Json.text(w, "name").isBlank()) {
            problems.add("name: cannot be blank");
        }
        String endpoint = Json.text(w, "endpoint");
        try {
            URI u = endpoint == null ? null : URI.create(endpoint);
            if (u == null || u.getHost() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https"))) {
                problems.add("endpoint: must be an absolute http(s) URL");
            }
        } catch (IllegalArgumentException e) {
            problems.add("endpoint: must be an absolute http(s) URL");
        }
        if (!METHODS.contains(Json.text(w, "http_method"))) {
            problems.add("http_method: must be one of " + METHODS);
        }
        if (!FORMATS.contains(Json.text(w, "request_format"))) {
            problems.add("request_format: must be one of " + FORMATS);
        }
        if (!Set.of("active", "inactive").contains(Json.text(w, "status"))) {
            problems.add("status: must be active or inactive");
        }
        List<String> subs = Json.strings(w.get("subscriptions"));
        if (subs.isEmpty()) {
            problems.add("subscriptions: cannot be blank");
        } else if (subs.contains(CONDITIONAL) && subs.size() > 1) {
            problems.add("subscriptions: conditional_ticket_events cannot be combined with event types");
        } else if (!subs.contains(CONDITIONAL)) {
            for (String s : subs) {
                if (!s.startsWith("zen:event-type:")) {
                    problems.add("subscriptions: unknown subscription " + s);
                }
            }
            if (!"POST".equals(Json.text(w, "http_method")) || !"json".equals(Json.text(w, "request_format"))) {
                problems.add("event-subscribed webhooks must use http_method POST and request_format json");
            }
        }
        if (!problems.isEmpty()) {
            ObjectNode b = Json.obj();
            var errs = b.putArray("errors");
            for (String p : problems) {
                errs.add(Json.obj("code", "InvalidValue", "title", "Invalid value", "detail", p));
            }
            throw new ApiError(400, b);
        }
    }

    private String newId() {
        StringBuilder sb = new StringBuilder("01");
        for (int i = 0; i < 24; i++) {
            sb.append(CROCKFORD[random.nextInt(32)]);
        }
        return sb.toString();
    }

    private String newSecret() {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    // ---------------------------------------------------------------- publication

    /** Publishes a Zendesk event (type without prefix, e.g. "ticket.created") to subscribed webhooks. */
    public void publish(String type, String subject, ObjectNode detail, JsonNode event) {
        String fullType = "zen:event-type:" + type;
        List<ObjectNode> targets = new ArrayList<>();
        for (ObjectNode w : core.db.webhooks.values()) {
            if ("active".equals(Json.text(w, "status")) && Json.strings(w.get("subscriptions")).contains(fullType)) {
                targets.add(w);
            }
        }
        if (targets.isEmpty()) {
            return;
        }
        String version = type.startsWith("ticket.") ? "2022-11-06" : "2022-06-20";
        ObjectNode payload = Json.obj("type", fullType, "account_id", Core.ACCOUNT_ID, "id", UUID.randomUUID().toString(),
                "time", Times.iso(core.now()), "zendesk_event_version", version, "subject", subject,
                "detail", detail, "event", event);
        String body = Json.string(payload);
        for (ObjectNode w : targets) {
            String secret = core.db.webhookSecrets.get(Json.text(w, "id"));
            core.db.afterCommit(() -> start(w, secret, body));
        }
    }

    /** A trigger's notification_webhook action. */
    void notifyConditional(String webhookId, String body, long ticketId, long triggerId) {
        ObjectNode w = core.db.webhooks.get(webhookId);
        if (w == null || !"active".equals(Json.text(w, "status"))) {
            LOG.log(Level.DEBUG, "trigger {0}: webhook {1} missing or inactive", triggerId, webhookId);
            return;
        }
        String secret = core.db.webhookSecrets.get(webhookId);
        core.db.afterCommit(() -> start(w, secret, body));
    }

    private void start(ObjectNode webhook, String secret, String body) {
        invocations.incrementAndGet();
        WebhookConditions c = conditions;
        int copies;
        long[] delays;
        synchronized (this) {
            if (conditionsRandom.nextDouble() < c.loss()) {
                lost.incrementAndGet();
                return;
            }
            copies = conditionsRandom.nextDouble() < c.duplication() ? 2 : 1;
            delays = new long[copies];
            long spread = c.maxDelay().toMillis() - c.minDelay().toMillis();
            for (int i = 0; i < copies; i++) {
                delays[i] = c.minDelay().toMillis() + (spread == 0 ? 0 : (long) (conditionsRandom.nextDouble() * spread));
            }
        }
        if (copies == 2) {
            duplicated.incrementAndGet();
        }
        for (long delay : delays) {
            String invocation = UUID.randomUUID().toString();
            inFlight.incrementAndGet();
            try {
                scheduler.schedule(() -> attempt(webhook, secret, body, invocation, 1), delay, TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                inFlight.decrementAndGet();
            }
        }
    }

    private void attempt(ObjectNode w, String secret, String body, String invocation, int attempt) {
        CircuitBreaker breaker = core.settings.webhookCircuitBreaker
                ? breakers.computeIfAbsent(Json.text(w, "id"), id -> new CircuitBreaker()) : null;
        if (breaker != null && !breaker.allow(core.now())) {
            droppedWhileOpen.incrementAndGet();
            LOG.log(Level.DEBUG, "webhook {0}: circuit breaker open, invocation {1} not sent", Json.text(w, "id"), invocation);
            inFlight.decrementAndGet();
            return;
        }
        attempts.incrementAndGet();
        String url = Json.text(w, "endpoint");
        String method = Json.text(w, "http_method");
        String timestamp = Instant.ofEpochMilli(core.now()).truncatedTo(ChronoUnit.SECONDS).toString();
        Map<String, String> headers = new LinkedHashMap<>();
        String format = Json.text(w, "request_format");
        headers.put("Content-Type", switch (format) {
            case "xml" -> "application/xml; charset=utf-8";
            case "form_encoded" -> "application/x-www-form-urlencoded";
            default -> "application/json; charset=utf-8";
        });
        headers.put("User-Agent", "Zendesk Webhook");
        headers.put("X-Zendesk-Account-Id", String.valueOf(Core.ACCOUNT_ID));
        headers.put("X-Zendesk-Webhook-Id", Json.text(w, "id"));
        headers.put("X-Zendesk-Webhook-Invocation-Id", invocation);
        headers.put("X-Zendesk-Webhook-Signature-Timestamp", timestamp);
        headers.put("X-Zendesk-Webhook-Signature", sign(secret, timestamp, body));
        JsonNode custom = w.get("custom_headers");
        if (custom != null && custom.isObject()) {
            custom.fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
        }
        JsonNode auth = w.get("authentication");
        if (auth != null && auth.isObject()) {
            JsonNode data = auth.path("data");
            switch (auth.path("type").asText()) {
                case "basic_auth" -> headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (data.path("username").asText() + ":" + data.path("password").asText()).getBytes(StandardCharsets.UTF_8)));
                case "bearer_token" -> headers.put("Authorization", "Bearer " + data.path("token").asText());
                case "api_key" -> headers.put(data.path("name").asText("X-Api-Key"), data.path("value").asText());
                default -> { }
            }
        }
        HttpRequest.Builder rb;
        try {
            rb = HttpRequest.newBuilder(URI.create(url)).timeout(core.settings.webhookTimeout);
        } catch (IllegalArgumentException e) {
            record(w, invocation, attempt, url, method, headers, body, -1, e.toString());
            outcome(w, breaker, true);
            inFlight.decrementAndGet();
            return;
        }
        headers.forEach((k, v) -> {
            if (!k.equalsIgnoreCase("Content-Length") && !k.equalsIgnoreCase("Host") && !k.equalsIgnoreCase("Connection")) {
                rb.header(k, v);
            }
        });
        boolean noBody = "GET".equals(method) || "DELETE".equals(method);
        rb.method(method, noBody ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        client.sendAsync(rb.build(), HttpResponse.BodyHandlers.discarding()).whenComplete((resp, err) -> {
            int status = resp == null ? -1 : resp.statusCode();
            record(w, invocation, attempt, url, method, headers, body, status, err == null ? null : err.toString());
            outcome(w, breaker, status < 200 || status >= 300);
            long retryAfter = resp == null ? -1 : resp.headers().firstValue("Retry-After").map(WebhookService::parseLong).orElse(-1L);
            if (shouldRetry(status, retryAfter) && attempt < core.settings.webhookMaxAttempts) {
                long delay = core.settings.webhookRetryBackoff.toMillis() << (attempt - 1);
                try {
                    scheduler.schedule(() -> attempt(w, secret, body, invocation, attempt + 1), delay, TimeUnit.MILLISECONDS);
                    return;
                } catch (java.util.concurrent.RejectedExecutionException ignored) {
                    // shutting down
                }
            }
            inFlight.decrementAndGet();
        });
    }

    /** Counts an attempt's outcome and gives it to the webhook's circuit breaker, if on. */
    private void outcome(ObjectNode w, CircuitBreaker breaker, boolean failed) {
        if (failed) {
            failedAttempts.incrementAndGet();
        }
        if (breaker != null && breaker.record(core.now(), failed, core.settings.webhookCircuitBreakerPause)) {
            trips.incrementAndGet();
            LOG.log(Level.INFO, "webhook {0}: circuit breaker open for {1}", Json.text(w, "id"),
                    core.settings.webhookCircuitBreakerPause);
        }
    }

    /** Zendesk retries 409, 429/503 with a short Retry-After, other 5xx and timeouts/connection errors. */
    private static boolean shouldRetry(int status, long retryAfter) {
        if (status == -1 || status == 409) {
            return true;
        }
        if (status == 429 || status == 503) {
            return retryAfter < 0 || retryAfter < 60;
        }
        return status >= 500;
    }

    private static long parseLong(String s) {
        try {
            return Long.parseLong(s.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    public static String sign(String secret, String timestamp, String body) {
        return WebhookSigning.sign(secret, timestamp, body.getBytes(StandardCharsets.UTF_8));
    }

    private void record(ObjectNode w, String invocation, int attempt, String url, String method, Map<String, String> headers,
                        String body, int status, String error) {
        LOG.log(Level.DEBUG, "webhook {0} attempt {1} -> {2} {3}", Json.text(w, "id"), attempt, status, error == null ? "" : error);
        synchronized (deliveries) {
            deliveries.add(new WebhookDelivery(Json.text(w, "id"), invocation, attempt, url, method, Map.copyOf(headers), body,
                    status, error, Instant.now()));
            deliveries.notifyAll();
        }
    }

    public List<WebhookDelivery> deliveries() {
        synchronized (deliveries) {
            return List.copyOf(deliveries);
        }
    }

    /** Waits until at least {@code n} delivery attempts were recorded; returns them. */
    public List<WebhookDelivery> awaitDeliveries(int n, java.time.Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        synchronized (deliveries) {
            while (deliveries.size() < n) {
                long left = end - System.nanoTime();
                if (left <= 0) {
                    break;
                }
                TimeUnit.NANOSECONDS.timedWait(deliveries, left);
            }
            return List.copyOf(deliveries);
        }
    }

    /** Delivery attempts still running or waiting for a retry. */
    public int pending() {
        return inFlight.get();
    }

    public void clearDeliveries() {
        synchronized (deliveries) {
            deliveries.clear();
        }
    }

    /** From now on, invocations travel under these conditions (their random seeded anew). */
    public synchronized void conditions(WebhookConditions c) {
        conditions = java.util.Objects.requireNonNull(c);
        conditionsRandom = new Random(c.seed());
    }

    public WebhookStats stats() {
        return new WebhookStats(invocations.get(), lost.get(), duplicated.get(), attempts.get(), failedAttempts.get(),
                trips.get(), droppedWhileOpen.get());
    }

    /** Conditions, breakers and counters back to none. */
    void reset() {
        clearDeliveries();
        conditions(WebhookConditions.NONE);
        breakers.clear();
        for (AtomicLong n : List.of(invocations, lost, duplicated, attempts, failedAttempts, trips, droppedWhileOpen)) {
            n.set(0);
        }
    }
}
