package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.camelzendesk.emulator.Fault;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP front: one JDK HttpServer; every request goes through faults, auth, rate limits and routing,
 * and gets the rate-limit headers. /__admin is served apart (no auth, faults, limits or recording).
 */
public final class HttpFront {
    private static final System.Logger LOG = System.getLogger(HttpFront.class.getName());
    private static final String UNAUTHORIZED = "{\"error\":\"Couldn't authenticate you\"}";

    private final Core core;
    private final Router api = new Router();
    private final Router admin = new Router();
    private final UploadsApi uploads;
    private HttpServer server;
    private ExecutorService executor;
    /** Sends answers held back by a DELAY fault after applying, without holding a request thread. */
    private ScheduledExecutorService delayed;

    public HttpFront(Core core) {
        this.core = core;
        this.uploads = new UploadsApi(core);
        new TicketsApi(core).register(api);
        new UsersApi(core).register(api);
        new OrganizationsApi(core).register(api);
        new ResourcesApi(core).register(api);
        new TagsApi(core).register(api);
        uploads.register(api);
        new JobsApi(core).register(api);
        new SearchApi(core).register(api);
        new WebhooksApi(core).register(api);
        new ExportApi(core).register(api);
        new HelpCenterApi(core).register(api);
        new OAuthApi(core).register(api);
        new OAuthAuthorizeApi(core).register(api);
        new AdminApi(core).register(admin);
    }

    /** Binds and starts; returns the bound port. */
    public int start(String host, int port) throws IOException {
        server = HttpServer.create(new InetSocketAddress(host, port), 128);
        AtomicInteger n = new AtomicInteger();
        executor = new ThreadPoolExecutor(4, 32, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "zendesk-emulator-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        ((ThreadPoolExecutor) executor).allowCoreThreadTimeOut(false);
        server.setExecutor(executor);
        delayed = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "zendesk-emulator-delayed-answers");
            t.setDaemon(true);
            return t;
        });
        server.createContext("/", this::handle);
        server.start();
        return server.getAddress().getPort();
    }

    public void stop() {
        if (server != null) {
            server.stop(0);
            executor.shutdownNow();
            delayed.shutdownNow();
        }
    }

    private void handle(HttpExchange ex) {
        try {
            byte[] body = ex.getRequestBody().readAllBytes();
            String rawPath = ex.getRequestURI().getRawPath();
            String path = ex.getRequestURI().getPath();
            Req req = new Req(ex.getRequestMethod(), path == null ? rawPath : path, ex.getRequestURI().getRawQuery(),
                    ex.getRequestHeaders(), body);
            if (req.path.startsWith("/__admin")) {
                write(ex, serve(admin, req), null);
                return;
            }
            if (req.path.startsWith("/attachments/download/")) {
                String[] segs = req.path.split("/");
                Resp r;
                try {
                    r = uploads.download(Long.parseLong(segs[3]));
                } catch (ApiError e) {
                    r = Resp.json(e.status(), e.body());
                } catch (RuntimeException e) {
                    r = Resp.json(404, ApiError.notFound().body());
                }
                write(ex, r, null);
                return;
            }
            core.requestLog.record(req, core.now());
            RateLimiter.Bucket bucket = RateLimiter.bucketFor(req.path);

            Fault fault = core.faults.next(req.method, req.rawPath);
            if (fault != null && !fault.isAfterApplying()) {
                LOG.log(Level.DEBUG, "injecting {0} into {1} {2}", fault, req.method, req.rawPath);
                switch (fault.kind()) {
                    case DELAY -> sleep(fault.delay().toMillis());
                    case DROP_CONNECTION -> {
                        ex.close();
                        return;
                    }
                    default -> {
                        write(ex, faultResponse(fault), core.rateLimiter.acquire(bucket, false));
                        return;
                    }
                }
            }
            Answer answer = answer(req, bucket);
            if (fault != null && fault.isAfterApplying()) {
                LOG.log(Level.DEBUG, "applied {1} {2}, now injecting {0}", fault, req.method, req.rawPath);
                failAfterApplying(ex, fault, answer);
                return;
            }
            write(ex, answer.resp(), answer.rateLimit());
        } catch (IOException gone) {
            // the client closed the connection (it timed out, or its process was killed): nobody to answer
            LOG.log(Level.DEBUG, "the client of {0} {1} left: {2}", ex.getRequestMethod(), ex.getRequestURI(), gone);
            ex.close();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "failed to serve " + ex.getRequestMethod() + " " + ex.getRequestURI(), e);
            try {
                write(ex, Resp.json(500, Json.obj("error", "InternalError", "description", String.valueOf(e))), null);
            } catch (IOException ignored) {
                ex.close();
            }
        }
    }

    /** What the API answers: authentication, scope, rate limit, then the route (which applies any change). */
    private Answer answer(Req req, RateLimiter.Bucket bucket) {
        if (!req.path.startsWith("/oauth/")) { // the OAuth server's endpoints (tokens, authorizations) need no API auth
            Long actor = core.auth.authenticate(req);
            if (actor == null) {
                return new Answer(Resp.raw(401, UNAUTHORIZED.getBytes(StandardCharsets.UTF_8), "application/json; charset=utf-8")
                        .header("WWW-Authenticate", "Basic realm=\"Web Password\""), core.rateLimiter.acquire(bucket, false));
            }
            req.actorId = actor;
            String scope = core.auth.scopeOf(req);
            if (scope != null && !OAuthApi.allows(scope, req.method)) {
                return new Answer(Resp.json(403, Json.obj("error", "Forbidden", "description",
                        "You do not have access to this page. Please contact the account owner of this help desk for further help.")),
                        core.rateLimiter.acquire(bucket, false));
            }
        }
        RateLimiter.Result rl = core.rateLimiter.acquire(bucket, true);
        if (!rl.allowed()) {
            ObjectNode b = Json.obj("error", "APIRateLimitExceeded", "description", "Number of allowed API requests per minute exceeded");
            return new Answer(Resp.json(429, b).header("Retry-After", String.valueOf(rl.resetSeconds())), rl);
        }
        EndpointLimits.Decision endpoint = core.endpointLimits.acquire(req);
        Resp resp = endpoint.refused() ? endpointRefusal(endpoint) : serve(api, req);
        endpoint.headers().forEach(resp::header);
        return new Answer(resp, rl);
    }

    /** Zendesk's answer when an endpoint limit is used up: organizations have their own body. */
    private static Resp endpointRefusal(EndpointLimits.Decision d) {
        ObjectNode body = d.refusedBy().startsWith("organizations-update")
                ? Json.obj("errors", Json.MAPPER.createArrayNode().add(Json.obj("code", "TooManyRequests", "title",
                        "Too many requests to update")))
                : Json.obj("error", "APIRateLimitExceeded", "description", "Rate limit for " + d.refusedBy() + " exceeded");
        return Resp.json(429, body).header("Retry-After", String.valueOf(d.retryAfterSeconds()));
    }

    /**
     * The request was applied; the client gets the fault instead of its answer: an error status, no response at all,
     * or the answer only after the fault's delay (by then the client has usually given up; the write then fails quietly).
     */
    private void failAfterApplying(HttpExchange ex, Fault fault, Answer answer) throws IOException {
        switch (fault.kind()) {
            case DROP_CONNECTION -> ex.close();
            case DELAY -> delayed.schedule(() -> {
                try {
                    write(ex, answer.resp(), answer.rateLimit());
                } catch (IOException | RuntimeException gone) {
                    LOG.log(Level.DEBUG, "the client left before the delayed answer: {0}", String.valueOf(gone));
                    ex.close();
                }
            }, fault.delay().toMillis(), TimeUnit.MILLISECONDS);
            default -> write(ex, faultResponse(fault), answer.rateLimit());
        }
    }

    private record Answer(Resp resp, RateLimiter.Result rateLimit) {
    }

    private static Resp serve(Router router, Req req) {
        try {
            return router.dispatch(req);
        } catch (ApiError e) {
            Resp r = Resp.json(e.status(), e.body());
            e.headers().forEach(r::header);
            return r;
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "handler failed for " + req.method + " " + req.rawPath, e);
            return Resp.json(500, Json.obj("error", "InternalError", "description", String.valueOf(e)));
        }
    }

    private static Resp faultResponse(Fault f) {
        return switch (f.kind()) {
            case RATE_LIMIT_429 -> {
                Resp r = switch (f.rateLimitBody()) {
                    case PLAIN_TEXT -> Resp.text(429, "Too Many Requests");
                    case EDGE_JSON -> Resp.json(429, Json.obj("detail", "Too many requests, please retry later", "status", 429, "title", "Too Many Requests"));
                    default -> Resp.json(429, Json.obj("error", "APIRateLimitExceeded", "description", "Number of allowed API requests per minute exceeded"));
                };
                yield r.header("Retry-After", String.valueOf(f.retryAfterSeconds()));
            }
            case ERROR_500 -> Resp.json(500, Json.obj("error", "InternalError", "description", "Something went wrong (injected fault)"));
            case ERROR_502 -> gatewayError(502, "Bad Gateway");
            case ERROR_504 -> gatewayError(504, "Gateway Time-out");
            case ERROR_503 -> {
                Resp r = Resp.text(503, "Service Unavailable");
                yield f.retryAfterSeconds() > 0 ? r.header("Retry-After", String.valueOf(f.retryAfterSeconds())) : r;
            }
            case MALFORMED_JSON -> Resp.raw(200, "{\"tickets\": [{\"id\": 1, \"subject\": \"trunc".getBytes(StandardCharsets.UTF_8),
                    "application/json; charset=utf-8");
            default -> throw new IllegalStateException("not a response fault: " + f.kind());
        };
    }

    /** An edge proxy's error page, not Zendesk's JSON: what a client sees when the gateway gave up. */
    private static Resp gatewayError(int status, String reason) {
        String html = "<html><head><title>" + status + " " + reason + "</title></head><body><center><h1>" + status + " "
                      + reason + "</h1></center></body></html>";
        return Resp.raw(status, html.getBytes(StandardCharsets.UTF_8), "text/html");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(HttpExchange ex, Resp r, RateLimiter.Result rl) throws IOException {
        Headers h = ex.getResponseHeaders();
        if (r.contentType != null) {
            h.set("Content-Type", r.contentType);
        }
        for (Map.Entry<String, String> e : r.headers.entrySet()) {
            h.set(e.getKey(), e.getValue());
        }
        if (rl != null) {
            String limit = String.valueOf(rl.limit());
            String remaining = String.valueOf(rl.remaining());
            String reset = String.valueOf(rl.resetSeconds());
            h.set("X-Rate-Limit", limit);
            h.set("X-Rate-Limit-Remaining", remaining);
            h.set("ratelimit-limit", limit);
            h.set("ratelimit-remaining", remaining);
            h.set("ratelimit-reset", reset);
            h.set("rate-limit", limit);
            h.set("rate-limit-remaining", remaining);
            h.set("rate-limit-reset", reset);
        }
        h.set("X-Zendesk-Emulator", "1");
        boolean head = "HEAD".equals(ex.getRequestMethod());
        if (r.status == 204 || head) {
            ex.sendResponseHeaders(r.status, -1);
        } else {
            ex.sendResponseHeaders(r.status, r.body.length == 0 ? -1 : r.body.length);
            if (r.body.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(r.body);
                }
            }
        }
        ex.close();
    }
}
