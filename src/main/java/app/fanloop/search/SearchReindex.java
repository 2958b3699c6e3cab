package app.fanloop.search;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import app.fanloop.search.StaleRows.Phase;
import app.fanloop.web.BackgroundBatches;
import app.fanloop.web.BackgroundBatches.Outcome;
import app.fanloop.web.SiteClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Indexes the rows no live write indexed with the current analysis ({@link SearchIndex#VERSION}): rows written
 * before search existed or by an older analysis. In the background after start, once per cluster, in resumable
 * batches, so a large database does not hold up readiness.
 * <p>
 * The first node to start with a new analysis records a run (a {@code search_reindex} row: the id range of each
 * source's stale rows and how many there are). Each batch is one short transaction that locks that row ({@code for
 * update skip locked}: one node works at a time, another waits and takes over if it stops), reads the stale rows of
 * the next id range with one select, analyzes them on several threads and writes every vector with one update
 * ({@link StaleRows}, where live writes win), and moves the row on: a restart resumes where it stopped, a crash
 * mid-batch writes nothing. Progress lines every 10 s; the admin page shows {@link #status()}.
 */
@ApplicationScoped
public class SearchReindex {

    /** Taken while a run is recorded, so nodes starting together record one ("Search" in ASCII). */
    private static final long BEGIN_LOCK = 0x536561726368L;
    /** How long a batch's update waits for a row a live write holds before giving way: under the 1 s deadlock check. */
    private static final String LOCK_TIMEOUT = "200ms";
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Logger LOG = Logger.getLogger(SearchReindex.class);

    /** What one batch did: whether there was work, the stale rows it read and the rows it wrote. */
    record Batch(Outcome outcome, int read, long written) {
        static final Batch BUSY = new Batch(Outcome.BUSY, 0, 0);
        static final Batch DONE = new Batch(Outcome.DONE, 0, 0);
    }

    private final DataSource dataSource;
    private final StaleRows rows;
    private final SearchConfig config;
    private final SiteClock clock;
    private final String node = ManagementFactory.getRuntimeMXBean().getName();
    private final Meter meter = new Meter();
    private final BackgroundBatches batches = new BackgroundBatches("Search index catch-up", LOG);

    SearchReindex(DataSource dataSource, StaleRows rows, SearchConfig config, SiteClock clock) {
        this.dataSource = dataSource;
        this.rows = rows;
        this.config = config;
        this.clock = clock;
    }

    /**
     * After the migrations and dev-mode demo data: hands the catch-up to a background thread and returns at once.
     * The thread records a run if this analysis never had one (counting the stale rows takes a few seconds on a
     * big database) and works on the unfinished run with the other nodes until it is done.
     */
    void onStart(@Observes @Priority(20) StartupEvent event) {
        if (config.reindexAtStart()) {
            start();
        }
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        batches.stopAndWait();
    }

    /** Starts the background catch-up and returns at once. */
    synchronized Future<?> start() {
        return batches.inBackground("search-reindex", () -> {
            try {
                begin(false);
                runToEnd();
            } catch (RuntimeException e) {
                if (!batches.stopping()) {
                    LOG.error("Search index catch-up stopped; it resumes at the next start", e);
                }
            }
        });
    }

    /**
     * Indexes every row not indexed by this version when called, on the calling thread (other nodes may share the
     * work): finishes the unfinished run, then records one for the rows written since its cut-offs and runs it to
     * its end. Returns how many rows this call wrote.
     */
    public long reindexStale() {
        long written = runToEnd();
        begin(true);
        return written + runToEnd();
    }

    /**
     * Records a run of this analysis version, unless one is unfinished (it is joined) or, when not {@code again},
     * this version already had one. A run of an older version still unfinished is closed: this one covers its
     * rows. A run with nothing to do is recorded as done (at start, so later starts skip the count) or not at all.
     * Returns whether this call recorded a run with work.
     */
    boolean begin(boolean again) {
        if (!QuarkusTransaction.requiringNew().call(() -> due(again))) {
            return false;
        }
        long[] found = stale();
        long total = found[6];
        if (total == 0 && again) {
            return false;
        }
        // Nodes starting together counted alike; the first to get here records the run.
        boolean recorded = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                execute(c, "select pg_advisory_xact_lock(?)", BEGIN_LOCK);
                if (!due(again)) {
                    return false;
                }
                Instant now = clock.now();
                try (PreparedStatement insert = c.prepareStatement("""
                        insert into search_reindex (version, phase, after_id, suggestion_from, suggestion_upto, comment_from,
                            comment_upto, release_from, release_upto, total_rows, started_at, finished_at)
                        values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        on conflict do nothing""")) {
                    insert.setInt(1, SearchIndex.VERSION);
                    insert.setString(2, total == 0 ? Phase.DONE.name() : Phase.SUGGESTIONS.name());
                    insert.setLong(3, found[0]);
                    for (int i = 0; i < 6; i++) {
                        insert.setLong(4 + i, found[i]);
                    }
                    insert.setLong(10, total);
                    insert.setTimestamp(11, Timestamp.from(now));
                    insert.setTimestamp(12, total == 0 ? Timestamp.from(now) : null);
                    return insert.executeUpdate() == 1;
                }
            }
        });
        if (!recorded || total == 0) {
            return false;
        }
        LOG.infof("Search index: %,d rows to index with analysis version %d, in the background, %,d ids a batch",
                total, SearchIndex.VERSION, config.reindexBatch());
        return true;
    }

    /**
     * Whether a run is due: none unfinished and, unless {@code again}, none of this version or a newer one yet.
     * Closes an unfinished run of an older version first. Needs a transaction.
     */
    private boolean due(boolean again) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement close = c.prepareStatement("update search_reindex set phase = 'DONE',"
                    + " finished_at = ? where phase <> 'DONE' and version < ?")) {
                close.setTimestamp(1, Timestamp.from(clock.now()));
                close.setInt(2, SearchIndex.VERSION);
                close.executeUpdate();
            }
            String blocking = again ? "phase <> 'DONE'" : "phase <> 'DONE' or version >= ?";
            try (PreparedStatement any = c.prepareStatement("select 1 from search_reindex where " + blocking + " limit 1")) {
                if (!again) {
                    any.setInt(1, SearchIndex.VERSION);
                }
                try (ResultSet rs = any.executeQuery()) {
                    return !rs.next();
                }
            }
        }
    }

    /**
     * Each source's range of stale ids, from just before its first stale row to its last (rows outside are indexed
     * already), and how many rows are stale in all: {from, upto} per source in phase order, then the count. One scan
     * per table, outside any transaction (minutes at hundreds of millions of rows; no transaction timeout applies).
     */
    private long[] stale() {
        long[] found = new long[7];
        try (Connection c = dataSource.getConnection()) {
            for (Phase phase : List.of(Phase.SUGGESTIONS, Phase.COMMENTS, Phase.RELEASES)) {
                try (PreparedStatement count = c.prepareStatement("select count(*), coalesce(min(id) - 1, 0),"
                        + " coalesce(max(id), 0) from " + phase.table + " where search_version < ?")) {
                    count.setInt(1, SearchIndex.VERSION);
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        found[6] += rs.getLong(1);
                        found[2 * phase.ordinal()] = rs.getLong(2);
                        found[2 * phase.ordinal() + 1] = rs.getLong(3);
                    }
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("counting the rows to index failed", e);
        }
        return found;
    }

    /**
     * Does batches until no run is unfinished; returns the rows this thread wrote. While another node holds the
     * run, waits and tries again, so it takes over if that node stops. A batch that fails (a row lock it gave way
     * on, a lost connection) is tried again; after many failures in a row this gives up until the next start.
     */
    long runToEnd() {
        Progress progress = new Progress();
        if (batches.runToEnd(this::step, Batch::outcome, progress::batchDone)) {
            progress.finished();
        }
        return progress.written;
    }

    /** One batch of the configured size in its own transaction. */
    Batch step() {
        return QuarkusTransaction.requiringNew().call(() -> batch(config.reindexBatch()));
    }

    /** One batch of {@code ids} ids; needs a transaction of its own (see {@link #step()}). */
    Batch batch(int ids) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            long run;
            Phase phase;
            long after;
            long[] range = new long[6];
            try (PreparedStatement claim = c.prepareStatement("""
                    select id, phase, after_id, suggestion_from, suggestion_upto, comment_from, comment_upto, release_from,
                        release_upto
                    from search_reindex where phase <> 'DONE' and version = ? for update skip locked""")) {
                claim.setInt(1, SearchIndex.VERSION);
                try (ResultSet rs = claim.executeQuery()) {
                    if (!rs.next()) {
                        return unfinished(c) ? Batch.BUSY : Batch.DONE;
                    }
                    run = rs.getLong(1);
                    phase = Phase.valueOf(rs.getString(2));
                    after = rs.getLong(3);
                    for (int i = 0; i < range.length; i++) {
                        range[i] = rs.getLong(4 + i);
                    }
                }
            }
            execute(c, "select set_config('lock_timeout', ?, true)", LOCK_TIMEOUT);
            Instant now = clock.now();
            long upto = range[2 * phase.ordinal() + 1];
            if (after >= upto) {
                Phase next = phase.next();
                try (PreparedStatement move = c.prepareStatement("update search_reindex set phase = ?, after_id = ?,"
                        + " updated_at = ?, finished_at = ? where id = ?")) {
                    move.setString(1, next.name());
                    move.setLong(2, next == Phase.DONE ? after : range[2 * next.ordinal()]);
                    move.setTimestamp(3, Timestamp.from(now));
                    move.setTimestamp(4, next == Phase.DONE ? Timestamp.from(now) : null);
                    move.setLong(5, run);
                    move.executeUpdate();
                }
                return new Batch(Outcome.WORKED, 0, 0);
            }
            long to = Math.min(upto, after + ids);
            List<StaleRows.Text> texts = rows.read(c, phase, after, to);
            long written = rows.index(c, phase, texts);
            try (PreparedStatement move = c.prepareStatement("""
                    update search_reindex set after_id = ?, rows_done = rows_done + ?, batches = batches + 1,
                        updated_at = ?, node = ?, rows_per_second = ? where id = ?""")) {
                move.setLong(1, to);
                move.setLong(2, written);
                move.setTimestamp(3, Timestamp.from(now));
                move.setString(4, node);
                move.setFloat(5, (float) meter.add(run, written));
                move.setLong(6, run);
                move.executeUpdate();
            }
            return new Batch(Outcome.WORKED, texts.size(), written);
        }
    }

    private boolean unfinished(Connection c) throws SQLException {
        try (PreparedStatement any = c.prepareStatement(
                "select 1 from search_reindex where phase <> 'DONE' and version = ?")) {
            any.setInt(1, SearchIndex.VERSION);
            try (ResultSet rs = any.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** The latest run, as the admin page shows it. */
    public Optional<ReindexStatus> status() {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement select = c.prepareStatement("""
                            select version, phase, total_rows, rows_done, batches, rows_per_second, node, started_at,
                                updated_at, finished_at
                            from search_reindex order by id desc limit 1""");
                    ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.<ReindexStatus> empty();
                }
                return Optional.of(ReindexStatus.of(rs.getInt(1), Phase.valueOf(rs.getString(2)), rs.getLong(3),
                        rs.getLong(4), rs.getInt(5), rs.getFloat(6), rs.getString(7), instant(rs, 8),
                        instant(rs, 9), instant(rs, 10), clock.now()));
            }
        });
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }

    private static void execute(Connection c, String sql, Object parameter) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setObject(1, parameter);
            statement.executeQuery().close();
        }
    }

    /** This node's rate on a run: the rows it wrote since its first batch of that run, per second. */
    private static final class Meter {
        private long run;
        private long since;
        private long rows;

        synchronized double add(long ofRun, long written) {
            long now = System.nanoTime();
            if (ofRun != run) {
                run = ofRun;
                since = now;
                rows = 0;
            }
            rows += written;
            return rows / Math.max((now - since) / 1e9, 1.0);
        }
    }

    /** Progress lines while this thread works: rows done of all, rows per second, time left. */
    private final class Progress {
        private long lastLog = System.nanoTime();
        private long batches;
        long written;

        void batchDone(Batch batch) {
            batches++;
            written += batch.written();
            long now = System.nanoTime();
            if (now - lastLog < LOG_EVERY_NANOS) {
                return;
            }
            lastLog = now;
            status().filter(s -> s.phase() != Phase.DONE).ifPresent(s -> LOG.infof(
                    "Search index: %,d of %,d rows (%d%%), %,.0f rows/s, about %s left (%s)",
                    s.done(), s.total(), s.percent(), s.rowsPerSecond(), s.left(), s.phase().table));
        }

        void finished() {
            if (batches == 0) {
                return;
            }
            status().filter(s -> s.finishedAt() != null).ifPresent(s -> LOG.infof(
                    "Search index done: %,d rows in %,d batches, %s since the run began (%,.0f rows/s on the last node)",
                    s.done(), s.batches(), ReindexStatus.Span.between(s.startedAt(), s.finishedAt()), s.rowsPerSecond()));
        }
    }
}
