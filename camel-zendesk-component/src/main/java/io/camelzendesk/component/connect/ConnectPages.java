package io.camelzendesk.component.connect;

import java.util.Locale;
import java.util.Set;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.HeaderFilterStrategyAware;

import io.camelzendesk.component.oauth.AuthorizationCodeFlow;

/**
 * The answers of the connect flow: the redirect to Zendesk and the result pages, HTML-escaped, never cached, never
 * sending a referrer (the callback's URL carries the code), and with none of the request's headers echoed.
 */
public final class ConnectPages {

    private ConnectPages() {
    }

    /** The page that shows a callback's result: 200 connected, 403 denied, 400 refused. */
    public static Page of(AuthorizationCodeFlow.Result r) {
        return switch (r.outcome()) {
            case CONNECTED -> new Page(200, "Connected",
                    "Zendesk account " + r.account() + " is connected (" + r.baseUrl() + ").",
                    "You can close this window.");
            case DENIED -> new Page(403, "Not connected",
                    "Zendesk account " + r.account() + " was not connected: access was not granted (" + r.reason()
                                                                  + ").",
                    "Nothing was stored. Start again to connect it.");
            case REFUSED -> new Page(400, "Not connected", r.reason(), "Nothing was stored.");
        };
    }

    /** A result page: status, title and two lines of text (plain text, escaped when rendered). */
    public record Page(int status, String title, String text, String hint) {

        public String html() {
            return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title></head>"
                   + "<body><h1>" + escape(title) + "</h1><p>" + escape(text) + "</p><p>" + escape(hint)
                   + "</p></body></html>";
        }
    }

    static void answer(Exchange http, Page page) {
        Message m = clear(http);
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, page.status());
        m.setHeader(Exchange.CONTENT_TYPE, "text/html; charset=utf-8");
        m.setBody(page.html());
    }

    static void redirect(Exchange http, String location) {
        Message m = clear(http);
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, 302);
        m.setHeader("Location", location);
        m.setBody("");
    }

    private static Message clear(Exchange http) {
        Message m = http.getMessage();
        // the request's headers (its query parameters among them: the code) must not echo back
        m.getHeaders().clear();
        m.setHeader("Cache-Control", "no-store");
        m.setHeader("Referrer-Policy", "no-referrer");
        m.setHeader("X-Content-Type-Options", "nosniff");
        return m;
    }

    /**
     * Lets the answers' own headers out of a platform-http endpoint (Camel's HTTP filter keeps Cache-Control in) and
     * nothing else; what comes in is filtered as the endpoint does.
     */
    static void letResponseHeadersOut(Endpoint endpoint) {
        if (endpoint instanceof HeaderFilterStrategyAware aware) {
            aware.setHeaderFilterStrategy(new ResponseHeaders(aware.getHeaderFilterStrategy()));
        }
    }

    private record ResponseHeaders(HeaderFilterStrategy inbound) implements HeaderFilterStrategy {
        private static final Set<String> OUT = Set.of("cache-control", "referrer-policy", "x-content-type-options",
                "location", "content-type");

        @Override
        public boolean applyFilterToCamelHeaders(String name, Object value, Exchange exchange) {
            return !OUT.contains(name.toLowerCase(Locale.ROOT));
        }

        @Override
        public boolean applyFilterToExternalHeaders(String name, Object value, Exchange exchange) {
            return inbound != null && inbound.applyFilterToExternalHeaders(name, value, exchange);
        }
    }

    public static String escape(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (char c : s.toCharArray()) {
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
