package io.camelzendesk.emulator;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** A webhook receiver for tests: records raw requests; can fail the first N with a status. */
final class Receiver implements AutoCloseable {
    /** One received request, with its raw body bytes. */
    record Hit(String method, String path, Map<String, String> headers, byte[] body) {
        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        String header(String name) {
            for (Map.Entry<String, String> e : headers.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        }
    }

    private final HttpServer server;
    private final List<Hit> hits = new ArrayList<>();
    final AtomicInteger failNext = new AtomicInteger();
    volatile int failStatus = 500;

    Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            ex.getRequestHeaders().forEach((k, v) -> h.put(k, v.get(0)));
            synchronized (hits) {
                hits.add(new Hit(ex.getRequestMethod(), ex.getRequestURI().getPath(), h, body));
                hits.notifyAll();
            }
            int status = failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0 ? failStatus : 200;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        server.start();
    }

    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    List<Hit> await(int n, long timeoutMillis) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (hits) {
            while (hits.size() < n && System.nanoTime() < end) {
                TimeUnit.NANOSECONDS.timedWait(hits, Math.max(1, end - System.nanoTime()));
            }
            return List.copyOf(hits);
        }
    }

    List<Hit> hits() {
        synchronized (hits) {
            return List.copyOf(hits);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
