package io.camelzendesk.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.SSLHandshakeException;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Zendesk HTTP client: one JDK {@link HttpClient} (HTTP/2 when offered, asynchronous, pooled connections) per
 * account configuration. Every request goes through the same path: where it may go ({@link RequestTarget}: the
 * configured origin only), the account's rate limiter, authentication, the send, the retry policy, and errors turned
 * into {@link ZendeskApiException}s.
 * <p>
 * Retries: 429 ({@code Retry-After}), 503 with {@code Retry-After} and a connection that could not be made are
 * retried for every request: Zendesk did not process it. A 500, 502, 503 without {@code Retry-After}, 504, a timeout
 * or a connection lost after sending may come after Zendesk did the work: retried (with backoff) only when the
 * request is {@linkplain ZendeskRequest#isRepeatable() repeatable}; a write that is not fails at once with a
 * {@link ZendeskWriteOutcomeUnknownException}, never sent twice. A 401 is retried once with renewed credentials
 * when they can be renewed.
 * <p>
 * No Camel types: usable and testable on its own.
 */
public final class ZendeskClient implements AutoCloseable {

    public static final String VERSION = versionOf();
    public static final String USER_AGENT = "camel-zendesk/" + VERSION + " (Java " + Runtime.version().feature() + ")";

    private static final Logger LOG = LoggerFactory.getLogger(ZendeskClient.class);
    private static final AtomicBoolean SMALL_MACHINE_NOTED = new AtomicBoolean();
    private static final int MAX_ERROR_BODY = 64 * 1024;
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final ZendeskClientConfig config;
    private final ForkJoinPool executor;
    private final HttpClient http;
    private final RateLimiter generalLimiter;
    private final RateLimiter incrementalLimiter;
    private final ZendeskClientMetrics metrics = new ZendeskClientMetrics();
    private volatile boolean closed;

    public ZendeskClient(ZendeskClientConfig config) {
        this.config = config;
        int id = CLIENTS.incrementAndGet();
        AtomicInteger n = new AtomicInteger();
        ForkJoinPool.ForkJoinWorkerThreadFactory tf = pool -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(pool);
            t.setName("zendesk-client-" + id + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        // A fork-join pool: when code running on it waits for another request (a lazy page iterator inside a
        // route continued here, a health check), the wait is "managed" and the pool adds a thread for the time
        // of the wait, so a few threads never deadlock; without waits it stays at `threads`.
        this.executor = new ForkJoinPool(config.threads(), tf, null, true);
        if (ForkJoinPool.getCommonPoolParallelism() < 2 && !SMALL_MACHINE_NOTED.getAndSet(true)) {
            LOG.info("This JVM sees {} CPU(s): the JDK HttpClient completes every response on a new thread (its hop"
                     + " to CompletableFuture's default executor, a thread per task below 3 CPUs). At high request"
                     + " rates start the JVM with -Djava.util.concurrent.ForkJoinPool.common.parallelism=4",
                    Runtime.getRuntime().availableProcessors());
        }
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
        this.generalLimiter = RateLimiter.shared(config.account(), "general", config.requestsPerMinute());
        this.incrementalLimiter = RateLimiter.shared(config.account(), "incremental",
                config.incrementalRequestsPerMinute());
    }

    public ZendeskClientConfig config() {
        return config;
    }

    public ZendeskClientMetrics metrics() {
        return metrics;
    }

    /** The limiter of a budget of this client's account. */
    public RateLimiter limiter(Budget budget) {
        return budget == Budget.INCREMENTAL ? incrementalLimiter : generalLimiter;
    }

    /** The executor that completes responses; callers may continue work on it. */
    public ExecutorService executor() {
        return executor;
    }

    /**
     * Sends the request and waits for the parsed body; failures are thrown as {@link ZendeskException}s.
     * <p>
     * Routes continue on the client's threads, so this may be called on one of them (a lazy list iterated after
     * another call): the wait is a managed block of the fork-join pool, which lends itself a thread meanwhile.
     */
    public <T> ZendeskResponse<T> execute(ZendeskRequest request, BodyReader<T> reader) {
        try {
            return send(request, reader).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ZendeskException(request + " interrupted", e);
        } catch (ExecutionException e) {
            throw unwrap(e.getCause());
        }
    }

    /** Sends the request asynchronously; the future fails with a {@link ZendeskException}. */
    public <T> CompletableFuture<ZendeskResponse<T>> send(ZendeskRequest request, BodyReader<T> reader) {
        if (closed) {
            return CompletableFuture.failedFuture(new ZendeskException("Zendesk client is closed"));
        }
        Attempt<T> attempt;
        try {
            attempt = new Attempt<>(request, reader);
        } catch (ZendeskException refused) {
            // a URL on another host: refused before anything was sent
            return CompletableFuture.failedFuture(refused);
        }
        attempt.next(Duration.ZERO);
        return attempt.result;
    }

    /** Iterates a paginated list lazily. */
    public <T> PageIterator<T> paginate(ZendeskRequest first, PageReader<T> reader, long maxResults) {
        return new PageIterator<>(this, first, reader, maxResults);
    }

    /**
     * Sends the first page of a list now; the future completes with an iterator once that page has arrived (so that
     * a refused list fails here), and the iterator fetches the following pages lazily.
     */
    public <T> CompletableFuture<PageIterator<T>> list(ZendeskRequest first, PageReader<T> reader, long maxResults) {
        return send(first, reader).thenApply(r -> new PageIterator<>(this, r.body(), reader, maxResults));
    }

    /** GET a path and return the body as a tree (for small, rarely used answers). */
    public JsonNode getJson(String path) {
        return getJson(ZendeskRequest.get(path).build());
    }

    /** Sends a request and returns the body as a tree (for small, rarely used answers). */
    public JsonNode getJson(ZendeskRequest request) {
        return execute(request, in -> ZendeskJson.MAPPER.readTree(in)).body();
    }

    /** The {@link ZendeskException} behind a failed future (unwrapping completion and execution wrappers). */
    public static ZendeskException unwrap(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        if (t instanceof ZendeskException ze) {
            return ze;
        }
        return new ZendeskException(String.valueOf(t.getMessage()), t);
    }

    /** {@code POST /oauth/tokens} with the client_credentials grant. */
    CompletableFuture<OAuthTokenCache.Token> requestClientCredentialsToken(String clientId, String clientSecret,
            String scope) {
        Map<String, Object> form = new java.util.LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        form.put("client_id", clientId);
        form.put("client_secret", clientSecret);
        if (scope != null && !scope.isBlank()) {
            form.put("scope", scope);
        }
        byte[] body;
        try {
            body = ZendeskJson.MAPPER.writeValueAsBytes(form);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // minting a client_credentials token twice is harmless: the unused one expires
        ZendeskRequest request = ZendeskRequest.post("/oauth/tokens").json(body).repeatable(true).build();
        Attempt<OAuthTokenCache.Token> attempt = new Attempt<>(request, in -> {
            JsonNode node = ZendeskJson.MAPPER.readTree(in);
            JsonNode token = node.path("access_token");
            if (!token.isTextual()) {
                throw new IOException("the token response has no access_token");
            }
            JsonNode expires = node.path("expires_in");
            return new OAuthTokenCache.Token(token.asText(),
                    expires.isNumber() ? Duration.ofSeconds(expires.asLong()) : null);
        });
        attempt.withoutAuth = true;
        attempt.next(Duration.ZERO);
        return attempt.result.thenApply(ZendeskResponse::body);
    }

    /** One logical request and its attempts. */
    private final class Attempt<T> {
        final ZendeskRequest request;
        final BodyReader<T> reader;
        final CompletableFuture<ZendeskResponse<T>> result = new CompletableFuture<>();
        final long deadlineNanos;
        final URI uri;
        final String logPath;
        int attempts;
        /** An attempt failed in a way that does not say whether Zendesk processed it. */
        boolean maybeProcessed;
        boolean reauthenticated;
        boolean withoutAuth;

        Attempt(ZendeskRequest request, BodyReader<T> reader) {
            this.request = request;
            this.reader = reader;
            this.deadlineNanos = System.nanoTime() + config.retryPolicy().deadline().toNanos();
            this.uri = RequestTarget.of(config.baseUrl(), request);
            this.logPath = uri.getRawPath();
        }

        /** Waits {@code delay} plus what the rate limiter asks, then sends. */
        void next(Duration delay) {
            RateLimiter limiter = limiter(request.budget());
            // the slot is reserved for when the delay is over
            Duration wait = delay.plus(withoutAuth || request.probeTimeout() != null ? Duration.ZERO
                    : limiter.reserve(config.sleeper().nanoTime() + delay.toNanos()));
            if (!wait.isZero()) {
                metrics.waitedNanos.add(wait.toNanos());
            }
            config.sleeper().sleep(wait)
                    .thenCompose(v -> withoutAuth ? CompletableFuture.completedFuture(null)
                            : config.auth().authorization(ZendeskClient.this, executor))
                    .whenComplete((authorization, authFailure) -> {
                        if (authFailure != null) {
                            fail(unwrap(authFailure));
                        } else {
                            sendOnce(authorization);
                        }
                    });
        }

        void sendOnce(String authorization) {
            if (closed) {
                fail(new ZendeskException("Zendesk client is closed"));
                return;
            }
            attempts++;
            metrics.requests.increment();
            if (attempts > 1) {
                metrics.retries.increment();
            }
            HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                    .timeout(request.probeTimeout() != null ? request.probeTimeout() : config.requestTimeout())
                    .header("User-Agent", USER_AGENT)
                    .header("Accept", "application/json");
            if (authorization != null) {
                b.header("Authorization", authorization);
            }
            request.headers().forEach(b::header);
            if (request.body() != null) {
                b.header("Content-Type", request.contentType());
                b.method(request.method(), HttpRequest.BodyPublishers.ofByteArray(request.body()));
            } else {
                b.method(request.method(), HttpRequest.BodyPublishers.noBody());
            }
            long start = System.nanoTime();
            // the body is received in full before a client thread reads it: a thread that blocked on a streaming
            // body would wait for bytes only the client's own (possibly all blocked) threads can deliver
            http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
                    .whenCompleteAsync((response, failure) -> {
                        if (failure != null) {
                            onTransportFailure(unwrapTransport(failure), start);
                        } else {
                            onResponse(response, authorization, start);
                        }
                    }, executor);
        }

        void onResponse(HttpResponse<byte[]> response, String authorization, long start) {
            int status = response.statusCode();
            HttpHeaders headers = response.headers();
            RateLimiter limiter = limiter(request.budget());
            if (!withoutAuth) {
                limiter.observe(headers.map(), config.sleeper().nanoTime());
            }
            if (LOG.isDebugEnabled()) {
                LOG.debug("{} {} -> {} in {} ms (rate limit remaining {}, attempt {})", request.method(), logPath,
                        status, (System.nanoTime() - start) / 1_000_000, limiter.lastRemaining(), attempts);
            }
            if (status >= 200 && status < 300) {
                try {
                    T body = reader.read(response.body());
                    result.complete(new ZendeskResponse<>(status, headers, body));
                } catch (Exception e) {
                    fail(new ZendeskException(request.method() + " " + logPath + " -> HTTP " + status
                            + ": could not read the response: " + e.getMessage(), e));
                }
                return;
            }
            byte[] errorBody = response.body().length > MAX_ERROR_BODY
                    ? Arrays.copyOf(response.body(), MAX_ERROR_BODY) : response.body();
            Duration retryAfter = retryAfter(headers);
            if (status == 429) {
                metrics.rateLimited.increment();
                limiter.pause(retryAfter != null ? retryAfter : Duration.ofSeconds(1), config.sleeper().nanoTime());
            }
            if (status == 401 && !reauthenticated && authorization != null && config.auth().invalidate(authorization)) {
                reauthenticated = true;
                next(Duration.ZERO);
                return;
            }
            // a 429, and a 503 with Retry-After, refused the request before any work was done; any other 5xx
            // (500, 502, 504, a proxy's 52x) may come after Zendesk did the work
            boolean unprocessed = status == 429 || (status == 503 && retryAfter != null);
            boolean ambiguous = status >= 500 && !unprocessed;
            maybeProcessed |= ambiguous;
            if (RetryPolicy.retryableStatus(status) && (unprocessed || request.isRepeatable()) && canRetry()) {
                Duration delay = retryAfter != null && (status == 429 || status == 503)
                        ? retryAfter : config.retryPolicy().backoff(attempts);
                if (status == 429 && retryAfter == null) {
                    delay = Duration.ofSeconds(1).plus(config.retryPolicy().backoff(attempts));
                }
                if (withinDeadline(delay)) {
                    LOG.debug("{} {} -> {}: retrying in {} ms", request.method(), logPath, status, delay.toMillis());
                    next(delay);
                    return;
                }
            }
            ZendeskError error = parseError(status, errorBody, retryAfter, headers);
            // a 401 says which kind of credentials was refused (the token request's own 401 included), never values
            ZendeskApiException failure = status == 401
                    ? new ZendeskAuthenticationException(error, config.auth().kind()) : ZendeskApiException.of(error);
            if ((ambiguous || unprocessed) && outcomeUnknown()) {
                fail(new ZendeskWriteOutcomeUnknownException(request.method(), logPath, status, attempts,
                        request.idempotencyKey(), "HTTP " + status + (error.error() != null ? " " + error.error() : ""),
                        failure));
                return;
            }
            fail(failure);
        }

        void onTransportFailure(Throwable failure, long start) {
            LOG.debug("{} {} failed after {} ms: {}", request.method(), logPath, (System.nanoTime() - start) / 1_000_000,
                    failure.toString());
            // a connection that was never made carried nothing; anything later may have reached the server
            boolean neverSent = failure instanceof ConnectException || failure instanceof HttpConnectTimeoutException;
            maybeProcessed |= !(neverSent || failure instanceof SSLHandshakeException);
            if ((neverSent || request.isRepeatable()) && failure instanceof IOException && canRetry()) {
                Duration delay = config.retryPolicy().backoff(attempts);
                if (withinDeadline(delay)) {
                    next(delay);
                    return;
                }
            }
            if (outcomeUnknown()) {
                String what = failure instanceof HttpTimeoutException ? "no answer within the request timeout"
                        : "the connection failed after the request was sent ("
                          + ZendeskTransportException.describe(failure, null) + ")";
                fail(new ZendeskWriteOutcomeUnknownException(request.method(), logPath, null, attempts,
                        request.idempotencyKey(), what, failure));
                return;
            }
            fail(new ZendeskTransportException(request.method(), logPath, RequestTarget.origin(uri), attempts,
                    failure));
        }

        /**
         * A write that may have been processed and whose repetition is not harmless by itself: not repeatable, or
         * repeatable only with its {@code Idempotency-Key}, which the caller must reuse to send it again.
         */
        boolean outcomeUnknown() {
            return maybeProcessed && (!request.isRepeatable() || request.idempotencyKey() != null);
        }

        boolean canRetry() {
            return request.probeTimeout() == null && attempts <= config.retryPolicy().maxRetries();
        }

        boolean withinDeadline(Duration delay) {
            return System.nanoTime() + delay.toNanos() - deadlineNanos < 0;
        }

        void fail(ZendeskException e) {
            metrics.failures.increment();
            result.completeExceptionally(e);
        }

        ZendeskError parseError(int status, byte[] body, Duration retryAfter, HttpHeaders headers) {
            String error = null;
            String description = null;
            Map<String, List<Map<String, Object>>> details = Collections.emptyMap();
            String text = new String(body, StandardCharsets.UTF_8).trim();
            if (text.startsWith("{")) {
                try {
                    JsonNode node = ZendeskJson.MAPPER.readTree(body);
                    JsonNode err = node.get("error");
                    if (err != null && err.isTextual()) {
                        error = err.asText();
                    } else if (err != null && err.isObject()) {
                        // some endpoints nest it: {"error": {"title": ..., "message": ...}}
                        error = err.path("title").asText(null);
                        description = err.path("message").asText(null);
                    }
                    if (error == null && node.hasNonNull("title")) {
                        error = node.get("title").asText();
                    }
                    if (node.hasNonNull("description")) {
                        description = node.get("description").asText();
                    } else if (description == null && node.hasNonNull("detail")) {
                        description = node.get("detail").asText();
                    }
                    if (node.path("details").isObject()) {
                        details = ZendeskJson.MAPPER.convertValue(node.get("details"),
                                new com.fasterxml.jackson.core.type.TypeReference<
                                        Map<String, List<Map<String, Object>>>>() {
                                });
                    }
                } catch (IOException | IllegalArgumentException e) {
                    description = abbreviate(text);
                }
            } else if (!text.isEmpty()) {
                description = abbreviate(text);
            }
            String requestId = headers.firstValue("x-zendesk-request-id")
                    .or(() -> headers.firstValue("x-request-id")).orElse(null);
            return new ZendeskError(status, error, description, details, retryAfter, requestId, request.method(),
                    logPath, attempts);
        }
    }

    private static Throwable unwrapTransport(Throwable t) {
        while (t instanceof CompletionException && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    private static String abbreviate(String text) {
        return text.length() > 500 ? text.substring(0, 500) + "..." : text;
    }

    /** {@code Retry-After} as seconds or as an HTTP date. */
    static Duration retryAfter(HttpHeaders headers) {
        String value = headers.firstValue("Retry-After").orElse(null);
        if (value == null || value.isBlank()) {
            return null;
        }
        value = value.trim();
        try {
            return Duration.ofSeconds(Math.max(0, (long) Math.ceil(Double.parseDouble(value))));
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration d = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (RuntimeException ignored) {
                return null;
            }
        }
    }

    /** Encodes one path segment. */
    public static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** Stops the client: in-flight requests fail, the worker threads end. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        executor.shutdownNow();
        generalLimiter.release();
        incrementalLimiter.release();
    }

    public boolean isClosed() {
        return closed;
    }

    private static String versionOf() {
        String v = ZendeskClient.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0";
    }

    @Override
    public String toString() {
        return "ZendeskClient[" + config.baseUrl() + ", " + config.auth() + "]";
    }
}
