package io.camelzendesk.component.webhook;

import java.io.IOException;
import java.util.List;
import java.util.Set;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClosedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.apache.camel.CamelContext;
import org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook's limits held by the Vert.x HTTP server platform-http runs on (camel-platform-http-main, Camel Quarkus,
 * {@code camel run}), so that nothing large or slow is buffered before the consumer sees it. A route of its own on
 * the platform-http router, for the webhook's path and methods and placed before the platform-http consumer's:
 * <ul>
 * <li>a declared {@code Content-Length} over {@code maxBodySize}: 413 at once, the body never read;</li>
 * <li>a body that passes {@code maxBodySize} while it arrives (chunked): 413 as soon as it does, nothing more is
 * buffered (Vert.x's body handler, limited to {@code maxBodySize} instead of the router's 10 MiB);</li>
 * <li>a body not complete {@code deliveryReadTimeout} after the headers: 408 (slow senders);</li>
 * <li>after a 413 or a 408 the connection is closed, so that the rest of the body is not even received;</li>
 * <li>a client that goes away mid-request: one DEBUG line, where the router would log an ERROR with a stack
 * trace.</li>
 * </ul>
 * The body read here is the one platform-http hands to the consumer: Vert.x reads a request's body once per request,
 * so the router's own body handler, later in the chain, passes. Other failures go on to the router's handling.
 */
final class VertxWebhookLimits implements AutoCloseable {

    /** Present when camel-platform-http-vertx is: only then is this class loaded. */
    static final String ROUTER_CLASS = "org.apache.camel.component.platform.http.vertx.VertxPlatformHttpRouter";

    private static final Logger LOG = LoggerFactory.getLogger(ZendeskWebhookConsumer.class);
    private static final String TIMER = "camel-zendesk.readTimer";
    private static final String ABORT_LOGGED = "camel-zendesk.abortLogged";

    private final String path;
    private final long maxBodySize;
    private final long readTimeoutMillis;
    private final WebhookRefusalLog refusals;
    private final BodyHandler bodyHandler;
    private final Route route;

    private VertxWebhookLimits(VertxPlatformHttpRouter router, String path, List<String> methods, long maxBodySize,
                               long readTimeoutMillis, WebhookRefusalLog refusals) {
        this.path = path;
        this.maxBodySize = maxBodySize;
        this.readTimeoutMillis = readTimeoutMillis;
        this.refusals = refusals;
        this.bodyHandler = BodyHandler.create(false).setBodyLimit(maxBodySize);
        Route r = router.route(path);
        methods.forEach(m -> r.method(HttpMethod.valueOf(m)));
        // Vert.x wants a body handler first on a route: it is called from begin, after the checks
        r.handler(this::begin)
                .handler(this::bodyReceived)
                .failureHandler(this::failed);
        this.route = r;
    }

    /**
     * Installs the limits on the platform-http router of the context; null when there is none (another engine):
     * then only the consumer's own check of the body it is handed applies.
     */
    static VertxWebhookLimits install(CamelContext context, String path, List<String> methods, long maxBodySize,
                                      long readTimeoutMillis, WebhookRefusalLog refusals) {
        VertxPlatformHttpRouter router = router(context);
        return router == null ? null
                : new VertxWebhookLimits(router, path, methods, maxBodySize, readTimeoutMillis, refusals);
    }

    private static VertxPlatformHttpRouter router(CamelContext context) {
        Set<VertxPlatformHttpRouter> routers = context.getRegistry().findByType(VertxPlatformHttpRouter.class);
        if (routers.size() <= 1) {
            return routers.isEmpty() ? null : routers.iterator().next();
        }
        // several servers: the default one, as platform-http picks it
        VertxPlatformHttpRouter router = VertxPlatformHttpRouter.lookup(context);
        return router != null ? router : routers.iterator().next();
    }

    private void begin(RoutingContext ctx) {
        String declared = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (declared != null && parseLength(declared) > maxBodySize) {
            refuse(ctx, 413, "body over maxBodySize (" + maxBodySize + " bytes)");
            return;
        }
        if (readTimeoutMillis > 0 && !ctx.request().isEnded()) {
            Vertx vertx = ctx.vertx();
            long timer = vertx.setTimer(readTimeoutMillis, id -> {
                if (ctx.get(TIMER) != null && !ctx.request().isEnded()) {
                    refuse(ctx, 408, "body not received within deliveryReadTimeout (" + readTimeoutMillis + " ms)");
                }
            });
            ctx.put(TIMER, timer);
            ctx.addEndHandler(v -> cancelTimer(ctx));
        }
        if (ctx.request().version() == HttpVersion.HTTP_2) {
            // platform-http's own body handler resumes the request, which Vert.x refuses on an HTTP/2 request already
            // read (a 500 for every delivery): HTTP/2 bodies are read by platform-http (bounded by its own limit and
            // then by the consumer's maxBodySize check); the Content-Length check and the read timeout above hold
            ctx.next();
            return;
        }
        // reads the body (at most maxBodySize bytes, else fails the request with 413), then goes on to the next
        bodyHandler.handle(ctx);
    }

    private void bodyReceived(RoutingContext ctx) {
        cancelTimer(ctx);
        ctx.next();
    }

    private void failed(RoutingContext ctx) {
        cancelTimer(ctx);
        Throwable failure = ctx.failure();
        if (ctx.statusCode() == 413) {
            refuse(ctx, 413, "body over maxBodySize (" + maxBodySize + " bytes)");
        } else if (failure instanceof HttpClosedException || failure instanceof IOException) {
            // the client went away mid-request: nobody to answer; one line, however many failures it causes
            if (ctx.get(ABORT_LOGGED) == null) {
                ctx.put(ABORT_LOGGED, Boolean.TRUE);
                LOG.debug("Zendesk webhook on {}: the client went away before the request was complete ({})", path,
                        failure.getClass().getSimpleName());
            }
            ctx.request().connection().close();
        } else {
            ctx.next();
        }
    }

    private static void cancelTimer(RoutingContext ctx) {
        Long timer = ctx.remove(TIMER);
        if (timer != null) {
            ctx.vertx().cancelTimer(timer);
        }
    }

    /** Answers and closes the connection: the rest of the body, if any, is not received. */
    private void refuse(RoutingContext ctx, int status, String reason) {
        cancelTimer(ctx);
        // closing the connection fails the request: that is not a client going away
        ctx.put(ABORT_LOGGED, Boolean.TRUE);
        refusals.refused(status, reason, ctx.request().getHeader(ZendeskWebhookConsumer.HEADER_INVOCATION_ID));
        HttpServerResponse response = ctx.response();
        if (response.ended() || response.closed() || response.headWritten()) {
            ctx.request().connection().close();
            return;
        }
        response.setStatusCode(status)
                .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .putHeader(HttpHeaders.CONNECTION, "close")
                .end(status == 413 ? "body over " + maxBodySize + " bytes" : "request timeout")
                .onComplete(done -> ctx.request().connection().close());
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    public void close() {
        route.remove();
    }
}
