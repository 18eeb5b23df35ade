package io.camelzendesk.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** A tiny Zendesk HTTP client for the contract tests: real HTTP with java.net.http. */
final class Api {
    static final ObjectMapper M = new ObjectMapper();
    static final String BASIC = "Basic " + Base64.getEncoder().encodeToString(
            (ZendeskEmulator.ADMIN_EMAIL + "/token:" + ZendeskEmulator.API_TOKEN).getBytes(StandardCharsets.UTF_8));

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    final String base;
    String authorization = BASIC;

    Api(String base) {
        this.base = base;
    }

    /** A response. */
    record Res(int status, HttpHeaders headers, String body) {
        JsonNode json() {
            try {
                return M.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + body, e);
            }
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    Res get(String path) {
        return send("GET", path, null);
    }

    Res post(String path, String json) {
        return send("POST", path, json);
    }

    Res put(String path, String json) {
        return send("PUT", path, json);
    }

    Res delete(String path) {
        return send("DELETE", path, null);
    }

    /** POST with an application/x-www-form-urlencoded body. */
    Res form(String path, String form, String... headers) {
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/x-www-form-urlencoded";
        System.arraycopy(headers, 0, all, 2, headers.length);
        return send("POST", path, null, form, all);
    }

    Res send(String method, String path, String json, String... headers) {
        return send(method, path, json, json, headers);
    }

    private Res send(String method, String path, String json, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : base + path))
                .timeout(Duration.ofSeconds(20));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        if (json != null) {
            b.header("Content-Type", "application/json");
        }
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String json(Object o) {
        try {
            return M.writeValueAsString(o);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Polls a job status until it completes (or 10 s). */
    JsonNode awaitJob(String id) {
        long end = System.currentTimeMillis() + 10_000;
        JsonNode job;
        do {
            job = get("/api/v2/job_statuses/" + id + ".json").json().get("job_status");
            if ("completed".equals(job.get("status").asText()) || "failed".equals(job.get("status").asText())) {
                return job;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        } while (System.currentTimeMillis() < end);
        throw new AssertionError("job did not complete: " + job);
    }
}
