package app.fanloop.web;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.Properties;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.Flyway;
import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Before anything touches the database: in dev and test, create it if it is missing; then apply
 * the Flyway migrations (the only source of the schema). The background jobs begin only after them ({@link JobRuns}).
 */
@ApplicationScoped
public class DatabaseBootstrap {

    private static final Logger LOG = Logger.getLogger(DatabaseBootstrap.class);

    void onStart(@Observes @Priority(1) StartupEvent event, Flyway flyway, JobRuns runs,
            @ConfigProperty(name = "fanloop.database.create-if-missing", defaultValue = "false") boolean create,
            @ConfigProperty(name = "fanloop.database.clean-at-start", defaultValue = "false") boolean clean,
            @ConfigProperty(name = "quarkus.datasource.jdbc.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        if (create) {
            createIfMissing(url, user.orElse(null), password.orElse(null));
        }
        if (clean) {
            flyway.clean();
        }
        flyway.migrate();
        runs.schemaReady();
    }

    static void createIfMissing(String url, String user, String password) {
        Properties parsed = org.postgresql.Driver.parseURL(url, new Properties());
        if (parsed == null) {
            return;
        }
        String database = parsed.getProperty("PGDBNAME");
        String maintenance = url.replaceFirst("/" + java.util.regex.Pattern.quote(database) + "(\\?|$)", "/postgres$1");
        Properties credentials = new Properties();
        if (user != null) {
            credentials.setProperty("user", user);
        }
        if (password != null) {
            credentials.setProperty("password", password);
        }
        try (Connection c = DriverManager.getConnection(maintenance, credentials);
                PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database \"" + database.replace("\"", "\"\"") + "\"");
                LOG.infof("Created database %s", database);
            }
        } catch (SQLException e) {
            // Two starts may race to create it; the second finds it there.
            if (!"42P04".equals(e.getSQLState())) {
                throw new IllegalStateException("Cannot create database " + database + ": " + e.getMessage(), e);
            }
        }
    }
}
