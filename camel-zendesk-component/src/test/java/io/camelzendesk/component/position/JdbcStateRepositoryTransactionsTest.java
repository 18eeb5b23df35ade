package io.camelzendesk.component.position;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JdbcStateRepository on H2 through a data source whose connections have auto-commit off, as many pools are
 * configured: what it writes is committed, visible on a new connection, and the connection goes back as it came.
 */
class JdbcStateRepositoryTransactionsTest {

    /** A data source handing out H2 connections with auto-commit off, noting the auto-commit of each one closed. */
    static final class NoAutoCommitDataSource implements DataSource {
        private final JdbcDataSource h2 = new JdbcDataSource();
        final List<Boolean> autoCommitWhenClosed = new ArrayList<>();

        NoAutoCommitDataSource(String name) {
            h2.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
        }

        @Override
        public synchronized Connection getConnection() throws SQLException {
            Connection c = h2.getConnection();
            c.setAutoCommit(false);
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
                    (proxy, method, args) -> {
                        if (method.getName().equals("close")) {
                            synchronized (this) {
                                autoCommitWhenClosed.add(c.getAutoCommit());
                            }
                        }
                        try {
                            return method.invoke(c, args);
                        } catch (InvocationTargetException e) {
                            throw e.getCause();
                        }
                    });
        }

        @Override
        public Connection getConnection(String user, String password) throws SQLException {
            return getConnection();
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
        }

        @Override
        public void setLoginTimeout(int seconds) {
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> iface) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> iface) {
            return false;
        }
    }

    private NoAutoCommitDataSource dataSource;
    private JdbcStateRepository repository;

    @BeforeEach
    void start() {
        dataSource = new NoAutoCommitDataSource("positions" + System.nanoTime());
        repository = new JdbcStateRepository(dataSource);
        repository.start();
    }

    @AfterEach
    void stop() {
        repository.stop();
    }

    /** A repository on a fresh data source over the same database: reads only what was committed. */
    private JdbcStateRepository anotherNode() {
        JdbcStateRepository other = new JdbcStateRepository(dataSource);
        other.setCreateTable(false);
        other.start();
        return other;
    }

    @Test
    void theTableAndEveryWriteAreCommitted() {
        repository.setState("a", "1");
        repository.setState("a", "2");
        assertThat(repository.compareAndSet("b", null, "first")).isTrue();
        assertThat(repository.compareAndSet("b", "first", "second")).isTrue();
        JdbcStateRepository other = anotherNode();
        assertThat(other.getState("a")).isEqualTo("2");
        assertThat(other.getState("b")).isEqualTo("second");
    }

    @Test
    void compareAndSetStillRefusesAStaleExpectation() {
        assertThat(repository.compareAndSet("k", null, "v1")).isTrue();
        assertThat(repository.compareAndSet("k", null, "other")).isFalse();
        JdbcStateRepository other = anotherNode();
        assertThat(other.compareAndSet("k", "v1", "v2")).isTrue();
        // this node still expects v1: refused, the newer position stays
        assertThat(repository.compareAndSet("k", "v1", "v0")).isFalse();
        assertThat(anotherNode().getState("k")).isEqualTo("v2");
    }

    @Test
    void connectionsGoBackWithTheAutoCommitTheyHad() throws SQLException {
        repository.setState("a", "1");
        repository.compareAndSet("a", "1", "2");
        repository.getState("a");
        assertThat(dataSource.autoCommitWhenClosed).isNotEmpty().containsOnly(false);
        // and on a pool that keeps auto-commit on, nothing changes for the application either
        JdbcDataSource autoCommit = new JdbcDataSource();
        autoCommit.setURL("jdbc:h2:mem:auto" + System.nanoTime() + ";DB_CLOSE_DELAY=-1");
        JdbcStateRepository onAutoCommit = new JdbcStateRepository(autoCommit);
        onAutoCommit.start();
        onAutoCommit.setState("x", "1");
        assertThat(onAutoCommit.compareAndSet("x", "1", "2")).isTrue();
        assertThat(onAutoCommit.getState("x")).isEqualTo("2");
    }
}
