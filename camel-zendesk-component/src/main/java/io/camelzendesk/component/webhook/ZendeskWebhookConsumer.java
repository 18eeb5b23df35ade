package io.camelzendesk.component.webhook;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;

import org.apache.camel.Consumer;
import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.apache.camel.spi.IdempotentRepository;
import org.apache.camel.support.DefaultConsumer;
import org.apache.camel.support.processor.idempotent.MemoryIdempotentRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelzendesk.model.WebhookEvent;
import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.component.ZendeskConstants;
import io.camelzendesk.component.ZendeskEndpoint;

/**
 * Receives Zendesk webhook deliveries through Camel's platform-http (so the same route runs on camel-main with
 * camel-platform-http-vertx, on Quarkus or Spring Boot). Each delivery goes through, in order:
 * <ol>
 * <li>the size and time limits, held by the HTTP server itself where it is Vert.x ({@link VertxWebhookLimits}):
 * over {@code maxBodySize} -> 413 as soon as the declared Content-Length or the bytes received pass it; the body
 * not received within {@code deliveryReadTimeout} -> 408; both close the connection. Whatever the server, the
 * body this consumer is handed is checked against {@code maxBodySize} again;</li>
 * <li>the signature: missing, wrong or stale -> 401;</li>
 * <li>the JSON: not JSON -> 400;</li>
 * <li>the {@code eventTypes} filter: an event of another type -> 200, not routed;</li>
 * <li>replays and duplicates ({@link WebhookDeduplicator}), on the signature (a signature already seen within the
 * clock-skew window is a replay, whatever its invocation id) and on the invocation id (else the event id): one
 * already processed -> 200, not routed; one still being processed, here or on another replica sharing the
 * repository -> 409 (Zendesk retries it later);</li>
 * <li>the route: 200 once it completed; 503 with {@code Retry-After} when it failed, the answer Zendesk retries
 * (it does not retry a plain 500), and the key is forgotten so that the retry is processed; with {@code asyncAck},
 * 200 at once and the route runs on another thread.</li>
 * </ol>
 * Every refusal (401, 400, 413, 408) logs one WARN line per reason, at most one a minute per reason
 * ({@link WebhookRefusalLog}); the rest go to DEBUG.
 */
public class ZendeskWebhookConsumer extends DefaultConsumer {

    static final String HEADER_SIGNATURE = "X-Zendesk-Webhook-Signature";
    static final String HEADER_TIMESTAMP = "X-Zendesk-Webhook-Signature-Timestamp";
    static final String HEADER_INVOCATION_ID = "X-Zendesk-Webhook-Invocation-Id";
    static final String HEADER_WEBHOOK_ID = "X-Zendesk-Webhook-Id";
    static final String HEADER_ACCOUNT_ID = "X-Zendesk-Account-Id";
    /** The default idempotent repository remembers this many keys (two per completed delivery). */
    static final int DEFAULT_REPOSITORY_SIZE = 20_000;
    /** Suffix of the key that marks a delivery as completed (the plain key means taken: running or done). */
    public static final String DONE_SUFFIX = WebhookDeduplicator.DONE_SUFFIX;
    private static final boolean VERTX = isPresent(VertxWebhookLimits.ROUTER_CLASS);

    private static final Logger LOG = LoggerFactory.getLogger(ZendeskWebhookConsumer.class);

    private final ZendeskEndpoint endpoint;
    private final ZendeskConfiguration config;
    private final WebhookCounters counters = new WebhookCounters();
    private final WebhookRefusalLog refusals;
    private Set<String> eventTypes;
    private volatile WebhookSignatureVerifier verifier;
    private IdempotentRepository repository;
    private boolean ownsRepository;
    private WebhookDeduplicator deduplicator;
    private AutoCloseable serverLimits;
    private WebhookRegistrar registrar;
    private ExecutorService asyncExecutor;
    private Endpoint httpEndpoint;
    private Consumer httpConsumer;

    public ZendeskWebhookConsumer(ZendeskEndpoint endpoint, Processor processor) {
        super(endpoint, processor);
        this.endpoint = endpoint;
        this.config = endpoint.getConfiguration();
        this.refusals = new WebhookRefusalLog(config.getPath(), counters);
    }

    /**
     * The platform-http endpoint is resolved while the route is initialised, before Camel starts: runtimes that
     * create their HTTP server on demand (camel-main, {@code camel run}) then have it in time.
     */
    @Override
    protected void doInit() throws Exception {
        super.doInit();
        httpEndpoint = getEndpoint().getCamelContext().getEndpoint(platformHttpUri());
    }

    @Override
    protected void doStart() throws Exception {
        super.doStart();
        eventTypes = new LinkedHashSet<>(WebhookRegistrar.eventTypes(config.getEventTypes()));
        String secret = config.getSigningSecret();
        try {
            if (config.isAutoRegister()) {
                registrar = new WebhookRegistrar(endpoint.client(), webhookName(), config.getExternalUrl(),
                        httpMethods().get(0), List.copyOf(eventTypes), config.getTriggerConditions(),
                        config.getTriggerPayload());
                // the API's secret is the one Zendesk signs with
                secret = registrar.register();
            }
            if (config.isVerifySignature()) {
                verifier = new WebhookSignatureVerifier(secret, Duration.ofMillis(config.getMaxClockSkew()));
            } else {
                LOG.warn("Zendesk webhook on {}: signature verification is OFF (verifySignature=false): anyone who can"
                         + " reach this URL can inject events into the route. Use it only for local tests.",
                        config.getPath());
            }
            repository = config.getIdempotentRepository();
            if (repository == null) {
                repository = MemoryIdempotentRepository.memoryIdempotentRepository(DEFAULT_REPOSITORY_SIZE);
                ownsRepository = true;
            }
            ServiceHelper.startService(repository);
            deduplicator = new WebhookDeduplicator(repository, !ownsRepository,
                    new WebhookReplayGuard(WebhookReplayGuard.DEFAULT_CAPACITY));
            if (config.isAsyncAck()) {
                asyncExecutor = getEndpoint().getCamelContext().getExecutorServiceManager()
                        .newDefaultThreadPool(this, "ZendeskWebhook");
            }
            serverLimits = installServerLimits();
            httpConsumer = httpEndpoint.createConsumer(this::handle);
            ServiceHelper.startService(httpConsumer);
        } catch (Exception e) {
            // leave nothing behind in Zendesk when the consumer cannot serve what it registered
            stopAll();
            throw e;
        }
        LOG.info("Zendesk webhook consumer on {} {} (signatures {}, {}{})", String.join(",", httpMethods()),
                config.getPath(), verifier != null ? "verified" : "NOT verified",
                config.isAsyncAck() ? "acknowledged at once" : "acknowledged when the route completed",
                eventTypes.isEmpty() ? "" : ", event types " + eventTypes);
    }

    @Override
    protected void doStop() throws Exception {
        stopAll();
        super.doStop();
    }

    @Override
    protected void doSuspend() throws Exception {
        ServiceHelper.suspendService(httpConsumer);
        super.doSuspend();
    }

    @Override
    protected void doResume() throws Exception {
        ServiceHelper.resumeService(httpConsumer);
        super.doResume();
    }

    /** The limits in the HTTP server, before the platform-http consumer's route; null when it is not Vert.x. */
    private AutoCloseable installServerLimits() {
        AutoCloseable limits = VERTX ? VertxWebhookLimits.install(getEndpoint().getCamelContext(), config.getPath(),
                httpMethods(), config.getMaxBodySize(), config.getDeliveryReadTimeout(), refusals) : null;
        if (limits == null) {
            LOG.debug("Zendesk webhook on {}: platform-http does not run on Vert.x here: maxBodySize is checked on the"
                      + " body the server hands over, deliveryReadTimeout is the server's own business",
                    config.getPath());
        }
        return limits;
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, ZendeskWebhookConsumer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    private void stopAll() {
        ServiceHelper.stopAndShutdownService(httpConsumer);
        httpConsumer = null;
        if (serverLimits != null) {
            try {
                serverLimits.close();
            } catch (Exception e) {
                LOG.debug("Zendesk webhook on {}: could not remove the server limits: {}", config.getPath(),
                        e.toString());
            }
            serverLimits = null;
        }
        if (asyncExecutor != null) {
            getEndpoint().getCamelContext().getExecutorServiceManager().shutdownGraceful(asyncExecutor);
            asyncExecutor = null;
        }
        if (registrar != null) {
            if (config.isKeepRegistration()) {
                LOG.info("Zendesk webhook {} kept (keepRegistration=true)", registrar.webhookId());
            } else {
                registrar.unregister();
            }
            registrar = null;
        }
        if (ownsRepository) {
            ServiceHelper.stopService(repository);
        }
        verifier = null;
    }

    private String platformHttpUri() {
        return "platform-http:" + config.getPath() + "?httpMethodRestrict=" + String.join(",", httpMethods());
    }

    List<String> httpMethods() {
        return List.of(config.getHttpMethods().toUpperCase(Locale.ROOT).replace(" ", "").split(","));
    }

    private String webhookName() {
        return config.getWebhookName() != null ? config.getWebhookName() : "camel-zendesk " + getRouteId();
    }

    /** Handles one HTTP delivery; the HTTP exchange only ever carries the answer. */
    private void handle(Exchange http) {
        Message in = http.getMessage();
        String invocationId = in.getHeader(HEADER_INVOCATION_ID, String.class);
        long max = config.getMaxBodySize();
        Long declared = WebhookHttp.contentLength(in);
        byte[] body;
        try {
            body = declared != null && declared > max ? null : WebhookHttp.readBounded(in, max);
        } catch (IOException e) {
            refuse(http, 400, "unreadable body", invocationId);
            return;
        }
        if (body == null) {
            refuse(http, 413, "body over maxBodySize (" + max + " bytes)", invocationId);
            return;
        }
        WebhookSignatureVerifier v = verifier;
        String signature = null;
        long signatureExpiresAt = 0;
        if (v != null) {
            String timestamp = in.getHeader(HEADER_TIMESTAMP, String.class);
            signature = in.getHeader(HEADER_SIGNATURE, String.class);
            WebhookSignatureVerifier.Failure failure = v.verify(timestamp, signature, body, Instant.now());
            if (failure != null) {
                refuse(http, 401, failure.reason, invocationId);
                return;
            }
            signature = signature.trim();
            signatureExpiresAt = WebhookSignatureVerifier.parseTimestamp(timestamp.trim()).toEpochMilli()
                                 + config.getMaxClockSkew();
        } else if (config.isVerifySignature()) {
            // stopping: nothing may pass unverified
            WebhookHttp.answer(http, 503, "not ready");
            return;
        }
        Object payload;
        try {
            payload = WebhookHttp.parse(body, in.getHeader(Exchange.CONTENT_TYPE, String.class));
        } catch (IOException e) {
            refuse(http, 400, "body is not JSON", invocationId);
            return;
        }
        WebhookEvent event = payload instanceof WebhookEvent e ? e : null;
        if (event != null && !eventTypes.isEmpty() && !eventTypes.contains(event.getType())) {
            LOG.trace("Zendesk webhook event {} of type {} filtered out", event.getEventId(), event.getType());
            counters.countIgnored();
            WebhookHttp.answer(http, 200, "ignored");
            return;
        }
        String key = invocationId != null && !invocationId.isBlank() ? invocationId
                : event != null ? event.getEventId() : null;
        WebhookDeduplicator.Claim claim = deduplicator.claim(key, signature, signatureExpiresAt,
                System.currentTimeMillis());
        switch (claim.outcome()) {
            case DUPLICATE -> {
                LOG.debug("Zendesk webhook delivery {} is a duplicate ({}): acknowledged, not routed", key,
                        claim.reason());
                counters.countDuplicate();
                WebhookHttp.answer(http, 200, "duplicate");
                return;
            }
            case IN_PROGRESS -> {
                LOG.debug("Zendesk webhook delivery {}: {}: 409", key, claim.reason());
                WebhookHttp.answer(http, 409, "in progress");
                return;
            }
            case UNAVAILABLE -> {
                WebhookHttp.retryLater(http, "try again");
                return;
            }
            default -> {
                // new: routed below
            }
        }
        Exchange exchange = createExchange(in, payload, event, invocationId);
        if (asyncExecutor != null) {
            try {
                asyncExecutor.execute(() -> route(exchange, key, claim));
            } catch (RejectedExecutionException e) {
                claim.failed();
                releaseExchange(exchange, false);
                WebhookHttp.retryLater(http, "shutting down");
                return;
            }
            counters.countAccepted();
            WebhookHttp.answer(http, 200, "accepted");
            return;
        }
        if (route(exchange, key, claim)) {
            counters.countAccepted();
            WebhookHttp.answer(http, 200, "ok");
        } else {
            WebhookHttp.retryLater(http, "route failed");
        }
    }

    /** Runs the route; true when it completed. A failure forgets the keys so that Zendesk's retry is processed. */
    private boolean route(Exchange exchange, String key, WebhookDeduplicator.Claim claim) {
        try {
            getProcessor().process(exchange);
        } catch (Exception e) {
            exchange.setException(e);
        }
        Exception failure = exchange.getException();
        try {
            if (failure != null) {
                counters.countFailed();
                claim.failed();
                LOG.warn("Zendesk webhook delivery {} failed in the route{}: {}", key,
                        config.isAsyncAck() ? " (already acknowledged: Zendesk will not retry it)"
                                : "; answered 503 so that Zendesk retries it",
                        failure.toString());
                return false;
            }
            claim.completed();
            return true;
        } finally {
            releaseExchange(exchange, false);
        }
    }

    private void refuse(Exchange http, int status, String reason, String invocationId) {
        refusals.refused(status, reason, invocationId);
        WebhookHttp.answer(http, status, status == 401 ? "invalid signature"
                : status == 413 ? "body over " + config.getMaxBodySize() + " bytes" : reason);
    }

    private Exchange createExchange(Message in, Object payload, WebhookEvent event, String invocationId) {
        Exchange exchange = createExchange(false);
        Message m = exchange.getMessage();
        m.setBody(payload);
        String accountId = in.getHeader(HEADER_ACCOUNT_ID, String.class);
        if (accountId == null && event != null && event.get("account_id") != null) {
            accountId = String.valueOf(event.get("account_id"));
        }
        m.setHeader(ZendeskConstants.ACCOUNT_ID, accountId);
        m.setHeader(ZendeskConstants.WEBHOOK_ID, in.getHeader(HEADER_WEBHOOK_ID, String.class));
        m.setHeader(ZendeskConstants.INVOCATION_ID, invocationId);
        if (event != null) {
            m.setHeader(ZendeskConstants.EVENT_TYPE, event.getType());
            m.setHeader(ZendeskConstants.SUBJECT_ID, event.getSubjectId());
        } else {
            m.setHeader(ZendeskConstants.EVENT_TYPE, WebhookRegistrar.TRIGGER_SUBSCRIPTION);
            m.setHeader(ZendeskConstants.SUBJECT_ID, WebhookHttp.triggerTicketId(payload));
        }
        return exchange;
    }

    WebhookRegistrar registrar() {
        return registrar;
    }

    /** The path deliveries are received on. */
    public String path() {
        return config.getPath();
    }

    /** What the consumer did with the deliveries it received (dev console, meters). */
    public WebhookCounters counters() {
        return counters;
    }
}
