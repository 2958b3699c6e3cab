package app.fanloop.limit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Sliding-window request counters in PostgreSQL, shared by every app node: the limits on reading
 * (search, hints, feeds, pages) and on sign-in attempts. Each subject has one counter per fixed window;
 * the estimate for the sliding window is this window's count plus the previous window's, weighted by
 * how much of it still overlaps (Cloudflare's sliding-window counter). One upsert per request, in its
 * own short transaction outside the request's; a refused request is taken back out again.
 */
@ApplicationScoped
public class RequestLimit {

    private final DataSource dataSource;
    private final SiteClock clock;

    RequestLimit(DataSource dataSource, SiteClock clock) {
        this.dataSource = dataSource;
        this.clock = clock;
    }

    /** Counts one request of {@code subject} in {@code bucket}: 0 if allowed, else the seconds to wait. */
    public long hit(String bucket, String subject, int allowed, Duration window) throws SQLException {
        Instant now = clock.now();
        long width = Math.max(1, window.toMillis());
        long at = now.toEpochMilli();
        long slot = Math.floorDiv(at, width) * width;
        String key = subject.length() > 80 ? subject.substring(0, 80) : subject;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            long current;
            long previous;
            try (PreparedStatement upsert = c.prepareStatement("""
                    insert into rate_window (bucket, subject, slot, hits) values (?, ?, ?, 1)
                    on conflict (bucket, subject, slot) do update set hits = rate_window.hits + 1
                    returning hits, coalesce((select p.hits from rate_window p
                        where p.bucket = ? and p.subject = ? and p.slot = ?), 0)""")) {
                upsert.setString(1, bucket);
                upsert.setString(2, key);
                upsert.setLong(3, slot);
                upsert.setString(4, bucket);
                upsert.setString(5, key);
                upsert.setLong(6, slot - width);
                try (ResultSet rs = upsert.executeQuery()) {
                    rs.next();
                    current = rs.getLong(1);
                    previous = rs.getLong(2);
                }
            }
            if (current == 1) {
                // A new window for this subject: windows older than the previous one no longer count, anyone's.
                try (PreparedStatement prune = c.prepareStatement("delete from rate_window where bucket = ? and slot < ?")) {
                    prune.setString(1, bucket);
                    prune.setLong(2, slot - width);
                    prune.executeUpdate();
                }
            }
            double elapsed = (double) (at - slot) / width;
            if (previous * (1 - elapsed) + current <= allowed) {
                return 0;
            }
            try (PreparedStatement undo = c.prepareStatement(
                    "update rate_window set hits = hits - 1 where bucket = ? and subject = ? and slot = ?")) {
                undo.setString(1, bucket);
                undo.setString(2, key);
                undo.setLong(3, slot);
                undo.executeUpdate();
            }
            return retryAfter(allowed, current - 1, previous, elapsed, width);
        }
    }

    /** Seconds until one more request fits, if none comes in meanwhile. */
    static long retryAfter(int allowed, long current, long previous, double elapsed, long width) {
        double waitMillis;
        if (current + 1 > allowed) {
            // This window alone is full: wait for the next one, until this one's weight has fallen enough.
            double fraction = allowed <= 0 ? 1 : Math.max(0, 1 - (double) (allowed - 1) / current);
            waitMillis = (1 - elapsed) * width + fraction * width;
        } else {
            // The previous window still weighs too much: wait until its share has shrunk.
            double fraction = 1 - (double) (allowed - current - 1) / previous;
            waitMillis = Math.max(0, fraction - elapsed) * width;
        }
        return Math.max(1, (long) Math.ceil(waitMillis / 1000));
    }
}
