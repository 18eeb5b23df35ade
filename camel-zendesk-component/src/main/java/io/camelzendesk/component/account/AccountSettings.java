package io.camelzendesk.component.account;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceHelper;

import io.camelzendesk.client.RetryPolicy;
import io.camelzendesk.client.ZendeskAuth;
import io.camelzendesk.client.ZendeskClientConfig;
import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.component.oauth.StoredGrantTokens;
import io.camelzendesk.component.oauth.TokenFileRepository;
import io.camelzendesk.component.oauth.TokenStore;

/**
 * The account part of an endpoint's {@link ZendeskConfiguration}, read and validated once when the endpoint is
 * created: where the account is, its credentials, and the client settings. Endpoints whose settings have the same
 * {@link #key()} share one {@link ZendeskAccount}.
 */
public final class AccountSettings {

    /** The values of option oauthGrant. */
    public static final String CLIENT_CREDENTIALS = "clientCredentials";
    public static final String AUTHORIZATION_CODE = "authorizationCode";
    /** The account name of an endpoint without option account (its token-store entry is oauth/default). */
    public static final String DEFAULT_ACCOUNT = "default";

    private static final Pattern SUBDOMAIN = Pattern.compile("[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");

    private final URI baseUrl;
    private final ZendeskClientConfig clientConfig;
    private final String key;
    private final String name;
    /** The refresher of an account on the authorization-code grant, else null. */
    private final StoredGrantTokens storedGrant;

    private AccountSettings(ZendeskConfiguration c) {
        validate(c);
        this.name = accountName(c);
        ZendeskAuth auth = auth(c);
        this.storedGrant = auth instanceof ZendeskAuth.FromSource f && f.source() instanceof StoredGrantTokens t ? t : null;
        this.clientConfig = clientConfig(c, auth);
        this.baseUrl = clientConfig.baseUrl();
        this.key = key(c);
    }

    /**
     * The settings of a configuration; fails with a message naming the option when the connection or the
     * credentials are not usable.
     */
    public static AccountSettings of(ZendeskConfiguration c) {
        return new AccountSettings(c);
    }

    public URI baseUrl() {
        return baseUrl;
    }

    /** The client's configuration, credentials included. */
    public ZendeskClientConfig clientConfig() {
        return clientConfig;
    }

    /** The account's name: option account, or {@value #DEFAULT_ACCOUNT}. */
    public String name() {
        return name;
    }

    /** The token refresher of an account on the authorization-code grant, if it is one. */
    public java.util.Optional<StoredGrantTokens> storedGrant() {
        return java.util.Optional.ofNullable(storedGrant);
    }

    /** Settings with equal keys share one account. Secrets enter the key only as a hash. */
    public String key() {
        return key;
    }

    /**
     * {@code zendesk-<host>[-<port>]-<8 hex digits of SHA-256(key)>}: names the account in health checks and the dev
     * console, unique per account configuration, and tells nothing of its secrets.
     */
    public String id() {
        return "zendesk-" + baseUrl.getHost() + (baseUrl.getPort() > 0 ? "-" + baseUrl.getPort() : "") + "-"
               + shortHash(key).substring(0, 8);
    }

    @Override
    public String toString() {
        return id();
    }

    private static void validate(ZendeskConfiguration c) {
        if (!CLIENT_CREDENTIALS.equals(c.getOauthGrant()) && !AUTHORIZATION_CODE.equals(c.getOauthGrant())) {
            throw new IllegalArgumentException("Option oauthGrant must be clientCredentials or authorizationCode, was "
                                               + c.getOauthGrant());
        }
        if (c.getAccessTokenLifetime() < 1000 || c.getRefreshTokenLifetime() < 1000) {
            throw new IllegalArgumentException("Options accessTokenLifetime and refreshTokenLifetime must be at least"
                                               + " 1 second");
        }
        baseUrl(c);
        if (c.getMaxRetries() < 0) {
            throw new IllegalArgumentException("Option maxRetries must be 0 or more, was " + c.getMaxRetries());
        }
        if (c.getClientThreads() < 1) {
            throw new IllegalArgumentException("Option clientThreads must be at least 1, was " + c.getClientThreads());
        }
        if (c.getRequestsPerMinute() < 0) {
            throw new IllegalArgumentException(
                    "Option requestsPerMinute must be 0 (no cap) or more, was " + c.getRequestsPerMinute());
        }
    }

    /** The account's URL: option baseUrl, else https://{subdomain}.zendesk.com. */
    public static String baseUrl(ZendeskConfiguration c) {
        if (c.getBaseUrl() != null && !c.getBaseUrl().isBlank()) {
            URI uri;
            try {
                uri = URI.create(c.getBaseUrl().trim());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("Option baseUrl is not a URL: " + c.getBaseUrl());
            }
            if (!("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))
                    || uri.getHost() == null) {
                throw new IllegalArgumentException(
                        "Option baseUrl must be an http(s) URL such as https://acme.zendesk.com, was " + c.getBaseUrl());
            }
            if (uri.getUserInfo() != null) {
                throw new IllegalArgumentException("Option baseUrl must not carry credentials: use the security"
                                                   + " options (email + apiToken, oauthToken, clientId + clientSecret,"
                                                   + " tokenProvider)");
            }
            String s = uri.toString();
            return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
        }
        String subdomain = c.getSubdomain();
        if (subdomain == null || subdomain.isBlank()) {
            throw new IllegalArgumentException("No Zendesk account: set option subdomain (acme for"
                                               + " https://acme.zendesk.com) or option baseUrl");
        }
        if (!SUBDOMAIN.matcher(subdomain).matches()) {
            throw new IllegalArgumentException("Option subdomain '" + subdomain + "' is malformed: give only the"
                                               + " subdomain (letters, digits, hyphens), e.g. acme for"
                                               + " https://acme.zendesk.com, or set option baseUrl");
        }
        return "https://" + subdomain.toLowerCase() + ".zendesk.com";
    }

    private static ZendeskAuth auth(ZendeskConfiguration c) {
        List<String> given = new ArrayList<>();
        if (set(c.getEmail()) || set(c.getApiToken())) {
            given.add("email + apiToken");
        }
        if (set(c.getOauthToken())) {
            given.add("oauthToken");
        }
        if (set(c.getClientId()) || set(c.getClientSecret())) {
            given.add("clientId + clientSecret");
        }
        if (c.getTokenProvider() != null) {
            given.add("tokenProvider");
        }
        if (given.isEmpty()) {
            throw new IllegalArgumentException("No Zendesk credentials: set exactly one of email + apiToken,"
                                               + " oauthToken, clientId + clientSecret, tokenProvider");
        }
        if (given.size() > 1) {
            throw new IllegalArgumentException("Several Zendesk credentials are set (" + String.join(", ", given)
                                               + "): set exactly one of email + apiToken, oauthToken,"
                                               + " clientId + clientSecret, tokenProvider");
        }
        switch (given.get(0)) {
            case "email + apiToken" -> {
                require(c.getEmail(), "email", "apiToken");
                require(c.getApiToken(), "apiToken", "email");
                return ZendeskAuth.apiToken(c.getEmail(), c.getApiToken());
            }
            case "oauthToken" -> {
                return ZendeskAuth.bearer(c.getOauthToken());
            }
            case "clientId + clientSecret" -> {
                if (AUTHORIZATION_CODE.equals(c.getOauthGrant())) {
                    require(c.getClientId(), "clientId", "oauthGrant=authorizationCode");
                    return ZendeskAuth.accessTokens(new StoredGrantTokens(tokenStore(c), accountName(c),
                            c.getClientId(), c.getClientSecret(), Duration.ofMillis(c.getAccessTokenLifetime()),
                            Duration.ofMillis(c.getRefreshTokenLifetime()),
                            Duration.ofMillis(Math.max(10_000, c.getRequestTimeout() + 5_000))));
                }
                require(c.getClientId(), "clientId", "clientSecret");
                require(c.getClientSecret(), "clientSecret", "clientId");
                return ZendeskAuth.clientCredentials(c.getClientId(), c.getClientSecret(), c.getOauthScope(),
                        Duration.ofMillis(c.getAccessTokenLifetime()));
            }
            default -> {
                return ZendeskAuth.tokenProvider(c.getTokenProvider());
            }
        }
    }

    /** The option account, or {@value #DEFAULT_ACCOUNT}. */
    public static String accountName(ZendeskConfiguration c) {
        return c.getAccount() == null || c.getAccount().isBlank() ? DEFAULT_ACCOUNT : c.getAccount();
    }

    /** The token store of a configuration: option tokenStore (started here), else the file in stateDirectory. */
    public static TokenStore tokenStore(ZendeskConfiguration c) {
        StateRepository<String, String> repository = c.getTokenStore() != null ? c.getTokenStore()
                : TokenFileRepository.inDirectory(c.getStateDirectory());
        ServiceHelper.startService(repository);
        return new TokenStore(repository, c.getTokenEncryptionKey());
    }

    private static boolean set(String s) {
        return s != null && !s.isBlank();
    }

    private static void require(String value, String option, String with) {
        if (!set(value)) {
            throw new IllegalArgumentException("Option " + option + " is required with option " + with);
        }
    }

    private static ZendeskClientConfig clientConfig(ZendeskConfiguration c, ZendeskAuth auth) {
        RetryPolicy retry = new RetryPolicy(c.getMaxRetries(), RetryPolicy.DEFAULT.initialBackoff(),
                RetryPolicy.DEFAULT.maxBackoff(), Duration.ofMillis(c.getRetryDeadline()));
        return ZendeskClientConfig.builder(baseUrl(c), auth)
                .requestsPerMinute(c.getRequestsPerMinute())
                .incrementalRequestsPerMinute(incrementalRequestsPerMinute(c))
                .retryPolicy(retry)
                .connectTimeout(Duration.ofMillis(c.getConnectTimeout()))
                .requestTimeout(Duration.ofMillis(c.getRequestTimeout()))
                .threads(c.getClientThreads())
                .build();
    }

    /** Export requests per minute: the option, else 10 (30 with the High Volume add-on). */
    private static int incrementalRequestsPerMinute(ZendeskConfiguration c) {
        if (c.getIncrementalRequestsPerMinute() != null) {
            return c.getIncrementalRequestsPerMinute();
        }
        return c.isHighVolume() ? 30 : 10;
    }

    private static String key(ZendeskConfiguration c) {
        return String.join("|", accountName(c), baseUrl(c), c.getOauthGrant(),
                String.valueOf(c.getAccessTokenLifetime()), String.valueOf(c.getRefreshTokenLifetime()),
                !AUTHORIZATION_CODE.equals(c.getOauthGrant()) ? "-"
                        : c.getTokenStore() == null ? c.getStateDirectory()
                        : String.valueOf(System.identityHashCode(c.getTokenStore())),
                hash(c.getTokenEncryptionKey()), String.valueOf(c.getEmail()), hash(c.getApiToken()),
                hash(c.getOauthToken()), String.valueOf(c.getClientId()), hash(c.getClientSecret()),
                String.valueOf(c.getOauthScope()),
                c.getTokenProvider() == null ? "-" : String.valueOf(System.identityHashCode(c.getTokenProvider())),
                String.valueOf(c.getRequestsPerMinute()), String.valueOf(incrementalRequestsPerMinute(c)),
                String.valueOf(c.getMaxRetries()),
                String.valueOf(c.getRetryDeadline()), String.valueOf(c.getConnectTimeout()),
                String.valueOf(c.getRequestTimeout()), String.valueOf(c.getClientThreads()));
    }

    private static String hash(String secret) {
        if (secret == null) {
            return "-";
        }
        return shortHash(secret);
    }

    /** The first 8 bytes of SHA-256(text), hex: identifies a text without revealing it. */
    public static String shortHash(String text) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
