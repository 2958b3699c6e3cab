package app.fanloop.cluster;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

import app.fanloop.Fixtures;
import app.fanloop.Waits;

/**
 * Another node's database connection that claims work in a transaction and then goes silent, as a node does that loses
 * power or its network: nothing closes the connection, so only the server can end its transaction. It is opened as
 * that node's pool opens its connections (the app's URL, user and {@code new-connection-sql}); only the idle bound is
 * shortened for the test, standing for the 2 minutes that application.properties sets.
 */
final class VanishedNode implements AutoCloseable {

    private final Connection connection;
    private final Fixtures fx;
    /** The server process that serves this node's connection. */
    final int pid;

    private VanishedNode(Connection connection, Fixtures fx) throws SQLException {
        this.connection = connection;
        this.fx = fx;
        try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery("select pg_backend_pid()")) {
            rs.next();
            this.pid = rs.getInt(1);
        }
    }

    /** A connection like one of another node's, whose claims the server ends after {@code idleBound} of silence. */
    static VanishedNode connect(Fixtures fx, Duration idleBound) throws SQLException {
        Config config = ConfigProvider.getConfig();
        Properties login = new Properties();
        login.setProperty("user", config.getValue("quarkus.datasource.username", String.class));
        config.getOptionalValue("quarkus.datasource.password", String.class)
                .ifPresent(password -> login.setProperty("password", password));
        Connection c = DriverManager.getConnection(config.getValue("quarkus.datasource.jdbc.url", String.class), login);
        try (Statement s = c.createStatement()) {
            s.execute(config.getValue("quarkus.datasource.jdbc.new-connection-sql", String.class));
            s.execute("set idle_in_transaction_session_timeout = '" + idleBound.toMillis() + "ms'");
        }
        c.setAutoCommit(false);
        return new VanishedNode(c, fx);
    }

    /** Runs a job's claim (a select that locks rows) in the open transaction; returns the ids it claimed. */
    List<Long> claim(String sql, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(sql, params); ResultSet rs = s.executeQuery()) {
            List<Long> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
            return ids;
        }
    }

    /** Writes in the open transaction (an inserted claim row); returns the rows written. */
    int write(String sql, Object... params) throws SQLException {
        try (PreparedStatement s = prepare(sql, params)) {
            return s.executeUpdate();
        }
    }

    /** Whether the server still runs this node's session (and so holds its claims). */
    boolean alive() {
        return fx.number("select count(*) from pg_stat_activity where pid = ?1", pid) > 0;
    }

    /** Waits until the server has ended the silent session, which rolls its transaction back. */
    void awaitDropped() {
        Waits.until(() -> !alive(), "the server ends the session of the vanished node");
    }

    /** What the node would find if it came back: its transaction is gone, nothing it did commits. */
    boolean canCommit() {
        try {
            connection.commit();
            return true;
        } catch (SQLException gone) {
            return false;
        }
    }

    private PreparedStatement prepare(String sql, Object... params) throws SQLException {
        PreparedStatement s = connection.prepareStatement(sql);
        for (int i = 0; i < params.length; i++) {
            s.setObject(i + 1, params[i]);
        }
        return s;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
