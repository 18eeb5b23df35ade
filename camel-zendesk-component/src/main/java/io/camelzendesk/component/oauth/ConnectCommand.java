package io.camelzendesk.component.oauth;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import javax.sql.DataSource;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.apache.camel.spi.StateRepository;
import org.apache.camel.support.service.ServiceHelper;
import org.apache.camel.util.TimeUtils;

import io.camelzendesk.component.ZendeskConfiguration;
import io.camelzendesk.component.account.AccountSettings;
import io.camelzendesk.component.position.JdbcStateRepository;

/**
 * Connects a Zendesk account from a terminal (headless set-up): prints the URL of Zendesk's authorization page,
 * listens for the redirect back on the loopback interface, exchanges the code and stores the tokens where the
 * application reads them (the token file in a state directory, or a JDBC table). Secrets are read from environment
 * variables only, and never printed.
 *
 * <pre>
 * java -cp ... io.camelzendesk.component.oauth.ConnectCommand --account acme --subdomain acme --client-id my-client
 * </pre>
 *
 * Exit status: 0 connected, 1 denied, refused or timed out, 2 wrong arguments.
 */
public final class ConnectCommand {

    private static final Set<String> OPTIONS = Set.of("account", "subdomain", "base-url", "client-id",
            "client-secret-env", "scope", "state-directory", "jdbc-url", "jdbc-user", "jdbc-password-env",
            "jdbc-table", "encryption-key-env", "port", "redirect-uri", "timeout", "access-token-lifetime",
            "refresh-token-lifetime");
    static final String USAGE = """
            Usage: ConnectCommand --client-id ID (--subdomain NAME | --base-url URL) [options]
              --account NAME              the account's name in the token store (default: default)
              --client-secret-env VAR     the environment variable holding the client secret
                                          (default ZENDESK_CLIENT_SECRET; unset: a public client)
              --scope SCOPE               default: read write
              --state-directory DIR       the token file's directory (default .zendesk-state)
              --jdbc-url URL --jdbc-user USER --jdbc-password-env VAR [--jdbc-table T]
                                          store in a database table instead (JdbcStateRepository)
              --encryption-key-env VAR    the environment variable holding the tokenEncryptionKey
              --port N                    the loopback port of the redirect (default 0: any free one)
              --redirect-uri URL          a fixed redirect URL the OAuth client allows (served on loopback)
              --timeout DURATION          how long to wait for the redirect (default 10m)
              --access-token-lifetime D   default 30m; --refresh-token-lifetime D default 30d
            """;

    private ConnectCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err, System::getenv));
    }

    /** Runs the command; answers its exit status. */
    static int run(String[] args, PrintStream out, PrintStream err, Function<String, String> env) {
        Map<String, String> o;
        try {
            o = parse(args);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            return connect(o, out, env);
        } catch (IllegalArgumentException e) {
            err.println(e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("Not connected: " + e.getMessage());
            return 1;
        }
    }

    private static int connect(Map<String, String> o, PrintStream out, Function<String, String> env)
            throws IOException {
        String account = o.getOrDefault("account", AccountSettings.DEFAULT_ACCOUNT);
        if (!AuthorizationCodeFlow.isAccountName(account)) {
            throw new IllegalArgumentException("--account must be letters, digits, '.', '_' or '-' (at most 63)");
        }
        String clientId = required(o, "client-id");
        String baseUrl = baseUrl(o);
        String clientSecret = env.apply(o.getOrDefault("client-secret-env", "ZENDESK_CLIENT_SECRET"));
        String encryptionKey = o.containsKey("encryption-key-env") ? env.apply(o.get("encryption-key-env")) : null;
        if (o.containsKey("encryption-key-env") && encryptionKey == null) {
            throw new IllegalArgumentException("The environment variable " + o.get("encryption-key-env")
                                               + " (--encryption-key-env) is not set");
        }
        Duration timeout = duration(o, "timeout", "10m");
        StateRepository<String, String> repository = repository(o, env);
        String where = o.containsKey("jdbc-url") ? "the database table " + o.getOrDefault("jdbc-table",
                "camel_zendesk_state") : repository.toString();
        ServiceHelper.startService(repository);
        try {
            AuthorizationCodeFlow flow = new AuthorizationCodeFlow(new TokenStore(repository, encryptionKey),
                    clientId, clientSecret, duration(o, "access-token-lifetime", "30m"),
                    duration(o, "refresh-token-lifetime", "30d"));
            URI fixed = o.containsKey("redirect-uri") ? URI.create(o.get("redirect-uri")) : null;
            int port = o.containsKey("port") ? port(o.get("port"))
                    : fixed != null && fixed.getPort() > 0 ? fixed.getPort() : 0;
            String path = fixed != null && fixed.getPath() != null && !fixed.getPath().isEmpty() ? fixed.getPath()
                    : "/callback";
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
            String redirectUri = fixed != null ? fixed.toString()
                    : "http://127.0.0.1:" + server.getAddress().getPort() + path;
            CompletableFuture<AuthorizationCodeFlow.Result> done = new CompletableFuture<>();
            server.createContext(path, http -> callback(http, path, flow, done));
            server.start();
            try {
                String url = flow.start(account, baseUrl, redirectUri, o.getOrDefault("scope", "read write"));
                out.println("Open this URL in a browser and allow access to connect Zendesk account " + account + ":");
                out.println(url);
                out.println("Waiting for the redirect to " + redirectUri + " (timeout " + o.getOrDefault("timeout",
                        "10m") + ")...");
                out.flush();
                AuthorizationCodeFlow.Result r = done.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                if (r.connected()) {
                    out.println("Connected account " + account + " (" + r.baseUrl() + "); tokens stored in " + where);
                    return 0;
                }
                out.println("Not connected: " + r.reason() + " (nothing stored)");
                return 1;
            } catch (TimeoutException e) {
                out.println("Not connected: no redirect within " + o.getOrDefault("timeout", "10m")
                            + " (nothing stored)");
                return 1;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 1;
            } catch (java.util.concurrent.ExecutionException e) {
                out.println("Not connected: " + e.getCause().getMessage());
                return 1;
            } finally {
                server.stop(0);
            }
        } finally {
            ServiceHelper.stopService(repository);
        }
    }

    /**
     * Answers a redirect back with its page. A callback of this authorization (its state known) ends the wait; any
     * other request gets its page and the command keeps waiting.
     */
    private static void callback(HttpExchange http, String path, AuthorizationCodeFlow flow,
            CompletableFuture<AuthorizationCodeFlow.Result> done) throws IOException {
        try (http) {
            if (!"GET".equals(http.getRequestMethod()) || !path.equals(http.getRequestURI().getPath())) {
                http.sendResponseHeaders(404, -1);
                return;
            }
            AuthorizationCodeFlow.Result r;
            try {
                r = flow.complete(AuthorizationCodeFlow.parseQuery(http.getRequestURI().getRawQuery()));
            } catch (IllegalArgumentException malformed) {
                r = new AuthorizationCodeFlow.Result(AuthorizationCodeFlow.Outcome.REFUSED, null, null, null,
                        "The callback's query is malformed.");
            } catch (RuntimeException e) {
                done.completeExceptionally(e);
                throw e;
            }
            ConnectPage page = ConnectPage.of(r);
            byte[] body = page.html().getBytes(StandardCharsets.UTF_8);
            http.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
            http.getResponseHeaders().set("Cache-Control", "no-store");
            http.getResponseHeaders().set("Referrer-Policy", "no-referrer");
            http.sendResponseHeaders(page.status(), body.length);
            try (OutputStream os = http.getResponseBody()) {
                os.write(body);
            }
            if (r.account() != null) {
                done.complete(r);
            }
        }
    }

    private static StateRepository<String, String> repository(Map<String, String> o, Function<String, String> env) {
        if (!o.containsKey("jdbc-url")) {
            return TokenFileRepository.inDirectory(o.getOrDefault("state-directory", ".zendesk-state"));
        }
        String password = o.containsKey("jdbc-password-env") ? env.apply(o.get("jdbc-password-env")) : null;
        JdbcStateRepository jdbc = new JdbcStateRepository(new DriverManagerDataSource(o.get("jdbc-url"),
                o.get("jdbc-user"), password));
        if (o.containsKey("jdbc-table")) {
            jdbc.setTableName(o.get("jdbc-table"));
        }
        return jdbc;
    }

    private static String baseUrl(Map<String, String> o) {
        if (o.containsKey("base-url") == o.containsKey("subdomain")) {
            throw new IllegalArgumentException("Give exactly one of --subdomain NAME and --base-url URL");
        }
        ZendeskConfiguration c = new ZendeskConfiguration();
        c.setSubdomain(o.get("subdomain"));
        c.setBaseUrl(o.get("base-url"));
        return AccountSettings.baseUrl(c);
    }

    private static Duration duration(Map<String, String> o, String name, String dflt) {
        try {
            return Duration.ofMillis(TimeUtils.toMilliSeconds(o.getOrDefault(name, dflt)));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("--" + name + " is not a duration (e.g. 10m, 30s): " + o.get(name));
        }
    }

    private static int port(String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // below
        }
        throw new IllegalArgumentException("--port must be a port number (0: any free one), was " + value);
    }

    private static String required(Map<String, String> o, String name) {
        String v = o.get(name);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is required");
        }
        return v;
    }

    static Map<String, String> parse(String[] args) {
        Map<String, String> o = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("--help") || a.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (a.equals("--client-secret") || a.equals("--jdbc-password") || a.equals("--encryption-key")) {
                throw new IllegalArgumentException(a + " is not taken on the command line (it would show in the"
                                                   + " process list and the shell history): use " + a + "-env VAR");
            }
            String name = a.startsWith("--") ? a.substring(2) : null;
            String value = null;
            if (name != null && name.contains("=")) {
                value = name.substring(name.indexOf('=') + 1);
                name = name.substring(0, name.indexOf('='));
            } else if (name != null && i + 1 < args.length) {
                value = args[++i];
            }
            if (name == null || !OPTIONS.contains(name) || value == null) {
                throw new IllegalArgumentException("Unknown or incomplete option: " + a);
            }
            o.put(name, value);
        }
        return o;
    }

    /** A DataSource over {@link DriverManager}: one new connection per call, enough for one command. */
    private record DriverManagerDataSource(String url, String user, String password) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return DriverManager.getConnection(url, user, password);
        }

        @Override
        public Connection getConnection(String u, String p) throws SQLException {
            return DriverManager.getConnection(url, u, p);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // none
        }

        @Override
        public void setLoginTimeout(int seconds) {
            DriverManager.setLoginTimeout(seconds);
        }

        @Override
        public int getLoginTimeout() {
            return DriverManager.getLoginTimeout();
        }

        @Override
        public java.util.logging.Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }

        @Override
        public String toString() {
            return "DataSource[" + url + "]";
        }
    }
}
