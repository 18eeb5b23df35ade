package io.camelzendesk.faults;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.awaitility.Awaitility.await;

/** A child JVM running {@link ExportNode}, its output in a log file; killed with SIGKILL. */
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

    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** READY lines in the log (one per start: the log is shared by every run of a scenario). */
    private long readyLines() {
        return output().lines().filter("READY"::equals).count();
    }
}
