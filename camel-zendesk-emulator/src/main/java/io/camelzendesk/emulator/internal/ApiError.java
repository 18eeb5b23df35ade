package io.camelzendesk.emulator.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;

/** An error answered with Zendesk's error envelope. Thrown by handlers, rendered by the dispatcher. */
public final class ApiError extends RuntimeException {
    private final int status;
    private final transient ObjectNode body;
    private final Map<String, String> headers = new LinkedHashMap<>();

    public ApiError(int status, ObjectNode body) {
        super(status + " " + body);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public ObjectNode body() {
        return body;
    }

    public Map<String, String> headers() {
        return headers;
    }

    public ApiError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    public static ApiError of(int status, String error, String description) {
        ObjectNode b = Json.obj("error", error);
        if (description != null) {
            b.put("description", description);
        }
        return new ApiError(status, b);
    }

    public static ApiError notFound() {
        return of(404, "RecordNotFound", "Not found");
    }

    public static ApiError invalidEndpoint() {
        return of(404, "InvalidEndpoint", "Not found");
    }

    public static ApiError badRequest(String error, String description) {
        return of(400, error, description);
    }

    /** 422 RecordInvalid with one detail entry for {@code field}. */
    public static ApiError invalid(String field, String code, String description) {
        return new Invalid().add(field, code, description).toError();
    }

    /** Collects several 422 details before failing. */
    public static final class Invalid {
        private final ObjectNode details = Json.obj();

        public Invalid add(String field, String code, String description) {
            ArrayNode list = details.has(field) ? (ArrayNode) details.get(field) : details.putArray(field);
            list.add(Json.obj("description", description, "error", code));
            return this;
        }

        public boolean isEmpty() {
            return details.isEmpty();
        }

        public ApiError toError() {
            ObjectNode b = Json.obj("error", "RecordInvalid", "description", "Record validation errors");
            b.set("details", details);
            return new ApiError(422, b);
        }

        public void throwIfAny() {
            if (!isEmpty()) {
                throw toError();
            }
        }
    }

    /** Error format of the newer APIs (webhooks): {"errors":[{"code","title","detail"}]}. */
    public static ApiError newStyle(int status, String code, String title, String detail) {
        ObjectNode b = Json.obj();
        b.putArray("errors").add(Json.obj("code", code, "title", title, "detail", detail));
        return new ApiError(status, b);
    }
}
