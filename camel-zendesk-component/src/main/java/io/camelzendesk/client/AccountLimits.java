package io.camelzendesk.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every request budget of one Zendesk account, shared by every client of that account in the JVM:
 * <ul>
 * <li>the account's budgets: the Support API, Help Center (counted apart by Zendesk) and incremental exports;</li>
 * <li>endpoint budgets: Zendesk's documented limits ({@link EndpointLimits}: ticket updates 100/min, ticket fields
 * 75/min, ...) and every {@code Zendesk-RateLimit-<name>} header Zendesk sends, learned per endpoint: once a response
 * of {@code PUT /api/v2/tickets/{id}} carried {@code zendesk-ratelimit-tickets-update}, every such request draws on
 * that budget and follows what the header says;</li>
 * <li>per-object budgets: updates of one ticket (30 per 10 minutes), one user, one organization (5 per minute).</li>
 * </ul>
 * A request waits for a slot on each budget it draws on, one after the other, most specific first: a request held
 * back by one ticket's budget reserves nothing on the account's until it may go.
 * <p>
 * Across nodes: the budgets Zendesk reports in headers are shared through Zendesk's own counts, every node following
 * the same rule ({@link RateLimiter#adapt}); the documented windows Zendesk reports no count of (per ticket, per
 * user, per organization) are kept at this node's equal part of them ({@link RateLimiter#nodes()} of the account).
 * <p>
 * A 429 pauses the budget that refused: an endpoint header at {@code remaining=0} names it; else the account's at 0;
 * else the request's object budget, then its endpoint budget (Zendesk's endpoint limits without a header); only a
 * request of no endpoint budget pauses the whole account.
 */
public final class AccountLimits {

    private static final Logger LOG = LoggerFactory.getLogger(AccountLimits.class);
    private static final Map<String, AccountLimits> SHARED = new ConcurrentHashMap<>();
    static final int MAX_OBJECTS = 10_000;
    static final int MAX_LEARNED = 1_000;

    private final String key;
    /** Clients using these limits: forgotten when the last one closes. Guarded by SHARED's lock on the key. */
    private int users;
    private final int requestsPerMinute;
    private final RateLimiter general;
    private final RateLimiter helpCenter;
    private final RateLimiter incremental;
    private final Map<String, RateLimiter> endpoints = new ConcurrentHashMap<>();
    private final Map<String, RateLimiter> objects = new ConcurrentHashMap<>();
    /** "PUT /api/v2/tickets/{id}" -> the endpoint budgets its responses reported. */
    private final Map<String, Set<String>> learned = new ConcurrentHashMap<>();

    private AccountLimits(String key, int requestsPerMinute, int incrementalRequestsPerMinute) {
        this.key = key;
        this.requestsPerMinute = requestsPerMinute;
        this.general = new RateLimiter("general", requestsPerMinute);
        this.helpCenter = new RateLimiter("help-center", requestsPerMinute);
        this.incremental = new RateLimiter("incremental", incrementalRequestsPerMinute);
    }

    /**
     * The limits of an account. The first caller's rates apply; a later caller with a lower positive rate lowers
     * them (the strictest configuration of the account wins).
     */
    public static AccountLimits shared(String account, int requestsPerMinute, int incrementalRequestsPerMinute) {
        String k = account.toLowerCase(Locale.ROOT);
        AccountLimits limits = SHARED.compute(k, (x, existing) -> {
            AccountLimits l = existing != null ? existing
                    : new AccountLimits(x, requestsPerMinute, incrementalRequestsPerMinute);
            l.users++;
            return l;
        });
        limits.general.lowerTo(requestsPerMinute);
        limits.helpCenter.lowerTo(requestsPerMinute);
        limits.incremental.lowerTo(incrementalRequestsPerMinute);
        return limits;
    }

    /** A client of the account closed; when it was the last, its budgets (pauses, what was learned) are forgotten. */
    public void release() {
        SHARED.computeIfPresent(key, (k, l) -> l != this || --l.users > 0 ? l : null);
    }

    /** The account-wide budget of a kind of request. */
    public RateLimiter account(Budget budget) {
        return switch (budget) {
            case INCREMENTAL -> incremental;
            case HELP_CENTER -> helpCenter;
            case GENERAL -> general;
        };
    }

    /** The budget of an endpoint by its name (a header's), or null when no request has drawn on it yet. */
    public RateLimiter endpoint(String name) {
        return endpoints.get(name);
    }

    /** The budgets a request draws on. */
    RequestLimits of(ZendeskRequest request, String rawPath) {
        String template = EndpointLimits.template(rawPath);
        String endpointKey = request.method() + " " + template;
        Budget budget = request.budget() == Budget.GENERAL && template.startsWith("/api/v2/help_center/")
                ? Budget.HELP_CENTER : request.budget();
        EndpointLimits.EndpointLimit documented = EndpointLimits.of(request.method(), template);
        List<RateLimiter> chain = new ArrayList<>(4);
        if (documented != null) {
            String id = documented.perObject() > 0 ? EndpointLimits.objectId(rawPath) : null;
            if (id != null) {
                chain.add(objectLimiter(documented, id));
            }
            chain.add(endpointLimiter(documented.name(), documented.perMinute()));
        }
        for (String name : learned.getOrDefault(endpointKey, Set.of())) {
            RateLimiter l = endpointLimiter(name, 0);
            if (!chain.contains(l)) {
                chain.add(l);
            }
        }
        RateLimiter account = account(budget);
        chain.add(account);
        return new RequestLimits(endpointKey, account, documented != null, List.copyOf(chain));
    }

    /** Learns from a response's headers: the account's budget, and every endpoint budget it reported. */
    void observe(RequestLimits limits, Map<String, List<String>> headers, long now) {
        RateLimitHeaders h = RateLimitHeaders.parse(headers);
        RateLimitHeaders.Values a = h.account();
        limits.account().adapt(a.limit(), a.remaining(), a.resetSeconds(), now);
        for (RateLimitHeaders.Values e : h.endpoints()) {
            endpointLimiter(e.name(), 0).adapt(e.limit(), e.remaining(), e.resetSeconds(), now);
            learn(limits.endpointKey(), e.name());
        }
    }

    /**
     * Zendesk answered 429: pauses the budget that refused (see the class comment) for {@code retryAfter}, or for
     * what the exhausted budget says when it says more. Returns the name of the budget paused.
     */
    String rateLimited(RequestLimits limits, Map<String, List<String>> headers, Duration retryAfter, long now) {
        RateLimitHeaders h = RateLimitHeaders.parse(headers);
        List<String> paused = new ArrayList<>(1);
        for (RateLimitHeaders.Values e : h.endpoints()) {
            if (e.exhausted()) {
                endpointLimiter(e.name(), 0).pause(longest(retryAfter, e.resetSeconds()), now);
                paused.add(e.name());
            }
        }
        if (paused.isEmpty()) {
            RateLimiter target;
            if (h.account().exhausted() || !limits.endpointLimited()) {
                target = limits.account();
            } else {
                // an endpoint limit without a header: the object's budget when there is one, else the endpoint's
                target = limits.chain().get(0);
            }
            target.pause(longest(retryAfter, h.account().exhausted() ? h.account().resetSeconds() : -1), now);
            paused.add(target.name());
        }
        LOG.debug("429 on {}: paused {}", limits.endpointKey(), paused);
        return String.join(",", paused);
    }

    /** What the budgets say now, for the dev console: the account's and each endpoint's. */
    public Map<String, Object> snapshot(long now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("general", describe(general, now));
        m.put("helpCenter", describe(helpCenter, now));
        m.put("incremental", describe(incremental, now));
        Map<String, Object> e = new TreeMap<>();
        endpoints.forEach((name, l) -> e.put(name, describe(l, now)));
        m.put("endpoints", e);
        m.put("objectsTracked", objects.size());
        return m;
    }

    private static Map<String, Object> describe(RateLimiter l, long now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("limit", l.lastLimit());
        m.put("remaining", l.lastRemaining());
        m.put("pausedMs", l.pausedFor(now).toMillis());
        m.put("share", Math.round(l.share() * 1000) / 1000.0);
        m.put("nodes", l.nodes());
        return m;
    }

    private RateLimiter endpointLimiter(String name, int perMinute) {
        return endpoints.computeIfAbsent(name, n -> perMinute > 0
                ? new RateLimiter(n, 0, perMinute, Duration.ofMinutes(1), general::nodes)
                : new RateLimiter(n, 0, 0, Duration.ZERO, general::nodes));
    }

    private RateLimiter objectLimiter(EndpointLimits.EndpointLimit limit, String id) {
        String k = limit.name() + "#" + id;
        RateLimiter l = objects.get(k);
        if (l != null) {
            return l;
        }
        if (objects.size() >= MAX_OBJECTS) {
            long now = System.nanoTime();
            objects.values().removeIf(o -> o.idleSince(now));
        }
        // kept at this node's share of the account's spending: other nodes update the same tickets
        return objects.computeIfAbsent(k, x -> new RateLimiter(x, 0, limit.perObject(), limit.objectWindow(),
                general::nodes));
    }

    private void learn(String endpointKey, String name) {
        Set<String> names = learned.get(endpointKey);
        if (names != null && names.contains(name)) {
            return;
        }
        if (names == null && learned.size() >= MAX_LEARNED) {
            return;
        }
        learned.computeIfAbsent(endpointKey, k -> ConcurrentHashMap.newKeySet()).add(name);
    }

    private static Duration longest(Duration retryAfter, long seconds) {
        Duration d = retryAfter != null ? retryAfter : Duration.ofSeconds(1);
        return seconds > 0 && Duration.ofSeconds(seconds).compareTo(d) > 0 ? Duration.ofSeconds(seconds) : d;
    }

    /**
     * The budgets one request draws on, most specific first, the account's last.
     *
     * @param endpointKey     method and path template, e.g. {@code PUT /api/v2/tickets/{id}}
     * @param endpointLimited whether Zendesk documents an endpoint limit for it
     */
    record RequestLimits(String endpointKey, RateLimiter account, boolean endpointLimited, List<RateLimiter> chain) {
    }
}
