package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A response to write. */
public final class Resp {
    public final int status;
    public final byte[] body;
    public final String contentType;
    public final Map<String, String> headers = new LinkedHashMap<>();
    /** The JSON form of the body, when it was built from JSON (used by idempotency replay). */
    public final JsonNode json;

    private Resp(int status, byte[] body, String contentType, JsonNode json) {
        this.status = status;
        this.body = body;
        this.contentType = contentType;
        this.json = json;
    }

    public static Resp json(int status, JsonNode node) {
        return new Resp(status, Json.bytes(node), "application/json; charset=utf-8", node);
    }

    public static Resp ok(JsonNode node) {
        return json(200, node);
    }

    public static Resp created(JsonNode node) {
        return json(201, node);
    }

    public static Resp noContent() {
        return new Resp(204, new byte[0], null, null);
    }

    public static Resp text(int status, String text) {
        return new Resp(status, text.getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8", null);
    }

    public static Resp raw(int status, byte[] bytes, String contentType) {
        return new Resp(status, bytes, contentType, null);
    }

    public Resp header(String k, String v) {
        headers.put(k, v);
        return this;
    }
}
