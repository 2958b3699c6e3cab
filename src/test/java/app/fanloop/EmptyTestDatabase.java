package app.fanloop;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every test run starts from empty tables, right after the migrations ran (DatabaseBootstrap has
 * priority 1), so pages listing every board stay small and runs do not differ by what earlier runs
 * left. Tests still build all the data they need; none relies on this.
 */
@ApplicationScoped
class EmptyTestDatabase {

    void onStart(@Observes @Priority(2) StartupEvent event, DataSource dataSource) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            String database = c.getCatalog();
            if (database == null || !database.contains("test")) {
                throw new IllegalStateException("Refusing to empty database " + database + ": not a test database");
            }
            st.execute("""
                    truncate revision, status_change, suggestion_follow, vote, comment, suggestion, board, member
                    restart identity cascade""");
        }
    }
}
