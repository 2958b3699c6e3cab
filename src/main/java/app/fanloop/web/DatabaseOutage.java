package app.fanloop.web;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.jboss.logging.Logger;

import io.agroal.api.AgroalDataSource;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The database cannot be reached (stopped, restarting, unreachable, or the pool exhausted for longer
 * than quarkus.datasource.jdbc.acquisition-timeout): every page answers a localized 503 "temporarily
 * unavailable" with Retry-After, and the API a 503 problem (ProblemType.UNAVAILABLE), instead of a 500. The page is rendered
 * without the layout, whose viewer and bell would ask the database again. Idle pooled connections are
 * dropped when an outage is noticed, so the first requests after the database is back get fresh ones.
 */
@ApplicationScoped
public class DatabaseOutage {

    private static final Logger LOG = Logger.getLogger(DatabaseOutage.class);
    /** Seconds a client is asked to wait; PostgreSQL restarts in about that time. */
    static final int RETRY_AFTER_SECONDS = 10;
    private static final long FLUSH_EVERY_NANOS = 1_000_000_000L;

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance unavailable();
    }

    private final AgroalDataSource dataSource;
    private final AtomicLong lastFlush = new AtomicLong(System.nanoTime() - FLUSH_EVERY_NANOS);

    DatabaseOutage(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Whether a failure means "the database cannot be reached now" rather than a bug: a connection
     * error anywhere in the causes (SQLState class 08, PostgreSQL shutting down or starting, a
     * transient connection exception, Hibernate's JDBCConnectionException) or the pool's acquisition timeout.
     */
    public static boolean isCause(Throwable failure) {
        int depth = 0;
        for (Throwable t = failure; t != null && depth < 20; t = t.getCause(), depth++) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLRecoverableException
                    || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof org.hibernate.exception.JDBCConnectionException
                    || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02")
                        || state.equals("57P03"))) {
                    return true;
                }
                String message = sql.getMessage();
                // Agroal's acquisition timeouts carry no SQLState.
                if (state == null && message != null && message.toLowerCase(Locale.ROOT).contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The 503 for a request that failed because of an outage (see {@link #isCause}). */
    public Response answer(Throwable failure, HttpServerRequest request) {
        noticed(failure, request.method().name(), request.path());
        if (ApiErrors.isApi(request)) {
            return problem(RequestLocale.resolve(request)).response().header("Retry-After", RETRY_AFTER_SECONDS).build();
        }
        return Response.status(503).type(MediaType.valueOf("text/html;charset=UTF-8"))
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(Templates.unavailable().setLocale(RequestLocale.resolve(request)).render()).build();
    }

    /** The same answer from a Vert.x route handler (outside Quarkus REST); call it on a worker thread. */
    public void answer(Throwable failure, RoutingContext rc) {
        noticed(failure, rc.request().method().name(), rc.request().path());
        var response = rc.response().setStatusCode(503).putHeader("Retry-After", Integer.toString(RETRY_AFTER_SECONDS));
        if (ApiErrors.isApi(rc.request())) {
            response.putHeader("Content-Type", Problem.MEDIA_TYPE).end(problem(RequestLocale.resolve(rc.request())).json());
        } else {
            response.putHeader("Content-Type", "text/html; charset=UTF-8")
                    .end(Templates.unavailable().setLocale(RequestLocale.resolve(rc.request())).render());
        }
    }

    private static Problem problem(Locale locale) {
        return Problem.of(ProblemType.UNAVAILABLE, locale, Problem.messages(locale).detail_unavailable(RETRY_AFTER_SECONDS));
    }

    private void noticed(Throwable failure, String method, String path) {
        // One line, no stack trace: an outage is an operations event, and every request would log one.
        LOG.warnf("Database unavailable on %s %s: %s", method, path, rootMessage(failure));
        long last = lastFlush.get();
        long now = System.nanoTime();
        if (now - last >= FLUSH_EVERY_NANOS && lastFlush.compareAndSet(last, now)) {
            // Idle connections were opened before the outage and are broken now; new ones are made when needed.
            dataSource.flush(AgroalDataSource.FlushMode.IDLE);
        }
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
