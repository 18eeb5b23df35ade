package io.camelzendesk.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Starts a JVM on this one's class path, and a {@link BenchServer} in a child JVM; or {@link #attach attaches} to a
 * server another process started (a BenchServer, or reference-bench's FakeZendesk) to reset and read its counters.
 */
final class ServerProcess implements AutoCloseable {

    private static final HttpClient STATS = HttpClient.newHttpClient();
    private static final Map<String, String> ALIASES = Map.of("first_export_ms", "first_ms", "export_requests", "requests");

    private final Process process;
    final String baseUrl;

    private ServerProcess(String baseUrl) {
        this.process = null;
        this.baseUrl = baseUrl;
    }

    /** A server another JVM started: only its statistics are used. */
    static ServerProcess attach(String baseUrl) {
        return new ServerProcess(baseUrl);
    }

    /** Starts the server with the given {@link BenchServer} options and waits until it listens. */
    ServerProcess(String... serverArgs) throws IOException {
        List<String> cmd = javaCommand(List.of("-Xmx1500m", "-Dsun.net.httpserver.nodelay=true"),
                BenchServer.class, serverArgs);
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        if (line == null || !line.startsWith("LISTENING ")) {
            process.destroyForcibly();
            throw new IOException("the bench server did not start: " + line);
        }
        baseUrl = line.substring("LISTENING ".length()).trim();
    }

    /** {@code java <jvmOptions> -cp <this class path> <main> <args>}. */
    static List<String> javaCommand(List<String> jvmOptions, Class<?> main, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        String logLevel = System.getProperty("org.slf4j.simpleLogger.defaultLogLevel");
        if (logLevel != null) {
            cmd.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=" + logLevel);
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(main.getName());
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** The server's counters since the last reset. */
    @SuppressWarnings("unchecked")
    Map<String, Object> stats() throws Exception {
        HttpResponse<String> r = STATS.send(HttpRequest.newBuilder(URI.create(baseUrl + "/__stats")).build(),
                HttpResponse.BodyHandlers.ofString());
        return Tickets.JSON.readValue(r.body(), Map.class);
    }

    /**
     * One counter. On a server without BenchServer's export counters (reference-bench's FakeZendesk, which only serves
     * exports and creates) {@code first_export_ms} and {@code export_requests} are read as {@code first_ms} and
     * {@code requests}.
     */
    long stat(String name) throws Exception {
        Map<String, Object> stats = stats();
        Object value = stats.get(name);
        if (value == null) {
            value = stats.get(ALIASES.getOrDefault(name, name));
        }
        if (value == null) {
            throw new IllegalStateException("the server at " + baseUrl + " has no counter " + name + ": " + stats);
        }
        return ((Number) value).longValue();
    }

    void reset() throws Exception {
        STATS.send(HttpRequest.newBuilder(URI.create(baseUrl + "/__reset")).POST(HttpRequest.BodyPublishers.noBody())
                .build(), HttpResponse.BodyHandlers.discarding());
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // it is ending anyway
        }
        process.destroy();
    }
}
