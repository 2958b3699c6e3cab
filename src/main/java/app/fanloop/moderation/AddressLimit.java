package app.fanloop.moderation;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import app.fanloop.web.DatabaseOutage;
import app.fanloop.web.SiteClock;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Limits per IP address for requests without a session: sign-in attempts (each visit to /login that
 * would start the provider's code flow) and anonymous searches, the one costly page visitors can
 * call at will. Counted in the same table and sliding windows as member limits, so they hold across
 * nodes. Runs before the sign-in challenge and the resource, on a worker thread, in its own short transaction.
 */
@ApplicationScoped
public class AddressLimit {

    private static final Logger LOG = Logger.getLogger(AddressLimit.class);

    /** The anonymous-search bucket. */
    public static final String SEARCH = "anonymous-search";

    private final DataSource dataSource;
    private final RateLimitConfig config;
    private final SiteClock clock;
    private final DatabaseOutage outage;

    AddressLimit(DataSource dataSource, RateLimitConfig config, SiteClock clock, DatabaseOutage outage) {
        this.dataSource = dataSource;
        this.config = config;
        this.clock = clock;
        this.outage = outage;
    }

    void install(@Observes Router router) {
        router.get("/login").order(Integer.MIN_VALUE + 30).blockingHandler(rc -> check(rc, RateLimiter.LOGIN), false);
        router.get("/search").order(Integer.MIN_VALUE + 30).blockingHandler(rc -> check(rc, SEARCH), false);
    }

    private void check(RoutingContext rc, String bucket) {
        RateLimitConfig.Limit limit = config.actions().get(bucket);
        boolean signedIn = rc.request().cookies().stream().anyMatch(c -> c.getName().startsWith("q_session"));
        if (limit == null || signedIn) {
            rc.next();
            return;
        }
        String ip = rc.request().remoteAddress() == null ? "unknown" : rc.request().remoteAddress().host();
        try {
            long retryAfter = hit(bucket, "ip" + ip, limit);
            if (retryAfter > 0) {
                rc.response().setStatusCode(429).putHeader("Retry-After", Long.toString(retryAfter))
                        .putHeader("Content-Type", "text/plain; charset=UTF-8")
                        .end("429 请求过于频繁，请稍后再试 / Too many requests, try again later");
                return;
            }
        } catch (SQLException e) {
            if (DatabaseOutage.isCause(e)) {
                // The page behind would wait for the database again; answer the 503 at once.
                outage.answer(e, rc);
                return;
            }
            // The limit must not lock everyone out when the database hiccups; sign-in itself will fail then anyway.
            LOG.warn("Sign-in rate limit unavailable", e);
        }
        rc.next();
    }

    /** Records the attempt and returns 0, or returns the seconds until one is allowed again. */
    long hit(String bucket, String subject, RateLimitConfig.Limit limit) throws SQLException {
        Instant now = clock.now();
        Duration window = limit.window();
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement lock = c.prepareStatement("select pg_advisory_xact_lock(hashtext(?))")) {
                    lock.setString(1, bucket + ":" + subject);
                    lock.execute();
                }
                try (PreparedStatement prune = c.prepareStatement(
                        "delete from rate_hit where bucket = ? and subject = ? and at <= ?")) {
                    prune.setString(1, bucket);
                    prune.setString(2, subject);
                    prune.setTimestamp(3, Timestamp.from(now.minus(window)));
                    prune.executeUpdate();
                }
                List<Instant> hits = new ArrayList<>();
                try (PreparedStatement read = c.prepareStatement(
                        "select at from rate_hit where bucket = ? and subject = ? order by at")) {
                    read.setString(1, bucket);
                    read.setString(2, subject);
                    try (ResultSet rs = read.executeQuery()) {
                        while (rs.next()) {
                            hits.add(rs.getTimestamp(1).toInstant());
                        }
                    }
                }
                if (hits.size() >= limit.count()) {
                    c.rollback();
                    Instant freeAt = hits.get(hits.size() - limit.count()).plus(window);
                    return Math.max(1, Duration.between(now, freeAt).toSeconds() + 1);
                }
                try (PreparedStatement insert = c.prepareStatement(
                        "insert into rate_hit (bucket, subject, at) values (?, ?, ?)")) {
                    insert.setString(1, bucket);
                    insert.setString(2, subject);
                    insert.setTimestamp(3, Timestamp.from(now));
                    insert.executeUpdate();
                }
                c.commit();
                return 0;
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        }
    }
}
