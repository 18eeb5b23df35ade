package io.camelzendesk.examples;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.camelzendesk.emulator.EmulatorAdmin;
import io.camelzendesk.emulator.RecordedRequest;

/** Reads of the emulator and the CRM database shared by the tests. */
final class TestSupport {

    private TestSupport() {
    }

    static Optional<ObjectNode> byExternalId(EmulatorAdmin admin, String resource, String externalId) {
        return admin.list(resource).stream().filter(o -> externalId.equals(o.path("external_id").asText())).findFirst();
    }

    static String customField(EmulatorAdmin admin, JsonNode ticket, String title) {
        long fieldId = admin.list("ticket_fields").stream().filter(f -> title.equals(f.path("title").asText()))
                .findFirst().orElseThrow().get("id").asLong();
        for (JsonNode f : ticket.get("custom_fields")) {
            if (f.get("id").asLong() == fieldId) {
                return f.get("value").isNull() ? null : f.get("value").asText();
            }
        }
        return null;
    }

    /** Writes (POST/PUT/DELETE) the emulator received whose path contains {@code pathPart} and body {@code bodyPart}. */
    static List<RecordedRequest> writes(EmulatorAdmin admin, String pathPart, String bodyPart) {
        return admin.requests().stream().filter(r -> !r.method().equals("GET"))
                .filter(r -> r.path().contains(pathPart) && (bodyPart == null || r.body().contains(bodyPart))).toList();
    }

    static Map<String, Object> row(DataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                ResultSetMetaData md = rs.getMetaData();
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnLabel(i).toLowerCase(), rs.getObject(i));
                }
                return row;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static int update(DataSource ds, String sql, Object... args) {
        try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
