package io.camelzendesk.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import static org.awaitility.Awaitility.await;

/**
 * What the cluster tests share: a real PostgreSQL (an embedded binary started by the test, no installation needed)
 * and nodes in their own JVMs ({@link ClusterNode}), whose output goes to a file per node.
 */
final class ClusterSupport implements AutoCloseable {

    private final EmbeddedPostgres postgres;
    private final Path dir;
    private final List<Node> nodes = new ArrayList<>();

    ClusterSupport(Path dir) throws IOException {
        this.dir = dir;
        this.postgres = EmbeddedPostgres.builder().start();
        sql("CREATE TABLE processed (seq BIGSERIAL PRIMARY KEY, node VARCHAR(64) NOT NULL,"
            + " record_id VARCHAR(128) NOT NULL, version VARCHAR(64), at TIMESTAMP DEFAULT now())");
    }

    DataSource dataSource() {
        return postgres.getPostgresDatabase();
    }

    String jdbcUrl() {
        return postgres.getJdbcUrl("postgres", "postgres");
    }

    void sql(String statement) {
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement()) {
            s.execute(statement);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of a query, each row its columns as strings. */
    List<List<String>> query(String query) {
        List<List<String>> rows = new ArrayList<>();
        try (Connection c = dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(query)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int i = 1; i <= n; i++) {
                    row.add(rs.getString(i));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    long count(String query) {
        return Long.parseLong(query(query).get(0).get(0));
    }

    /** Starts a node JVM with the given arguments (see {@link ClusterNode}) and waits until it prints READY. */
    Node start(String name, Map<String, String> args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Dlog4j2.configurationFile=log4j2-node.xml",
                "-cp", System.getProperty("java.class.path"), ClusterNode.class.getName(), "node=" + name));
        Map<String, String> all = new LinkedHashMap<>(args);
        all.forEach((k, v) -> command.add(k + "=" + v));
        Path log = dir.resolve(name + ".log");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        Node node = new Node(name, process, log);
        nodes.add(node);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> node.output().contains("READY " + name) || !process.isAlive());
        if (!process.isAlive() && !node.output().contains("RESULT")) {
            throw new IllegalStateException("node " + name + " died:\n" + node.output());
        }
        return node;
    }

    List<Node> nodes() {
        return nodes;
    }

    @Override
    public void close() throws IOException {
        for (Node n : nodes) {
            n.process.destroyForcibly();
        }
        postgres.close();
    }

    /** A node JVM. */
    record Node(String name, Process process, Path log) {

        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        }

        /** Abrupt end, as a crashed pod or a pulled cable: no shutdown hook runs, no lock is released cleanly. */
        void kill() throws InterruptedException {
            process.destroyForcibly().waitFor();
        }
    }
}
