package io.camelzendesk.faults;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;

/**
 * A child JVM running {@link ExportNode}, its output in a log file; killed with SIGKILL, stopped gracefully or told
 * to stop and start one of its routes (commands on its standard input).
 */
final class NodeProcess {

    private final Process process;
    private final Path log;

    private NodeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts the node with these arguments and waits until its routes run (it printed READY). */
    static NodeProcess start(Path log, Map<String, String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Dlog4j2.configurationFile=log4j2-node.xml",
                "-cp", System.getProperty("java.class.path"), ExportNode.class.getName()));
        args.forEach((k, v) -> command.add(k + "=" + v));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        NodeProcess node = new NodeProcess(process, log);
        long before = node.readyLines();
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50))
                .until(() -> node.readyLines() > before || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("the export node died at start:\n" + node.output());
        }
        return node;
    }

    /** SIGKILL: no shutdown hook, no flush, no position written on stop; then waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /**
     * A graceful stop (the node stops its Camel context, then exits); true when it exited within a minute, else it is
     * killed and false is returned.
     */
    boolean stop() throws IOException, InterruptedException {
        command("stop");
        if (process.waitFor(60, TimeUnit.SECONDS)) {
            return true;
        }
        kill();
        return false;
    }

    /** Stops one route through Camel's route controller, waits, starts it again; the other routes keep running. */
    void restartRoute(String routeId, long downMillis) throws IOException, InterruptedException {
        commandAndAwait("stopRoute " + routeId, "ROUTE STOPPED " + routeId);
        Thread.sleep(downMillis);
        commandAndAwait("startRoute " + routeId, "ROUTE STARTED " + routeId);
    }

    private void commandAndAwait(String command, String answer) throws IOException {
        long before = lines(answer);
        command(command);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(20))
                .until(() -> lines(answer) > before || !process.isAlive());
        if (!process.isAlive()) {
            throw new IllegalStateException("the export node died on '" + command + "':\n" + output());
        }
    }

    private void command(String line) throws IOException {
        OutputStream in = process.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** READY lines in the log (one per start: the log is shared by every run of a scenario). */
    private long readyLines() {
        return lines("READY");
    }

    private long lines(String line) {
        return output().lines().filter(line::equals).count();
    }
}
