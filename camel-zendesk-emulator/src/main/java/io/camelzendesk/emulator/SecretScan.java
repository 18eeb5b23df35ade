package io.camelzendesk.emulator;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * For the tests that prove an application prints no secret: a recognisable value for every secret option of the
 * component, set on the component and in endpoint URIs, a Zendesk that refuses them, and the scan of what the
 * application printed.
 */
public final class SecretScan {
    /** The credentials options of an endpoint that keeps the component's email and API token: the other kinds blanked. */
    public static final String ONLY_COMPONENT_TOKEN = "&oauthToken=&clientId=&clientSecret=";

    private final Map<String, String> secrets = new LinkedHashMap<>();

    /**
     * The secret values of one test, each with {@code tag} in it (e.g. {@code "Zq"}: {@code compApiTokenZq82},
     * {@code comp-mail-zq81@example.com}).
     */
    public SecretScan(String tag) {
        String lower = tag.toLowerCase(Locale.ROOT);
        for (String[] where : new String[][] { { "component", "comp", "8" }, { "uri", "uri", "9" } }) {
            String prefix = where[1];
            String n = where[2];
            secrets.put(where[0] + " email", prefix + "-mail-" + lower + n + "1@example.com");
            secrets.put(where[0] + " apiToken", prefix + "ApiToken" + tag + n + "2");
            secrets.put(where[0] + " oauthToken", prefix + "OauthToken" + tag + n + "3");
            secrets.put(where[0] + " clientId", prefix + "ClientId" + tag + n + "4");
            secrets.put(where[0] + " clientSecret", prefix + "ClientSecret" + tag + n + "5");
            secrets.put(where[0] + " signingSecret", prefix + "SigningSecret" + tag + n + "6");
        }
    }

    /** The secret values, by where they are set ("component apiToken", "uri clientSecret", ...). */
    public Map<String, String> secrets() {
        return Collections.unmodifiableMap(secrets);
    }

    /** The value set at {@code where} ("component email", "uri signingSecret", ...). */
    public String secret(String where) {
        String value = secrets.get(where);
        if (value == null) {
            throw new IllegalArgumentException("no secret is set at " + where);
        }
        return value;
    }

    /** The credentials options of an endpoint with the URI's email and API token: the other kinds blanked. */
    public String uriToken() {
        return "&email=" + secret("uri email") + "&apiToken=" + secret("uri apiToken") + "&oauthToken=&clientId=&clientSecret=";
    }

    /** The credentials options of an endpoint with the URI's OAuth token: the other kinds blanked. */
    public String uriOauth() {
        return "&email=&apiToken=&clientId=&clientSecret=&oauthToken=" + secret("uri oauthToken");
    }

    /** The credentials options of an endpoint with the URI's OAuth client (its secret as RAW): the other kinds blanked. */
    public String uriClient() {
        return "&email=&apiToken=&oauthToken=&clientId=" + secret("uri clientId") + "&clientSecret=RAW(" + secret("uri clientSecret") + ")";
    }

    /** One line a secret that {@code text} contains: "{@code <where it was set>} printed by {@code <source>}". */
    public List<String> leaks(String source, String text) {
        List<String> out = new ArrayList<>();
        if (text != null) {
            secrets.forEach((where, secret) -> {
                if (text.contains(secret)) {
                    out.add(where + " printed by " + source);
                }
            });
        }
        return out;
    }

    /** An exception as it is printed: its stack trace. */
    public static String stack(Throwable t) {
        StringWriter w = new StringWriter();
        t.printStackTrace(new PrintWriter(w));
        return w.toString();
    }

    /** A Zendesk on a free loopback port that answers every request 401, as Zendesk does to refused credentials. */
    public static HttpServer refusingZendesk() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            server.createContext("/", exchange -> {
                byte[] body = "{\"error\":\"Couldn't authenticate you\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(401, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
