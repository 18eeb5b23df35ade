package io.camelzendesk.component;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.spi.Configurer;
import org.apache.camel.spi.Metadata;
import org.apache.camel.spi.UriParam;
import org.apache.camel.spi.UriParams;

import io.camelzendesk.client.ZendeskTokenProvider;
import io.camelzendesk.component.position.CompareAndSetStateRepository;
import io.camelzendesk.component.position.JdbcStateRepository;

/**
 * The options shared by the component and its endpoints: set once on the component (connection, credentials,
 * limits), overridden per endpoint where a route needs something else.
 * <p>
 * Longer than our other classes on purpose: it is the list of every option, each a field with its {@code @UriParam}
 * (the catalog, the generated configurers, docs/reference.md and the Spring Boot metadata are made from it) and a
 * getter and setter, grouped by section (connection, credentials, limits, producer, export, webhook) and nothing
 * else: no logic lives here; validation is in {@link io.camelzendesk.component.account.AccountSettings} and
 * {@link ZendeskEndpoint}.
 */
@UriParams
@Configurer(extended = true)
public class ZendeskConfiguration implements Cloneable {

    // connection
    @UriParam(label = "common", description = "A named account: its connection and credentials come from the"
                                             + " properties zendesk.account.NAME.OPTION (subdomain, baseUrl,"
                                             + " clientId, clientSecret, oauthGrant, ...), or, for an account"
                                             + " connected at run time, from its entry in the token store. The"
                                             + " header CamelZendeskAccount names one per exchange (producer).")
    private String account;
    @UriParam(label = "common", description = "The Zendesk subdomain: acme for https://acme.zendesk.com. Either"
                                             + " subdomain or baseUrl is required.")
    private String subdomain;
    @UriParam(label = "common", description = "The full base URL, overriding subdomain (an emulator, a proxy):"
                                             + " e.g. http://localhost:8089.")
    private String baseUrl;

    // credentials: exactly one kind
    @UriParam(label = "security", secret = true, description = "The email of the API token's user (with apiToken).")
    private String email;
    @UriParam(label = "security", secret = true, description = "An API token: Basic {email}/token:{apiToken}.")
    private String apiToken;
    @UriParam(label = "security", secret = true, description = "A static OAuth access token: Bearer {oauthToken}.")
    private String oauthToken;
    @UriParam(label = "security", secret = true, description = "The OAuth client's id (Admin Center, OAuth"
                                                               + " clients): with clientSecret for the"
                                                               + " client_credentials grant, or with"
                                                               + " oauthGrant=authorizationCode.")
    private String clientId;
    @UriParam(label = "security", secret = true, description = "The OAuth client's secret (none for a public"
                                                               + " client with oauthGrant=authorizationCode).")
    private String clientSecret;
    @UriParam(label = "security", enums = "clientCredentials,authorizationCode", defaultValue = "clientCredentials",
              description = "How the OAuth client gets access tokens: clientCredentials (server to server, minted"
                            + " again before expiry) or authorizationCode (the account was connected once by the"
                            + " zendesk:connect route or the connect command line; its tokens are in the token"
                            + " store and refreshed there).")
    private String oauthGrant = "clientCredentials";
    @UriParam(label = "security", defaultValue = "read write",
              description = "The scope asked for with the client_credentials grant and by the connect flow.")
    private String oauthScope = "read write";
    @UriParam(label = "security", defaultValue = "30m", javaType = "java.time.Duration",
              description = "The access-token lifetime asked for on every token request (expires_in); Zendesk"
                            + " accepts 5 minutes to 2 days.")
    private long accessTokenLifetime = 1_800_000;
    @UriParam(label = "security", defaultValue = "30d", javaType = "java.time.Duration",
              description = "The refresh-token lifetime asked for with the authorization-code and refresh grants"
                            + " (refresh_token_expires_in).")
    private long refreshTokenLifetime = 2_592_000_000L;
    @UriParam(label = "security", description = "Where OAuth grants (access and refresh tokens) are kept, one entry"
                                                + " per account: a StateRepository bean (String keys and values);"
                                                + " several nodes share one through a CompareAndSetStateRepository"
                                                + " such as JdbcStateRepository. Default: the file zendesk-tokens.dat"
                                                + " in stateDirectory.")
    private org.apache.camel.spi.StateRepository<String, String> tokenStore;
    @UriParam(label = "security", secret = true, description = "Encrypts the token store's entries at rest"
                                                               + " (AES-GCM): a key of 16, 24 or 32 bytes in"
                                                               + " base64.")
    private String tokenEncryptionKey;
    @UriParam(label = "security", description = "A bean supplying OAuth access tokens (authorization-code apps with"
                                                + " rotating refresh tokens).")
    private ZendeskTokenProvider tokenProvider;

    // limits and retries
    @UriParam(label = "advanced", defaultValue = "0", description = "Proactive cap on the account's API requests per"
                                                                  + " minute, shared by every endpoint of the"
                                                                  + " account in the JVM (0: follow only the budget"
                                                                  + " the server reports in its rate-limit headers).")
    private int requestsPerMinute;
    @UriParam(label = "advanced", defaultValue = "5", description = "How many times a request is retried on 429, 5xx,"
                                                                  + " connection failures and timeouts.")
    private int maxRetries = 5;
    @UriParam(label = "advanced", defaultValue = "5m", javaType = "java.time.Duration",
              description = "The total time a request and its retries may take.")
    private long retryDeadline = 300_000;
    @UriParam(label = "advanced", defaultValue = "10s", javaType = "java.time.Duration",
              description = "TCP connect timeout.")
    private long connectTimeout = 10_000;
    @UriParam(label = "advanced", defaultValue = "60s", javaType = "java.time.Duration",
              description = "How long to wait for a response.")
    private long requestTimeout = 60_000;
    @UriParam(label = "advanced", defaultValue = "4", description = "Threads that complete responses (parse bodies,"
                                                                  + " continue routes); the I/O itself needs no"
                                                                  + " thread per request.")
    private int clientThreads = 4;

    // producer
    @UriParam(label = "producer",
              description = "The operation to perform (the CamelZendeskOperation header overrides it). Which ones a"
                            + " resource supports is listed in the README.")
    private ZendeskOperation operation;
    @UriParam(label = "producer", description = "The object id (the CamelZendeskId header overrides it).")
    private Long id;
    @UriParam(label = "producer", description = "The parent id: ticket of comments or of a macro apply, section of"
                                              + " articles, category of sections.")
    private Long parentId;
    @UriParam(label = "producer", description = "The search query.")
    private String query;
    @UriParam(label = "producer", description = "Help Center locale (updateTranslation, article create).")
    private String locale;
    @UriParam(label = "common", description = "Side-loads to include with get, list and search (producer) or with"
                                            + " the export and realtime (consumer: header CamelZendeskSideloads, the"
                                            + " objects each record references), e.g. users,groups,organizations.")
    private String include;
    @UriParam(label = "producer", defaultValue = "100", description = "Items per page of list and search (max 100).")
    private int pageSize = 100;
    @UriParam(label = "producer", defaultValue = "0", description = "Stop a list or search after this many items"
                                                                  + " (0: all).")
    private long maxResults;
    @UriParam(label = "producer", description = "A Simple expression evaluated per exchange for the Idempotency-Key"
                                              + " of ticket creates, e.g. ${header.CamelMessageId} (the"
                                              + " CamelZendeskIdempotencyKey header wins).")
    private String idempotencyKey;
    @UriParam(label = "producer", defaultValue = "false", description = "Ticket updates send safe_update with the"
                                                                      + " updated_stamp read: a concurrent change"
                                                                      + " fails with ZendeskConflictException.")
    private boolean safeUpdate;
    @UriParam(label = "producer", defaultValue = "false", description = "Ticket updates and comments go one request"
                                                                      + " at a time per ticket, in order; those that"
                                                                      + " arrive meanwhile (while one is sent or waits"
                                                                      + " for the ticket's budget of 30 updates per 10"
                                                                      + " minutes) are merged into one request: fields"
                                                                      + " and tags merge, the last writer wins per"
                                                                      + " field, at most one comment per request. Each"
                                                                      + " exchange gets the ticket Zendesk answered."
                                                                      + " Shared by every such endpoint of the"
                                                                      + " account.")
    private boolean coalesceUpdates;
    @UriParam(label = "common", defaultValue = "false", description = "Tickets read (producer) or consumed (export,"
                                                                    + " realtime) also give their custom fields by"
                                                                    + " title in the CamelZendeskCustomFieldsByName"
                                                                    + " header, from the account's cached ticket"
                                                                    + " fields.")
    private boolean customFieldsByName;
    @UriParam(label = "producer", defaultValue = "10m", javaType = "java.time.Duration",
              description = "How long the ticket fields used to resolve custom fields by name are cached.")
    private long ticketFieldsCacheTtl = 600_000;
    @UriParam(label = "producer", defaultValue = "10m", javaType = "java.time.Duration",
              description = "How long a bulk operation waits for its job statuses to finish.")
    private long bulkJobTimeout = 600_000;

    // incremental export consumer
    @UriParam(label = "consumer", description = "Where a consumer with no stored position starts: ISO-8601"
                                              + " (2024-01-31T00:00:00Z or 2024-01-31) or epoch seconds; 0 exports"
                                              + " everything (a backfill). Without it and without a stored position"
                                              + " the consumer starts from now.")
    private String startTime;
    @UriParam(label = "consumer", defaultValue = "false", description = "Leave deleted tickets out of the export.")
    private boolean excludeDeleted;
    @UriParam(label = "consumer", defaultValue = "1000", description = "Records per export page (max 1000).")
    private int perPage = 1000;
    @UriParam(label = "consumer", defaultValue = "false", description = "The account has the High Volume add-on:"
                                                                      + " 30 export requests per minute instead of 10.")
    private boolean highVolume;
    @UriParam(label = "consumer,advanced", description = "Export requests per minute (default 10, or 30 with"
                                                       + " highVolume; 0: no proactive pacing, only what the server"
                                                       + " reports).")
    private Integer incrementalRequestsPerMinute;
    @UriParam(label = "consumer", description = "Where the export position is kept (a"
                                              + " StateRepository bean, String keys and values); default: the file"
                                              + " zendesk-positions.dat in stateDirectory, shared by every export"
                                              + " consumer of the JVM and replaced atomically on every write."
                                              + " Several nodes share one position through a"
                                              + " CompareAndSetStateRepository such as JdbcStateRepository.")
    private org.apache.camel.spi.StateRepository<String, String> stateRepository;
    @UriParam(label = "common", defaultValue = ".zendesk-state", description = "Directory of the default"
                                                                               + " position file"
                                                                               + " (zendesk-positions.dat) and token"
                                                                               + " store (zendesk-tokens.dat). One"
                                                                               + " process at a time uses the"
                                                                               + " position file (an OS lock on"
                                                                               + " zendesk-positions.dat.lock), shared"
                                                                               + " by every consumer of that process;"
                                                                               + " the token store is locked per"
                                                                               + " read or write.")
    private String stateDirectory = ".zendesk-state";
    @UriParam(label = "consumer", defaultValue = "false", description = "Keep the position in memory only: every"
                                                                      + " start begins again from startTime.")
    private boolean stateInMemory;
    @UriParam(label = "consumer", description = "The key of the position in the state repository (no '=', no line"
                                              + " breaks). Default: account host/resource/route id, which needs a"
                                              + " route id of your own (a generated one changes when routes are"
                                              + " added): without either, the consumer refuses to start. Give the"
                                              + " route the same id on every node that shares the position.")
    private String stateKey;
    @UriParam(label = "consumer", defaultValue = "false", description = "One exchange per page, the body a List of"
                                                                      + " records, instead of one per record.")
    private boolean pageAsList;
    @UriParam(label = "consumer", defaultValue = "2000", description = "At most how many (id, timestamp) pairs of"
                                                                     + " processed records are stored with the"
                                                                     + " position, to suppress duplicates: the"
                                                                     + " records of a page already processed when"
                                                                     + " the route failed on that page, and, for"
                                                                     + " time-based exports, those of the page"
                                                                     + " boundary's second, which the next page"
                                                                     + " returns again. Older pairs are dropped as"
                                                                     + " the position moves, so it never needs more"
                                                                     + " than twice perPage (the default covers"
                                                                     + " perPage 1000); a smaller window only lets"
                                                                     + " some duplicates through, never loses a"
                                                                     + " record.")
    private int dedupeWindow = 2000;

    // connect consumer
    @UriParam(label = "consumer,connect",
              description = "zendesk:connect: the public URL of PATH/callback, as registered with the OAuth client"
                            + " in Zendesk (its redirect URL), e.g. https://app.example.com/zendesk/connect/callback."
                            + " Required.")
    private String redirectUri;

    // webhook consumer
    @UriParam(label = "consumer,webhook,connect", defaultValue = "/zendesk/webhook",
              description = "The HTTP path the webhook is served on (through Camel's platform-http). For"
                            + " zendesk:connect, the path under which PATH/start and PATH/callback are served;"
                            + " unless set on the endpoint itself it is /zendesk/connect.")
    private String path = "/zendesk/webhook";
    @UriParam(label = "consumer,webhook", defaultValue = "POST",
              description = "The HTTP method(s) the webhook accepts, comma-separated.")
    private String httpMethods = "POST";
    @UriParam(label = "consumer,webhook,security", secret = true,
              description = "The webhook's signing secret: deliveries must carry"
                            + " base64(HMAC-SHA256(secret, timestamp followed by body)). Read from the API with"
                            + " autoRegister.")
    private String signingSecret;
    @UriParam(label = "consumer,webhook,security", defaultValue = "true",
              description = "Verify signatures. Turning it off must be explicit and logs a WARN at start.")
    private boolean verifySignature = true;
    @UriParam(label = "consumer,webhook,security", defaultValue = "5m", javaType = "java.time.Duration",
              description = "Deliveries whose signature timestamp is further from now are refused (replay"
                            + " protection).")
    private long maxClockSkew = 300_000;
    @UriParam(label = "consumer,webhook", defaultValue = "1048576",
              description = "Larger bodies are refused with 413 before they reach the route.")
    private long maxBodySize = 1_048_576;
    @UriParam(label = "consumer,webhook,security", defaultValue = "30s", javaType = "java.time.Duration",
              description = "A delivery whose body has not been fully received this long after its headers is"
                            + " answered 408 and its connection closed (slow senders). Enforced, like maxBodySize,"
                            + " by the Vert.x HTTP server platform-http runs on (camel-main, Camel Quarkus, camel"
                            + " run); 0 = no limit.")
    private long deliveryReadTimeout = 30_000;
    @UriParam(label = "consumer,webhook", description = "Where invocation ids are remembered to drop duplicate"
                                                      + " deliveries (any Camel IdempotentRepository, e.g. JDBC for"
                                                      + " several replicas); default: in memory, the last 10,000"
                                                      + " deliveries.")
    private org.apache.camel.spi.IdempotentRepository idempotentRepository;
    @UriParam(label = "consumer,webhook", description = "Event types the route receives, comma-separated (e.g."
                                                      + " ticket.created,ticket.status_changed or the full"
                                                      + " zen:event-type:... form); others are acknowledged and"
                                                      + " dropped. Also what autoRegister subscribes to.")
    private String eventTypes;
    @UriParam(label = "consumer,webhook", defaultValue = "false",
              description = "Acknowledge each delivery at once and route it asynchronously (Zendesk gives up after"
                            + " about 10 s); a route failure is then not retried by Zendesk.")
    private boolean asyncAck;
    @UriParam(label = "consumer,webhook", defaultValue = "false",
              description = "On start, create (or reuse, by name) the webhook through the Zendesk API and read its"
                            + " signing secret; on stop, delete what was created unless keepRegistration.")
    private boolean autoRegister;
    @UriParam(label = "consumer,webhook", description = "The public URL Zendesk delivers to (autoRegister), e.g."
                                                      + " https://hooks.example.com/zendesk/webhook.")
    private String externalUrl;
    @UriParam(label = "consumer,webhook", description = "The name of the registered webhook (autoRegister); default:"
                                                      + " camel-zendesk {route id}.")
    private String webhookName;
    @UriParam(label = "consumer,webhook", description = "Register a trigger-connected webhook instead of an"
                                                      + " event-subscribed one, firing on these conditions,"
                                                      + " comma-separated: created, updated, status:solved,"
                                                      + " status_changed:solved, priority:urgent, tag:vip.")
    private String triggerConditions;
    @UriParam(label = "consumer,webhook", description = "The JSON body template of a trigger-connected webhook"
                                                      + " (Zendesk placeholders such as {{ticket.id}}); default: the"
                                                      + " ticket's id, status, priority, subject, tags, requester and"
                                                      + " organization.")
    private String triggerPayload;
    @UriParam(label = "consumer,webhook", defaultValue = "false",
              description = "Keep the registered webhook (and trigger) when the consumer stops.")
    private boolean keepRegistration;

    // realtime consumer
    @UriParam(label = "consumer,realtime", defaultValue = "false",
              description = "Follow the resource (tickets, users, organizations, articles) in real time without"
                            + " gaps: an event-subscribed webhook delivers each change at once, and the incremental"
                            + " export runs behind it and delivers every change no webhook did (lost, late, the app"
                            + " down, the circuit breaker open). Each version of an object reaches the route once,"
                            + " from either path: the body is the current object, header CamelZendeskDeliveredBy"
                            + " says which path. Served on path (default /zendesk/realtime/tickets for tickets, and"
                            + " so on); needs externalUrl (the webhook is registered in the background) or the"
                            + " signingSecret of a"
                            + " webhook registered by hand; the export's options (startTime, stateRepository,"
                            + " delay, ...) apply to the reconciliation.")
    private boolean realtime;
    @UriParam(label = "consumer,realtime", defaultValue = "60s", javaType = "java.time.Duration",
              description = "How long a change being routed holds its object against the other path and the other"
                            + " nodes. A node that dies mid-route frees the object when this runs out, and the"
                            + " export then delivers the change; a route running longer than this may see the"
                            + " change delivered a second time.")
    private long deliveryLease = 60_000;
    @UriParam(label = "consumer,realtime",
              description = "On several nodes: only the node leading this namespace in the Camel cluster service of"
                            + " the context (the one master: uses: file lock, JDBC, Kubernetes, ...) runs the export"
                            + " behind the webhook; every node receives webhooks. Without it each node runs its own"
                            + " export (correct, but the export budget is spent once per node).")
    private String reconcileNamespace;

    public ZendeskConfiguration copy() {
        try {
            return (ZendeskConfiguration) clone();
        } catch (CloneNotSupportedException e) {
            throw new RuntimeCamelException(e);
        }
    }

    public String getAccount() {
        return account;
    }

    public void setAccount(String account) {
        this.account = account;
    }

    public String getOauthGrant() {
        return oauthGrant;
    }

    public void setOauthGrant(String oauthGrant) {
        this.oauthGrant = oauthGrant;
    }

    public long getAccessTokenLifetime() {
        return accessTokenLifetime;
    }

    public void setAccessTokenLifetime(long accessTokenLifetime) {
        this.accessTokenLifetime = accessTokenLifetime;
    }

    public long getRefreshTokenLifetime() {
        return refreshTokenLifetime;
    }

    public void setRefreshTokenLifetime(long refreshTokenLifetime) {
        this.refreshTokenLifetime = refreshTokenLifetime;
    }

    public org.apache.camel.spi.StateRepository<String, String> getTokenStore() {
        return tokenStore;
    }

    public void setTokenStore(org.apache.camel.spi.StateRepository<String, String> tokenStore) {
        this.tokenStore = tokenStore;
    }

    public String getTokenEncryptionKey() {
        return tokenEncryptionKey;
    }

    public void setTokenEncryptionKey(String tokenEncryptionKey) {
        this.tokenEncryptionKey = tokenEncryptionKey;
    }

    public String getSubdomain() {
        return subdomain;
    }

    public void setSubdomain(String subdomain) {
        this.subdomain = subdomain;
    }

    public String getBaseUrl() {
        return baseUrl;
    }

    public void setBaseUrl(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    public String getEmail() {
        return email;
    }

    public void setEmail(String email) {
        this.email = email;
    }

    public String getApiToken() {
        return apiToken;
    }

    public void setApiToken(String apiToken) {
        this.apiToken = apiToken;
    }

    public String getOauthToken() {
        return oauthToken;
    }

    public void setOauthToken(String oauthToken) {
        this.oauthToken = oauthToken;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getOauthScope() {
        return oauthScope;
    }

    public void setOauthScope(String oauthScope) {
        this.oauthScope = oauthScope;
    }

    public ZendeskTokenProvider getTokenProvider() {
        return tokenProvider;
    }

    public void setTokenProvider(ZendeskTokenProvider tokenProvider) {
        this.tokenProvider = tokenProvider;
    }

    public int getRequestsPerMinute() {
        return requestsPerMinute;
    }

    public void setRequestsPerMinute(int requestsPerMinute) {
        this.requestsPerMinute = requestsPerMinute;
    }

    public int getMaxRetries() {
        return maxRetries;
    }

    public void setMaxRetries(int maxRetries) {
        this.maxRetries = maxRetries;
    }

    public long getRetryDeadline() {
        return retryDeadline;
    }

    public void setRetryDeadline(long retryDeadline) {
        this.retryDeadline = retryDeadline;
    }

    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long connectTimeout) {
        this.connectTimeout = connectTimeout;
    }

    public long getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(long requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public int getClientThreads() {
        return clientThreads;
    }

    public void setClientThreads(int clientThreads) {
        this.clientThreads = clientThreads;
    }

    public ZendeskOperation getOperation() {
        return operation;
    }

    public void setOperation(ZendeskOperation operation) {
        this.operation = operation;
    }

    public Long getId() {
        return id;
    }

    public void setId(Long id) {
        this.id = id;
    }

    public Long getParentId() {
        return parentId;
    }

    public void setParentId(Long parentId) {
        this.parentId = parentId;
    }

    public String getQuery() {
        return query;
    }

    public void setQuery(String query) {
        this.query = query;
    }

    public String getLocale() {
        return locale;
    }

    public void setLocale(String locale) {
        this.locale = locale;
    }

    public String getInclude() {
        return include;
    }

    public void setInclude(String include) {
        this.include = include;
    }

    public int getPageSize() {
        return pageSize;
    }

    public void setPageSize(int pageSize) {
        this.pageSize = pageSize;
    }

    public long getMaxResults() {
        return maxResults;
    }

    public void setMaxResults(long maxResults) {
        this.maxResults = maxResults;
    }

    public String getIdempotencyKey() {
        return idempotencyKey;
    }

    public void setIdempotencyKey(String idempotencyKey) {
        this.idempotencyKey = idempotencyKey;
    }

    public boolean isSafeUpdate() {
        return safeUpdate;
    }

    public void setSafeUpdate(boolean safeUpdate) {
        this.safeUpdate = safeUpdate;
    }

    public boolean isCoalesceUpdates() {
        return coalesceUpdates;
    }

    public void setCoalesceUpdates(boolean coalesceUpdates) {
        this.coalesceUpdates = coalesceUpdates;
    }

    public boolean isCustomFieldsByName() {
        return customFieldsByName;
    }

    public void setCustomFieldsByName(boolean customFieldsByName) {
        this.customFieldsByName = customFieldsByName;
    }

    public long getTicketFieldsCacheTtl() {
        return ticketFieldsCacheTtl;
    }

    public void setTicketFieldsCacheTtl(long ticketFieldsCacheTtl) {
        this.ticketFieldsCacheTtl = ticketFieldsCacheTtl;
    }

    public long getBulkJobTimeout() {
        return bulkJobTimeout;
    }

    public void setBulkJobTimeout(long bulkJobTimeout) {
        this.bulkJobTimeout = bulkJobTimeout;
    }

    public String getStartTime() {
        return startTime;
    }

    public void setStartTime(String startTime) {
        this.startTime = startTime;
    }

    public boolean isExcludeDeleted() {
        return excludeDeleted;
    }

    public void setExcludeDeleted(boolean excludeDeleted) {
        this.excludeDeleted = excludeDeleted;
    }

    public int getPerPage() {
        return perPage;
    }

    public void setPerPage(int perPage) {
        this.perPage = perPage;
    }

    public boolean isHighVolume() {
        return highVolume;
    }

    public void setHighVolume(boolean highVolume) {
        this.highVolume = highVolume;
    }

    public Integer getIncrementalRequestsPerMinute() {
        return incrementalRequestsPerMinute;
    }

    public void setIncrementalRequestsPerMinute(Integer incrementalRequestsPerMinute) {
        this.incrementalRequestsPerMinute = incrementalRequestsPerMinute;
    }

    public org.apache.camel.spi.StateRepository<String, String> getStateRepository() {
        return stateRepository;
    }

    public void setStateRepository(org.apache.camel.spi.StateRepository<String, String> stateRepository) {
        this.stateRepository = stateRepository;
    }

    public String getStateDirectory() {
        return stateDirectory;
    }

    public void setStateDirectory(String stateDirectory) {
        this.stateDirectory = stateDirectory;
    }

    public boolean isStateInMemory() {
        return stateInMemory;
    }

    public void setStateInMemory(boolean stateInMemory) {
        this.stateInMemory = stateInMemory;
    }

    public String getStateKey() {
        return stateKey;
    }

    public void setStateKey(String stateKey) {
        this.stateKey = stateKey;
    }

    public boolean isRealtime() {
        return realtime;
    }

    public void setRealtime(boolean realtime) {
        this.realtime = realtime;
    }

    public String getReconcileNamespace() {
        return reconcileNamespace;
    }

    public void setReconcileNamespace(String reconcileNamespace) {
        this.reconcileNamespace = reconcileNamespace;
    }

    public long getDeliveryLease() {
        return deliveryLease;
    }

    public void setDeliveryLease(long deliveryLease) {
        this.deliveryLease = deliveryLease;
    }

    public boolean isPageAsList() {
        return pageAsList;
    }

    public void setPageAsList(boolean pageAsList) {
        this.pageAsList = pageAsList;
    }

    public int getDedupeWindow() {
        return dedupeWindow;
    }

    public void setDedupeWindow(int dedupeWindow) {
        this.dedupeWindow = dedupeWindow;
    }

    public String getRedirectUri() {
        return redirectUri;
    }

    public void setRedirectUri(String redirectUri) {
        this.redirectUri = redirectUri;
    }

    public String getPath() {
        return path;
    }

    public void setPath(String path) {
        this.path = path;
    }

    public String getHttpMethods() {
        return httpMethods;
    }

    public void setHttpMethods(String httpMethods) {
        this.httpMethods = httpMethods;
    }

    public String getSigningSecret() {
        return signingSecret;
    }

    public void setSigningSecret(String signingSecret) {
        this.signingSecret = signingSecret;
    }

    public boolean isVerifySignature() {
        return verifySignature;
    }

    public void setVerifySignature(boolean verifySignature) {
        this.verifySignature = verifySignature;
    }

    public long getMaxClockSkew() {
        return maxClockSkew;
    }

    public void setMaxClockSkew(long maxClockSkew) {
        this.maxClockSkew = maxClockSkew;
    }

    public long getMaxBodySize() {
        return maxBodySize;
    }

    public void setMaxBodySize(long maxBodySize) {
        this.maxBodySize = maxBodySize;
    }

    public long getDeliveryReadTimeout() {
        return deliveryReadTimeout;
    }

    public void setDeliveryReadTimeout(long deliveryReadTimeout) {
        this.deliveryReadTimeout = deliveryReadTimeout;
    }

    public org.apache.camel.spi.IdempotentRepository getIdempotentRepository() {
        return idempotentRepository;
    }

    public void setIdempotentRepository(org.apache.camel.spi.IdempotentRepository idempotentRepository) {
        this.idempotentRepository = idempotentRepository;
    }

    public String getEventTypes() {
        return eventTypes;
    }

    public void setEventTypes(String eventTypes) {
        this.eventTypes = eventTypes;
    }

    public boolean isAsyncAck() {
        return asyncAck;
    }

    public void setAsyncAck(boolean asyncAck) {
        this.asyncAck = asyncAck;
    }

    public boolean isAutoRegister() {
        return autoRegister;
    }

    public void setAutoRegister(boolean autoRegister) {
        this.autoRegister = autoRegister;
    }

    public String getExternalUrl() {
        return externalUrl;
    }

    public void setExternalUrl(String externalUrl) {
        this.externalUrl = externalUrl;
    }

    public String getWebhookName() {
        return webhookName;
    }

    public void setWebhookName(String webhookName) {
        this.webhookName = webhookName;
    }

    public String getTriggerConditions() {
        return triggerConditions;
    }

    public void setTriggerConditions(String triggerConditions) {
        this.triggerConditions = triggerConditions;
    }

    public String getTriggerPayload() {
        return triggerPayload;
    }

    public void setTriggerPayload(String triggerPayload) {
        this.triggerPayload = triggerPayload;
    }

    public boolean isKeepRegistration() {
        return keepRegistration;
    }

    public void setKeepRegistration(boolean keepRegistration) {
        this.keepRegistration = keepRegistration;
    }
}
