package io.camelzendesk.component.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import org.apache.camel.Exchange;
import org.apache.camel.Message;

import io.camelzendesk.client.ZendeskJson;
import io.camelzendesk.model.WebhookEvent;

/**
 * The HTTP side of a webhook delivery: its body read within bounds and parsed, and the answers Zendesk gets.
 */
final class WebhookHttp {

    /** Seconds Zendesk is asked to wait before retrying a failed delivery (it retries a 503 under 60 s). */
    static final int RETRY_AFTER_SECONDS = 10;

    private static final byte[] EMPTY = new byte[0];
    private static final ObjectReader JSON = ZendeskJson.MAPPER.readerFor(Object.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private WebhookHttp() {
    }

    /** The ticket id of a trigger payload such as {@code {"ticket": {"id": ...}}} or {@code {"ticket_id": ...}}. */
    static String triggerTicketId(Object payload) {
        if (payload instanceof Map<?, ?> map) {
            Object id = map.get("ticket") instanceof Map<?, ?> ticket ? ticket.get("id") : map.get("ticket_id");
            return id == null ? null : id.toString();
        }
        return null;
    }

    /**
     * An event-subscribed delivery ({@code type} zen:event-type:...) becomes a {@link WebhookEvent}; any other JSON
     * (a trigger's template) stays as parsed (a Map); XML stays text; an empty body becomes an empty Map.
     */
    @SuppressWarnings("unchecked")
    static Object parse(byte[] body, String contentType) throws IOException {
        if (body.length == 0) {
            return new java.util.LinkedHashMap<String, Object>();
        }
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("xml")) {
            return new String(body, StandardCharsets.UTF_8);
        }
        Object parsed = JSON.readValue(body);
        if (parsed instanceof Map<?, ?> map && map.get("type") instanceof String type
                && type.startsWith(WebhookEvent.TYPE_PREFIX)) {
            return new WebhookEvent((Map<String, Object>) map, body);
        }
        return parsed;
    }

    static Long contentLength(Message in) {
        Object v = in.getHeader("Content-Length");
        if (v == null) {
            return null;
        }
        try {
            return Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** The body, or null when it is longer than {@code max}: never more than max + 1 bytes are read. */
    static byte[] readBounded(Message in, long max) throws IOException {
        Object body = in.getBody();
        if (body == null) {
            return EMPTY;
        }
        if (body instanceof byte[] bytes) {
            return bytes.length > max ? null : bytes;
        }
        InputStream stream = body instanceof InputStream s ? s : in.getBody(InputStream.class);
        if (stream == null) {
            byte[] bytes = in.getBody(byte[].class);
            return bytes == null ? EMPTY : bytes.length > max ? null : bytes;
        }
        int limit = (int) Math.min(max + 1, Integer.MAX_VALUE - 8);
        byte[] bytes = stream.readNBytes(limit);
        return bytes.length > max ? null : bytes;
    }

    /** 503 with a Retry-After under a minute: the failure answer Zendesk retries. */
    static void retryLater(Exchange http, String text) {
        answer(http, 503, text);
        http.getMessage().setHeader("Retry-After", RETRY_AFTER_SECONDS);
    }

    static void answer(Exchange http, int status, String text) {
        Message m = http.getMessage();
        // request headers must not echo back into the response
        m.getHeaders().clear();
        m.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        m.setHeader(Exchange.CONTENT_TYPE, "text/plain; charset=utf-8");
        m.setBody(text);
    }
}
