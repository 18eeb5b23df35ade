package io.camelzendesk.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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

import javax.net.ssl.SSLHandshakeException;

import com.fasterxml.jackson.databind.JsonNode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static io.camelzendesk.client.ZendeskClient.USER_AGENT;
import static io.camelzendesk.client.ZendeskClient.unwrap;

/**
 * One logical request of a {@link ZendeskClient} and its attempts: the rate limiter's slot, authentication, the
 * send, and on failure the retry decision (see the client's javadoc for which failures are retried) or the
 * exception that says what happened.
 */
final class RequestAttempt<T> {

    private static final Logger LOG = LoggerFactory.getLogger(ZendeskClient.class);
    private static final int MAX_ERROR_BODY = 64 * 1024;

    private final ZendeskClient client;
    private final ZendeskClientConfig config;
    private final ZendeskClientMetrics metrics;

    final ZendeskRequest request;
    final BodyReader<T> reader;
    final CompletableFuture<ZendeskResponse<T>> result = new CompletableFuture<>();
    final long deadlineNanos;
    final URI uri;
    final String logPath;
    final AccountLimits.RequestLimits limits;
    int attempts;
    /** An attempt failed in a way that does not say whether Zendesk processed it. */
    boolean maybeProcessed;
    boolean reauthenticated;
    boolean withoutAuth;
    /** The budget slots the last attempt went in (null when it drew on none). */
    private long[] sentSlots;

    RequestAttempt(ZendeskClient client, ZendeskRequest request, BodyReader<T> reader) {
        this.client = client;
        this.config = client.config();
        this.metrics = client.metrics();
        this.request = request;
        this.reader = reader;
        this.deadlineNanos = System.nanoTime() + config.retryPolicy().deadline().toNanos();
        this.uri = RequestTarget.of(config.baseUrl(), request);
        this.logPath = uri.getRawPath();
        this.limits = client.limits().of(request, logPath);
    }

    /** Waits {@code delay} plus what the rate limiter asks, then sends. */
    void next(Duration delay) {
        if (!delay.isZero()) {
            metrics.waitedNanos.add(delay.toNanos());
        }
        boolean limited = !withoutAuth && request.probeTimeout() == null;
        config.sleeper().sleep(delay).whenComplete((v, x) -> {
            if (limited) {
                waitForBudget(0, new long[limits.chain().size()]);
            } else {
                authenticateAndSend();
            }
        });
    }

    /**
     * Waits for a slot on each budget of the request in turn, most specific first (so that a request held back by
     * its ticket's budget holds no slot of the account's meanwhile), then sends; the slots taken earlier are moved
     * to when it went. A wait that would end past the request's deadline fails it unsent, its slots given back.
     */
    private void waitForBudget(int i, long[] slots) {
        List<RateLimiter> chain = limits.chain();
        if (i == chain.size()) {
            RateLimiter account = chain.get(i - 1);
            if (account.pausedPast(slots[i - 1])) {
                // the account was paused while this request waited (a 429, or the count ran low, perhaps spent by
                // other nodes): its slot is stale, it takes a new one after the pause
                account.cancel(slots[i - 1]);
                waitForBudget(i - 1, slots);
                return;
            }
            long went = slots[i - 1];
            for (int j = 0; j < i - 1; j++) {
                if (slots[j] != went) {
                    chain.get(j).postpone(slots[j], went);
                    slots[j] = went;
                }
            }
            sentSlots = slots;
            authenticateAndSend();
            return;
        }
        long now = config.sleeper().nanoTime();
        slots[i] = chain.get(i).reserveAt(now);
        Duration wait = Duration.ofNanos(slots[i] - now);
        if (!wait.isZero() && !config.retryPolicy().deadline().isZero() && !withinDeadline(wait)) {
            for (int j = 0; j <= i; j++) {
                chain.get(j).cancel(slots[j]);
            }
            fail(budgetUsedUp(chain.get(i), wait));
            return;
        }
        if (!wait.isZero()) {
            metrics.waitedNanos.add(wait.toNanos());
        }
        config.sleeper().sleep(wait).whenComplete((v, x) -> waitForBudget(i + 1, slots));
    }

    private void authenticateAndSend() {
        (withoutAuth ? CompletableFuture.<String>completedFuture(null)
                : config.auth().authorization(client, client.executor()))
                .whenComplete((authorization, authFailure) -> {
                    if (authFailure != null) {
                        fail(unwrap(authFailure));
                    } else {
                        sendOnce(authorization);
                    }
                });
    }

    void sendOnce(String authorization) {
        if (client.isClosed()) {
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
        client.http().sendAsync(b.build(), HttpResponse.BodyHandlers.ofByteArray())
                .whenCompleteAsync((response, failure) -> {
                    if (failure != null) {
                        onTransportFailure(unwrapTransport(failure), start);
                    } else {
                        onResponse(response, authorization, start);
                    }
                }, client.executor());
    }

    void onResponse(HttpResponse<byte[]> response, String authorization, long start) {
        int status = response.statusCode();
        HttpHeaders headers = response.headers();
        if (!withoutAuth) {
            client.limits().observe(limits, headers.map(), config.sleeper().nanoTime());
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} -> {} in {} ms (rate limit remaining {}, attempt {})", request.method(), logPath,
                    status, (System.nanoTime() - start) / 1_000_000, limits.account().lastRemaining(), attempts);
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
            client.limits().rateLimited(limits, headers.map(), retryAfter, config.sleeper().nanoTime());
            if (sentSlots != null) {
                // Zendesk counted nothing of a refused request: its slots in the documented windows are free again
                List<RateLimiter> chain = limits.chain();
                for (int j = 0; j < chain.size(); j++) {
                    chain.get(j).cancel(sentSlots[j]);
                }
                sentSlots = null;
            }
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
                    ? RetryPolicy.afterRetryAfter(retryAfter) : config.retryPolicy().backoff(attempts);
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

    /** The request would wait for a budget past its deadline: it is not sent, and says which budget and how long. */
    private ZendeskRateLimitException budgetUsedUp(RateLimiter budget, Duration wait) {
        return new ZendeskRateLimitException(new ZendeskError(429, "BudgetUsedUp", "Not sent: the " + budget.name()
                + " budget allows it in " + wait.toSeconds() + " s, after the request's deadline (option"
                + " retryDeadline)", Map.of(), wait, null, request.method(), logPath, attempts));
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
                } else if (description == null && node.hasNonNull("error_description")) {
                    // OAuth's token endpoint (RFC 6749 5.2)
                    description = node.get("error_description").asText();
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
}
