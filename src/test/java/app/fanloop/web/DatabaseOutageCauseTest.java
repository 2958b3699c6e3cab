package app.fanloop.web;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;

import org.hibernate.exception.ConstraintViolationException;
import org.hibernate.exception.GenericJDBCException;
import org.hibernate.exception.JDBCConnectionException;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;

import jakarta.persistence.PersistenceException;

/** Which failures count as "the database cannot be reached" (a 503) and which stay bugs (a 500). */
class DatabaseOutageCauseTest {

    @Test
    void connection_failures_however_wrapped_are_an_outage() {
        assertTrue(DatabaseOutage.isCause(new PersistenceException(new JDBCConnectionException("I/O error",
                new PSQLException("An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE)))));
        assertTrue(DatabaseOutage.isCause(new RuntimeException(new PSQLException("Connection refused",
                PSQLState.CONNECTION_UNABLE_TO_CONNECT, new ConnectException("Connection refused")))));
        assertTrue(DatabaseOutage.isCause(new RuntimeException(new SQLTransientConnectionException("gone"))));
        assertTrue(DatabaseOutage.isCause(new IllegalStateException(new SQLException(
                "FATAL: terminating connection due to administrator command", "57P01"))), "PostgreSQL shutting down");
        assertTrue(DatabaseOutage.isCause(new IllegalStateException(new SQLException(
                "FATAL: the database system is starting up", "57P03"))), "PostgreSQL starting");
    }

    @Test
    void the_pools_acquisition_timeout_is_an_outage() {
        assertTrue(DatabaseOutage.isCause(new GenericJDBCException("Unable to acquire JDBC Connection",
                new SQLException("Sorry, acquisition timeout!"))));
        assertTrue(DatabaseOutage.isCause(new GenericJDBCException("Unable to acquire JDBC Connection",
                new SQLException("Acquisition timeout while waiting for new connection", new java.util.concurrent.TimeoutException()))));
    }

    @Test
    void other_database_errors_and_bugs_are_not() {
        assertFalse(DatabaseOutage.isCause(new ConstraintViolationException("duplicate key",
                new SQLException("duplicate key value violates unique constraint", "23505"), "vote_pkey")));
        assertFalse(DatabaseOutage.isCause(new GenericJDBCException("syntax", new SQLException("syntax error", "42601"))));
        assertFalse(DatabaseOutage.isCause(new SQLException("Sorry, acquisition timeout!", "42000")), "a SQLState of its own");
        assertFalse(DatabaseOutage.isCause(new NullPointerException()));
        assertFalse(DatabaseOutage.isCause(new IllegalArgumentException("timeout")));
    }
}
