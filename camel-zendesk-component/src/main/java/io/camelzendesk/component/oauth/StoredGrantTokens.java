package io.camelzendesk.component.oauth;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.camelzendesk.client.AccessTokenSource;
import io.camelzendesk.client.OAuthTokenEndpoint;
import io.camelzendesk.client.OAuthTokens;
import io.camelzendesk.client.ZendeskApiException;
import io.camelzendesk.client.ZendeskReconnectRequiredException;

/**
 * The access tokens of an account connected with the authorization-code grant, kept in the {@link TokenStore} and
 * refreshed there: the refresh token is single-use, so every refresh is decided by compare-and-set on the store.
 * <ul>
 * <li>In a JVM one refresh at a time: callers share the one in flight.</li>
 * <li>Across nodes the node that wants to refresh first writes its claim (compare-and-set); the others wait for the
 * claim to end and take the tokens it stored. A claim outlives a dead node by at most {@code claimFor}.</li>
 * <li>Refreshed shortly before expiry (the lifetimes are asked for explicitly) and once more on a 401.</li>
 * <li>{@code invalid_grant} for a refresh token nobody else replaced: the grant is revoked or expired. It is marked
 * in the store ({@link StoredGrant#RECONNECT}); requests then fail at once with
 * {@link ZendeskReconnectRequiredException} until the account is connected again, which is noticed without a
 * restart (the store is read again at most every {@link #RECHECK_MILLIS} ms).</li>
 * </ul>
 */
public final class StoredGrantTokens implements AccessTokenSource {

    private static final Logger LOG = LoggerFactory.getLogger(StoredGrantTokens.class);
    static final long RECHECK_MILLIS = 2_000;
    private static final long WAIT_STEP_MILLIS = 100;
    private static final ExecutorService STORE_IO = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "zendesk-token-store");
        t.setDaemon(true);
        return t;
    });

    private final TokenStore store;
    private final String account;
    private final String clientId;
    private final String clientSecret;
    private final Duration accessTokenLifetime;
    private final Duration refreshTokenLifetime;
    private final long claimForMillis;
    private final LongSupplier clock;
    private final String node = UUID.randomUUID().toString();
    private final AtomicLong refreshes = new AtomicLong();

    // guarded by this
    private StoredGrant current;
    private CompletableFuture<String> inflight;
    private String refusedToken;
    private String unusable;
    private long unusableSince;

    public StoredGrantTokens(TokenStore store, String account, String clientId, String clientSecret,
                             Duration accessTokenLifetime, Duration refreshTokenLifetime, Duration claimFor) {
        this(store, account, clientId, clientSecret, accessTokenLifetime, refreshTokenLifetime, claimFor,
             System::currentTimeMillis);
    }

    StoredGrantTokens(TokenStore store, String account, String clientId, String clientSecret,
                      Duration accessTokenLifetime, Duration refreshTokenLifetime, Duration claimFor,
                      LongSupplier clock) {
        this.store = store;
        this.account = account;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.accessTokenLifetime = accessTokenLifetime;
        this.refreshTokenLifetime = refreshTokenLifetime;
        this.claimForMillis = claimFor.toMillis();
        this.clock = clock;
    }

    @Override
    public synchronized CompletableFuture<String> accessToken(OAuthTokenEndpoint tokens) {
        long now = clock.getAsLong();
        if (current != null && refusedToken == null && current.accessTokenFresh(now)) {
            return CompletableFuture.completedFuture(current.accessToken());
        }
        if (inflight != null) {
            return inflight;
        }
        if (unusable != null && now - unusableSince < RECHECK_MILLIS) {
            return CompletableFuture.failedFuture(new ZendeskReconnectRequiredException(unusable));
        }
        CompletableFuture<String> f = read().thenCompose(e -> decide(tokens, e, now + claimForMillis * 2));
        inflight = f;
        f.whenComplete((token, failure) -> done(f, failure));
        return f;
    }

    private synchronized void done(CompletableFuture<String> f, Throwable failure) {
        if (inflight == f) {
            inflight = null;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause()
                : failure;
        if (cause instanceof ZendeskReconnectRequiredException) {
            if (unusable == null) {
                LOG.warn("{}", cause.getMessage());
            }
            unusable = cause.getMessage();
            unusableSince = clock.getAsLong();
        } else if (failure == null) {
            unusable = null;
        }
    }

    @Override
    public synchronized boolean refused(String accessToken) {
        if (current != null && accessToken.equals(current.accessToken())) {
            refusedToken = accessToken;
        }
        return unusable == null;
    }

    @Override
    public String kind() {
        return "OAuth authorization code (token store)";
    }

    /** Why the grant cannot be used (connect the account again), or null while it works. */
    public synchronized String unusableReason() {
        return unusable;
    }

    /** The refreshes this JVM made. */
    public long refreshes() {
        return refreshes.get();
    }

    private CompletableFuture<TokenStore.Entry> read() {
        return CompletableFuture.supplyAsync(() -> store.read(account), STORE_IO);
    }

    private CompletableFuture<TokenStore.Entry> readLater(long millis) {
        Executor later = CompletableFuture.delayedExecutor(millis, TimeUnit.MILLISECONDS, STORE_IO);
        return CompletableFuture.supplyAsync(() -> store.read(account), later);
    }

    private CompletableFuture<String> decide(OAuthTokenEndpoint tokens, TokenStore.Entry entry, long giveUpAt) {
        StoredGrant grant = entry.grant();
        long now = clock.getAsLong();
        if (grant == null) {
            throw new ZendeskReconnectRequiredException("Zendesk account " + account + " is not connected: the token"
                                                        + " store (" + store + ") has no OAuth grant for it. " + HOW);
        }
        if (!grant.usable()) {
            throw new ZendeskReconnectRequiredException("Zendesk account " + account + " must be connected again: "
                                                        + grant.reason() + ". " + HOW);
        }
        String refused = refusedToken();
        if (grant.accessTokenFresh(now) && !grant.accessToken().equals(refused)) {
            return CompletableFuture.completedFuture(adopt(grant));
        }
        if (now > giveUpAt) {
            throw new io.camelzendesk.client.ZendeskException("Zendesk account " + account + ": the token store"
                                                              + " entry stayed claimed by another node for a"
                                                              + " refresh; no access token");
        }
        if (grant.claimedByOtherThan(node, now)) {
            // another node is refreshing: its tokens will be in the store; until then the current token serves
            // while it has a second left
            if (grant.accessToken() != null && !grant.accessToken().equals(refused)
                && (grant.accessTokenExpiresAt() == 0 || now < grant.accessTokenExpiresAt() - 1_000)) {
                return CompletableFuture.completedFuture(grant.accessToken());
            }
            return readLater(WAIT_STEP_MILLIS).thenCompose(e -> decide(tokens, e, giveUpAt));
        }
        StoredGrant claim = grant.claimed(node, now + claimForMillis);
        return CompletableFuture.supplyAsync(() -> store.replace(account, entry.stored(), claim), STORE_IO)
                .thenCompose(claimed -> claimed == null
                        ? read().thenCompose(e -> decide(tokens, e, giveUpAt))
                        : refresh(tokens, grant, claimed, giveUpAt));
    }

    private CompletableFuture<String> refresh(OAuthTokenEndpoint tokens, StoredGrant grant, String claimed,
            long giveUpAt) {
        LOG.debug("Zendesk account {}: refreshing the access token (generation {})", account, grant.generation());
        return tokens.refresh(clientId, clientSecret, grant.refreshToken(), accessTokenLifetime, refreshTokenLifetime)
                .handleAsync((fresh, failure) -> {
                    if (failure == null) {
                        refreshes.incrementAndGet();
                        return CompletableFuture.completedFuture(commit(grant, claimed, fresh));
                    }
                    Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
                    if (cause instanceof ZendeskApiException api
                        && OAuthTokenEndpoint.INVALID_GRANT.equals(api.getError())) {
                        return refusedGrant(tokens, grant, claimed, giveUpAt);
                    }
                    // not decided by Zendesk: give the claim back, let the request fail (its caller may retry)
                    store.replace(account, claimed, grant.claimed(null, 0));
                    return CompletableFuture.<String>failedFuture(cause);
                }, STORE_IO).thenCompose(f -> f);
    }

    /**
     * Stores the refreshed grant over our claim. If the entry changed meanwhile (our claim ran out and another node
     * claimed it, or declared the grant dead after Zendesk refused it the refresh token we had just used), our tokens
     * are still the newest Zendesk issued and are written over it; only a newer usable grant (the account connected
     * again) is left in place.
     */
    private String commit(StoredGrant grant, String claimed, OAuthTokens fresh) {
        StoredGrant next = grant.refreshed(fresh, clock.getAsLong());
        String expected = claimed;
        for (int i = 0; i < 10; i++) {
            if (store.replace(account, expected, next) != null) {
                return adopt(next);
            }
            TokenStore.Entry now = store.read(account);
            if (now.grant() != null && now.grant().usable() && now.grant().generation() > grant.generation()) {
                break;
            }
            expected = now.stored();
            if (now.grant() != null && now.grant().generation() >= next.generation()) {
                next = next.withGeneration(now.grant().generation() + 1);
            }
        }
        LOG.warn("Zendesk account {}: the refreshed tokens were not stored: the account was connected again", account);
        return adopt(next);
    }

    /**
     * Zendesk refused the refresh token. If another node refreshed meanwhile (its claim ran out while it waited for
     * Zendesk, say), the store has newer tokens; otherwise the grant is gone.
     */
    private CompletableFuture<String> refusedGrant(OAuthTokenEndpoint tokens, StoredGrant grant, String claimed,
            long giveUpAt) {
        // the node that used the token first may not have stored its result yet: give it a moment
        TokenStore.Entry now = store.read(account);
        for (int i = 0; i < 10 && !newer(now, grant); i++) {
            sleep(WAIT_STEP_MILLIS * 2);
            now = store.read(account);
        }
        if (newer(now, grant)) {
            return decide(tokens, now, giveUpAt);
        }
        String why = "Zendesk refused its refresh token (invalid_grant): the grant was revoked or has expired";
        store.replace(account, now.stored(), grant.unusable(why, clock.getAsLong()));
        throw new ZendeskReconnectRequiredException("Zendesk account " + account + " must be connected again: " + why
                                                    + ". " + HOW);
    }

    private static boolean newer(TokenStore.Entry e, StoredGrant than) {
        return e.grant() != null && e.grant().generation() > than.generation();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized String refusedToken() {
        return refusedToken;
    }

    private synchronized String adopt(StoredGrant grant) {
        current = grant;
        refusedToken = null;
        return grant.accessToken();
    }

    private static final String HOW = "Connect it again with the zendesk:connect route or the connect command line"
                                      + " (docs/oauth.md); no restart is needed";

    @Override
    public String toString() {
        return "storedGrant(" + account + ")";
    }
}
