package io.camelzendesk.component.position;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.apache.camel.RuntimeCamelException;
import org.apache.camel.support.service.ServiceSupport;

/**
 * Export positions in a database table, shared by every node of a cluster, written with a compare-and-set on a
 * version column: {@link #compareAndSet} succeeds only if the row still holds the value the caller read, so a stale
 * leader can neither move a position backwards nor overwrite a newer one. Plain JDBC on any {@link DataSource}
 * (PostgreSQL is tested); one row per key:
 *
 * <pre>
 * CREATE TABLE camel_zendesk_state (
 *   state_key   VARCHAR(512) PRIMARY KEY,
 *   state_value TEXT NOT NULL,
 *   version     BIGINT NOT NULL
 * )
 * </pre>
 *
 * Every statement runs in a transaction of its own, committed (or rolled back when it fails) whatever the
 * auto-commit setting of the pool's connections, which are given back with the setting they had.
 * <p>
 * The table is created on start when it is missing (with {@code TEXT}, as PostgreSQL, H2 and SQLite spell it; on
 * other databases create it yourself with a large text type and set {@code createTable} to false). A position
 * holds the dedupe window, a few KB (at most about 50 KB).
 */
public class JdbcStateRepository extends ServiceSupport implements CompareAndSetStateRepository {

    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.]*");

    private DataSource dataSource;
    private String tableName = "camel_zendesk_state";
    private boolean createTable = true;

    public JdbcStateRepository() {
    }

    public JdbcStateRepository(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public JdbcStateRepository(DataSource dataSource, String tableName) {
        this.dataSource = dataSource;
        setTableName(tableName);
    }

    public DataSource getDataSource() {
        return dataSource;
    }

    public void setDataSource(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public String getTableName() {
        return tableName;
    }

    /** The table (letters, digits, underscores, an optional schema prefix); default {@code camel_zendesk_state}. */
    public void setTableName(String tableName) {
        if (tableName == null || !TABLE_NAME.matcher(tableName).matches()) {
            throw new IllegalArgumentException("JdbcStateRepository tableName '" + tableName
                                               + "' is not a plain table name (letters, digits, _ and a schema.)");
        }
        this.tableName = tableName;
    }

    public boolean isCreateTable() {
        return createTable;
    }

    /** Whether to create the table on start when it is missing (default true). */
    public void setCreateTable(boolean createTable) {
        this.createTable = createTable;
    }

    @Override
    protected void doStart() throws Exception {
        Objects.requireNonNull(dataSource, "JdbcStateRepository needs a dataSource");
        if (createTable && !tableExists()) {
            try {
                inTransaction(c -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("CREATE TABLE " + tableName + " (state_key VARCHAR(512) PRIMARY KEY,"
                                  + " state_value TEXT NOT NULL, version BIGINT NOT NULL)");
                    }
                    return null;
                });
            } catch (SQLException e) {
                // another node may have created it at the same moment
                if (!tableExists()) {
                    throw e;
                }
            }
        }
    }

    private boolean tableExists() {
        try {
            return inTransaction(c -> {
                try (Statement s = c.createStatement()) {
                    s.executeQuery("SELECT state_key FROM " + tableName + " WHERE 1 = 0").close();
                    return true;
                }
            });
        } catch (SQLException e) {
            return false;
        }
    }

    /** Work on one connection. */
    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs the work in a transaction of its own whatever the pool's auto-commit setting: commits it, rolls it back
     * when it fails, and gives the connection back with the auto-commit it had.
     */
    private <T> T inTransaction(Work<T> work) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            boolean autoCommit = c.getAutoCommit();
            if (autoCommit) {
                c.setAutoCommit(false);
            }
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException rollback) {
                    e.addSuppressed(rollback);
                }
                throw e;
            } finally {
                if (autoCommit) {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    @Override
    public String getState(String key) {
        try {
            return inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("SELECT state_value FROM " + tableName
                                                              + " WHERE state_key = ?")) {
                    s.setString(1, key);
                    try (ResultSet rs = s.executeQuery()) {
                        return rs.next() ? rs.getString(1) : null;
                    }
                }
            });
        } catch (SQLException e) {
            throw failure("read", key, e);
        }
    }

    /** Sets the value whatever it was (last writer wins); the export consumer uses {@link #compareAndSet}. */
    @Override
    public void setState(String key, String value) {
        try {
            for (int attempt = 0; attempt < 3; attempt++) {
                boolean updated = inTransaction(c -> {
                    try (PreparedStatement s = c.prepareStatement("UPDATE " + tableName
                                                                  + " SET state_value = ?, version = version + 1"
                                                                  + " WHERE state_key = ?")) {
                        s.setString(1, value);
                        s.setString(2, key);
                        return s.executeUpdate() == 1;
                    }
                });
                if (updated || insert(key, value)) {
                    return;
                }
            }
            throw new SQLException("the row kept appearing and disappearing");
        } catch (SQLException e) {
            throw failure("write", key, e);
        }
    }

    @Override
    public boolean compareAndSet(String key, String expected, String value) {
        try {
            if (expected == null) {
                return insert(key, value);
            }
            return inTransaction(c -> {
                long version;
                try (PreparedStatement s = c.prepareStatement("SELECT state_value, version FROM " + tableName
                                                              + " WHERE state_key = ?")) {
                    s.setString(1, key);
                    try (ResultSet rs = s.executeQuery()) {
                        if (!rs.next() || !expected.equals(rs.getString(1))) {
                            return false;
                        }
                        version = rs.getLong(2);
                    }
                }
                // the version read with the expected value: any write in between changed it, and this update misses
                try (PreparedStatement s = c.prepareStatement("UPDATE " + tableName + " SET state_value = ?,"
                                                              + " version = ? WHERE state_key = ? AND version = ?")) {
                    s.setString(1, value);
                    s.setLong(2, version + 1);
                    s.setString(3, key);
                    s.setLong(4, version);
                    return s.executeUpdate() == 1;
                }
            });
        } catch (SQLException e) {
            throw failure("write", key, e);
        }
    }

    /** Inserts the first value of a key in a transaction of its own; false when the key exists. */
    private boolean insert(String key, String value) throws SQLException {
        try {
            return inTransaction(c -> {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO " + tableName
                                                              + " (state_key, state_value, version) VALUES (?, ?, 1)")) {
                    s.setString(1, key);
                    s.setString(2, value);
                    s.executeUpdate();
                    return true;
                }
            });
        } catch (SQLException e) {
            // SQLSTATE class 23: integrity constraint violation (the key is already there); rolled back
            if (e.getSQLState() != null && e.getSQLState().startsWith("23")) {
                return false;
            }
            throw e;
        }
    }

    private RuntimeCamelException failure(String what, String key, SQLException e) {
        return new RuntimeCamelException("Could not " + what + " the state of " + key + " in table " + tableName
                                         + ": " + e.getMessage(), e);
    }

    @Override
    protected void doStop() {
        // connections are borrowed per call; the data source belongs to the application
    }

    @Override
    public String toString() {
        return "JdbcStateRepository[" + tableName + "]";
    }
}
