package io.camelzendesk.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.camel.CamelContext;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.impl.DefaultCamelContext;

import io.camelzendesk.emulator.ZendeskEmulator;
import io.camelzendesk.model.ZendeskObject;

/**
 * An export consumer in its own JVM, as an application runs it: one Camel context, one route per resource,
 * {@code from("zendesk:<resource>?startTime=0&stateDirectory=...").routeId("export-<resource>")} with the default
 * file position store. Each record delivered is appended to {@code out} as {@code <resource> <id> <updated_at>}, one
 * write per record (the OS keeps it when the JVM is killed). Arguments {@code key=value}: {@code baseUrl},
 * {@code resources} (comma separated), {@code out}, {@code stateDirectory}, {@code perPage}, {@code recordMillis}
 * (a pause per record: the route's own work), {@code unrelatedRoute} (true: a route without an id is added before the
 * export routes, as an application that grows between restarts). Prints {@code READY} once the routes run.
 *
 * <p>
 * Then reads commands on its standard input, one a line, as an operator or a platform gives them: {@code stop} stops
 * the Camel context gracefully (each consumer stops as on a redeploy) and exits, printing {@code STOPPED};
 * {@code stopRoute <id>} and {@code startRoute <id>} stop or start one route through Camel's route controller while
 * the others run, printing {@code ROUTE STOPPED <id>} or {@code ROUTE STARTED <id>}. The end of its input (the test
 * JVM gone) ends the node.
 */
public final class ExportNode {

    private static FileChannel out;

    private ExportNode() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> a = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            a.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        Path file = Path.of(a.get("out"));
        boolean torn = endsTorn(file);
        out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (torn) {
            delivered("\n");
        }
        String account = "baseUrl=" + a.get("baseUrl") + "&email=" + ZendeskEmulator.ADMIN_EMAIL + "&apiToken="
                         + ZendeskEmulator.API_TOKEN;
        long recordMillis = Long.parseLong(a.getOrDefault("recordMillis", "0"));
        boolean unrelatedRoute = Boolean.parseBoolean(a.getOrDefault("unrelatedRoute", "false"));
        CamelContext context = new DefaultCamelContext();
        context.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                if (unrelatedRoute) {
                    from("timer:unrelated?period=3600000").log("an unrelated route, added in this release");
                }
                for (String resource : List.of(a.get("resources").split(","))) {
                    from("zendesk:" + resource + "?" + account + "&startTime=0&stateDirectory=" + a.get("stateDirectory")
                         + "&perPage=" + a.get("perPage") + "&initialDelay=0&delay=200&incrementalRequestsPerMinute=0")
                            .routeId("export-" + resource)
                            .process(e -> {
                                ZendeskObject record = e.getMessage().getBody(ZendeskObject.class);
                                delivered(resource + " " + record.getId() + " " + record.get("updated_at") + "\n");
                                if (recordMillis > 0) {
                                    Thread.sleep(recordMillis);
                                }
                            });
                }
            }
        });
        context.start();
        System.out.println("READY");
        obey(context);
    }

    private static void obey(CamelContext context) throws Exception {
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line = commands.readLine(); line != null; line = commands.readLine()) {
            String[] c = line.trim().split(" ");
            switch (c[0]) {
                case "stop" -> {
                    context.stop();
                    System.out.println("STOPPED");
                    System.exit(0);
                }
                case "stopRoute" -> {
                    context.getRouteController().stopRoute(c[1]);
                    System.out.println("ROUTE STOPPED " + c[1]);
                }
                case "startRoute" -> {
                    context.getRouteController().startRoute(c[1]);
                    System.out.println("ROUTE STARTED " + c[1]);
                }
                default -> System.out.println("unknown command: " + line);
            }
        }
        Runtime.getRuntime().halt(1);
    }

    /** One write per record: what the route did is in the OS's hands when the JVM is killed right after. */
    private static synchronized void delivered(String line) throws IOException {
        ByteBuffer bytes = ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
            out.write(bytes);
        }
    }

    /** A kill in the middle of a write leaves a line without its end: the next record must start a new line. */
    private static boolean endsTorn(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return false;
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            raf.seek(raf.length() - 1);
            return raf.read() != '\n';
        }
    }
}
