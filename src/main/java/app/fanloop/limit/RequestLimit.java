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
 * how much of it still overlaps (Cloudflare's sliding-window counter). One upsert in its own short
 * transaction outside the request's; a refused request is taken back out again.
 *
 * <p>For generous limits a node does not write every request: it reserves a small batch of hits at once
 * (a twentieth of a limit of 100 or more, at most 20) and hands them out from memory until they are used or
 * the window turns, so a visitor reading 300 pages a minute costs 20 writes, not 300. Reservations are counted in PostgreSQL like
 * hits, so all nodes together never let more through than the limit; a node holding unused reservations
 * can at most make another node refuse a few requests early. Limits under 100 (sign-in, searches) count
 * every request, exactly as before.
 */
@ApplicationScoped
public class RequestLimit {

    /** Above this many subjects with reservations, the oldest knowledge is dropped (at worst a few early refusals). */
    private static final int MAX_LEASES = 50_000;

    private final DataSource dataSource;
    private final SiteClock clock;
    /** Reserved hits this node may still hand out, per bucket and subject, for one window. */
    private final java.util.concurrent.ConcurrentHashMap<String, Lease> leases = new java.util.concurrent.ConcurrentHashMap<>();

    private record Lease(long slot, int remaining) {
    }

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
        int batch = allowed >= 100 ? Math.min(20, allowed / 20) : 1;
        if (batch > 1) {
            String leaseKey = bucket + '\n' + key;
            boolean[] taken = { false };
            leases.computeIfPresent(leaseKey, (k, lease) -> {
                if (lease.slot() != slot) {
                    return null;
                }
                taken[0] = true;
                return lease.remaining() == 1 ? null : new Lease(slot, lease.remaining() - 1);
            });
            if (taken[0]) {
                return 0;
            }
            if (reserve(bucket, key, slot, width, at, allowed, batch)) {
                if (leases.size() > MAX_LEASES) {
                    leases.clear();
                }
                leases.put(leaseKey, new Lease(slot, batch - 1));
                return 0;
            }
        }
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
                prune(c, bucket, slot - width);
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

    /** Counts {@code batch} hits at once if they all fit the limit; otherwise counts none (the caller counts one). */
    private boolean reserve(String bucket, String key, long slot, long width, long at, int allowed, int batch)
            throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement upsert = c.prepareStatement("""
                    insert into rate_window (bucket, subject, slot, hits) values (?, ?, ?, ?)
                    on conflict (bucket, subject, slot) do update set hits = rate_window.hits + excluded.hits
                    returning hits, coalesce((select p.hits from rate_window p
                        where p.bucket = ? and p.subject = ? and p.slot = ?), 0)""")) {
                upsert.setString(1, bucket);
                upsert.setString(2, key);
                upsert.setLong(3, slot);
                upsert.setInt(4, batch);
                upsert.setString(5, bucket);
                upsert.setString(6, key);
                upsert.setLong(7, slot - width);
                long current;
                long previous;
                try (ResultSet rs = upsert.executeQuery()) {
                    rs.next();
                    current = rs.getLong(1);
                    previous = rs.getLong(2);
                }
                double elapsed = (double) (at - slot) / width;
                if (previous * (1 - elapsed) + current <= allowed) {
                    if (current == batch) {
                        prune(c, bucket, slot - width);
                    }
                    return true;
                }
            }
            try (PreparedStatement undo = c.prepareStatement(
                    "update rate_window set hits = hits - ? where bucket = ? and subject = ? and slot = ?")) {
                undo.setInt(1, batch);
                undo.setString(2, bucket);
                undo.setString(3, key);
                undo.setLong(4, slot);
                undo.executeUpdate();
            }
            return false;
        }
    }

    /** Windows older than the previous one no longer count, anyone's. */
    private static void prune(Connection c, String bucket, long before) throws SQLException {
        try (PreparedStatement prune = c.prepareStatement("delete from rate_window where bucket = ? and slot < ?")) {
            prune.setString(1, bucket);
            prune.setLong(2, before);
            prune.executeUpdate();
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
