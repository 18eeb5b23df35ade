package io.camelzendesk.component.connect;

import java.util.Locale;
import java.util.Set;

import org.apache.camel.Endpoint;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.spi.HeaderFilterStrategy;
import org.apache.camel.spi.HeaderFilterStrategyAware;

import io.camelzendesk.component.oauth.ConnectPage;

/**
 * The connect route's answers through platform-http: the redirect to Zendesk and the {@link ConnectPage}s, never
 * cached, never sending a referrer (the callback's URL carries the code), and with none of the request's headers
 * echoed.
 */
final class ConnectPages {

    private ConnectPages() {
    }

    static void answer(Exchange http, ConnectPage page) {
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
}
