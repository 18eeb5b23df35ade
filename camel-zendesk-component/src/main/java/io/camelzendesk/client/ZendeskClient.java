package io.camelzendesk.client;

import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

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
    private static final AtomicInteger CLIENTS = new AtomicInteger();

    private final ZendeskClientConfig config;
    private final ForkJoinPool executor;
    private final HttpClient http;
    private final AccountLimits limits;
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
        this.limits = AccountLimits.shared(config.account(), config.requestsPerMinute(),
                config.incrementalRequestsPerMinute());
    }

    public ZendeskClientConfig config() {
        return config;
    }

    public ZendeskClientMetrics metrics() {
        return metrics;
    }

    /** The account-wide limiter of a budget of this client's account. */
    public RateLimiter limiter(Budget budget) {
        return limits.account(budget);
    }

    /** Every budget of this client's account: its own, its endpoints', its objects'. */
    public AccountLimits limits() {
        return limits;
    }

    HttpClient http() {
        return http;
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
        RequestAttempt<T> attempt;
        try {
            attempt = new RequestAttempt<>(this, request, reader);
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
        limits.release();
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
