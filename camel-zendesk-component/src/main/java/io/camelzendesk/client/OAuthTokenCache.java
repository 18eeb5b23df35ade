package io.camelzendesk.client;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Caches one OAuth access token, renews it shortly before it expires, and shares one token request between all
 * callers that need a token at the same time.
 */
final class OAuthTokenCache {

    private CompletableFuture<OAuthTokens> current;
    private long renewAtNanos;

    synchronized CompletableFuture<String> token(Supplier<CompletableFuture<OAuthTokens>> fetch) {
        long now = System.nanoTime();
        boolean stale = current == null || current.isCompletedExceptionally()
                || (current.isDone() && renewAtNanos != 0 && now - renewAtNanos >= 0);
        if (stale) {
            CompletableFuture<OAuthTokens> fetching = fetch.get();
            current = fetching;
            fetching.thenAccept(t -> onToken(fetching, t));
        }
        return current.thenApply(OAuthTokens::accessToken);
    }

    private synchronized void onToken(CompletableFuture<OAuthTokens> from, OAuthTokens token) {
        if (from != current) {
            return;
        }
        if (token.expiresIn() == null) {
            renewAtNanos = 0;
        } else {
            long life = token.expiresIn().toNanos();
            // renew at 90% of the lifetime, and at least a minute early when the token lives long enough
            long margin = Math.max(life / 10, Math.min(Duration.ofMinutes(1).toNanos(), life / 2));
            long renewAt = System.nanoTime() + life - margin;
            renewAtNanos = renewAt == 0 ? 1 : renewAt;
        }
    }

    synchronized void invalidate(String accessToken) {
        if (current != null && current.isDone() && !current.isCompletedExceptionally()
                && current.join().accessToken().equals(accessToken)) {
            current = null;
        }
    }
}
