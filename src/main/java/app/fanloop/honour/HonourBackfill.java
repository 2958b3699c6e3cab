package app.fanloop.honour;

import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import app.fanloop.web.BackgroundBatches;
import app.fanloop.web.BackgroundBatches.Outcome;
import app.fanloop.web.SiteClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

/**
 * Builds the points ledger from what members did before honours existed, once per database, in the
 * background after start: the rows the live rules would have written (hidden content as taken back), the
 * members' totals and levels moved by them, and the medals they earned.
 * <p>
 * The first node to start inserts the {@code honour_backfill} row with the cut-offs (the highest suggestion,
 * vote, comment and report ids then). Each batch is one short transaction that locks that row
 * ({@code for update skip locked}: one node works at a time, another waits and takes over if it stops), writes
 * the ledger rows of the next id range, moves the totals of the members they belong to and moves the row on:
 * a restart resumes where it stopped and a crash mid-batch repeats nothing. A row the live rules wrote (a vote
 * cast while the backfill runs) meets the ledger's key {@code (reason, source_id)} and is not written twice;
 * totals move by the rows each side actually wrote. Take-backs wait for the batch in progress
 * ({@link #BATCH_LOCK}, see {@code Honours}).
 */
@ApplicationScoped
public class HonourBackfill {

    /** Held exclusively by each batch and shared by take-backs while the backfill runs ("Honour" in ASCII). */
    static final long BATCH_LOCK = 0x486f6e6f7572L;
    /** How long a batch waits for a row lock before giving way (and trying again): below PostgreSQL's 1 s deadlock check. */
    private static final String BATCH_LOCK_TIMEOUT = "200ms";
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
    private static final Logger LOG = Logger.getLogger(HonourBackfill.class);

    /** The source tables in the order they are done; each phase walks its table's ids up to its cut-off. */
    enum Phase {
        SUGGESTIONS, VOTES, COMMENTS, REPORTS, DONE;

        Phase next() {
            return values()[ordinal() + 1];
        }
    }

    private final EntityManager em;
    private final HonourConfig config;
    private final Honours honours;
    private final SiteClock clock;
    private final BackgroundBatches batches = new BackgroundBatches("Honours backfill", LOG);

    HonourBackfill(EntityManager em, HonourConfig config, Honours honours, SiteClock clock) {
        this.em = em;
        this.config = config;
        this.honours = honours;
        this.clock = clock;
    }

    /**
     * After the migrations (priority 1) and dev-mode demo data (priority 10): records the cut-offs if this
     * database never had the backfill (one insert), then hands the work to a background thread and returns at
     * once, so a large database does not hold up readiness.
     */
    void onStart(@Observes @Priority(20) StartupEvent event) {
        begin();
        start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        batches.stopAndWait();
    }

    /** Starts the background work (levels, then the backfill) and returns at once. */
    synchronized Future<?> start() {
        return batches.inBackground("honour-backfill", this::inBackground);
    }

    private void inBackground() {
        try {
            int moved = relevel();
            if (moved > 0) {
                LOG.infof("Honours: %d member(s) moved to the level the configured thresholds give them", moved);
            }
            run();
        } catch (RuntimeException e) {
            if (!batches.stopping()) {
                LOG.error("Honours backfill stopped; it resumes at the next start", e);
            }
        }
    }

    /**
     * Puts every member on the level their points reach under the configured thresholds, so changing
     * fanloop.honours.levels applies to everyone at the next start. A batch of member ids per transaction;
     * writes only the rows that change. Every node does it at start (it changes nothing the second time).
     */
    public int relevel() {
        String level = honours.levelOf("points");
        long last = QuarkusTransaction.requiringNew().call(() -> number("select coalesce(max(id), 0) from member"));
        int moved = 0;
        for (long after = 0; after < last && !batches.stopping(); after += config.backfillBatch()) {
            long from = after;
            moved += QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("update member set level = " + level
                    + " where id > :a and id <= :b and level <> " + level)
                    .setParameter("a", from).setParameter("b", from + config.backfillBatch()).executeUpdate());
        }
        return moved;
    }

    /**
     * Begins the backfill if this database never had it and runs it to its end; returns whether this call
     * began it. A second call, on any node, finds it done and does nothing.
     */
    public boolean run() {
        boolean began = begin();
        runToEnd();
        return began;
    }

    /** Records the cut-offs and the start, once per database; returns whether this call did. */
    boolean begin() {
        boolean began = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                insert into honour_backfill (id, started_at, phase, after_id, suggestion_upto, vote_upto, comment_upto,
                    report_upto)
                values (1, :now, 'SUGGESTIONS', 0, coalesce((select max(id) from suggestion), 0),
                    coalesce((select max(id) from vote), 0), coalesce((select max(id) from comment), 0),
                    coalesce((select max(id) from report), 0))
                on conflict do nothing""").setParameter("now", clock.now()).executeUpdate() == 1);
        if (began) {
            honours.backfillStarted();
            LOG.info("Honours: building the points ledger of existing posts, votes and comments in the background");
        }
        return began;
    }

    /**
     * Does batches until nothing is left. While another node holds the backfill, waits and tries again, so
     * it takes over if that node stops. A batch that fails (a lock it gave way on, a lost connection) is
     * tried again; after many failures in a row this gives up until the next start.
     */
    void runToEnd() {
        Progress progress = new Progress();
        if (batches.runToEnd(this::step, step -> step, step -> progress.batchDone())) {
            progress.finished();
        }
    }

    /** One batch in its own transaction. */
    Outcome step() {
        return QuarkusTransaction.requiringNew().call(this::batch);
    }

    /** One batch; needs a transaction of its own (see {@link #step()}). */
    Outcome batch() {
        @SuppressWarnings("unchecked")
        List<Object[]> claimed = em.createNativeQuery("""
                select phase, after_id, suggestion_upto, vote_upto, comment_upto, report_upto from honour_backfill
                where id = 1 and phase <> 'DONE' for update skip locked""").getResultList();
        if (claimed.isEmpty()) {
            List<?> phase = em.createNativeQuery("select phase from honour_backfill where id = 1").getResultList();
            if (phase.isEmpty()) {
                throw new IllegalStateException("the honours backfill has not begun");
            }
            return "DONE".equals(phase.get(0)) ? Outcome.DONE : Outcome.BUSY;
        }
        Object[] cursor = claimed.get(0);
        Phase phase = Phase.valueOf((String) cursor[0]);
        long after = ((Number) cursor[1]).longValue();
        long upto = ((Number) cursor[2 + phase.ordinal()]).longValue();
        // Take-backs in flight finish first; new ones wait for this commit (see Honours.awaitBackfillBatch).
        em.createNativeQuery("select pg_advisory_xact_lock(:lock)").setParameter("lock", BATCH_LOCK).getSingleResult();
        em.createNativeQuery("select set_config('lock_timeout', :t, true)").setParameter("t", BATCH_LOCK_TIMEOUT)
                .getSingleResult();
        if (after >= upto) {
            Phase next = phase.next();
            em.createNativeQuery("update honour_backfill set phase = :next, after_id = 0,"
                    + " finished_at = case when :next = 'DONE' then cast(:now as timestamptz) end where id = 1")
                    .setParameter("next", next.name()).setParameter("now", clock.now()).executeUpdate();
            return Outcome.WORKED;
        }
        long to = Math.min(upto, after + config.backfillBatch());
        long written = write(phase, after, to);
        em.createNativeQuery("update honour_backfill set after_id = :to, batches = batches + 1,"
                + " rows_written = rows_written + :n where id = 1")
                .setParameter("to", to).setParameter("n", written).executeUpdate();
        return Outcome.WORKED;
    }

    /**
     * Writes the ledger rows of sources with ids in (after, to], the first-of-a-kind medals they date, and moves
     * the totals of the members they belong to by the rows actually written. Returns how many rows it wrote.
     */
    private long write(Phase phase, long after, long to) {
        List<String> selects = selects(phase);
        if (selects.isEmpty()) {
            return 0;
        }
        @SuppressWarnings("unchecked")
        List<Object[]> members = em.createNativeQuery("""
                with written as (
                    insert into honour_point (member_id, source_id, suggestion_id, comment_id, created_at, revoked_at,
                        revoked_cause, reason, points)
                    %s
                    on conflict (reason, source_id) do nothing
                    returning member_id, reason, points, revoked_at, created_at),
                firsts as (
                    insert into member_medal (member_id, medal, awarded_at)
                    select member_id, case reason when 'POSTED' then 'FIRST_SUGGESTION' when 'ADOPTED' then 'FIRST_ADOPTED'
                        else 'FIRST_SHIPPED' end, min(created_at)
                    from written where revoked_at is null and reason in ('POSTED', 'ADOPTED', 'SHIPPED')
                    group by member_id, reason
                    %s)
                select member_id, coalesce(sum(points) filter (where revoked_at is null), 0), count(*),
                    bool_or(reason = 'SHIPPED' and revoked_at is null)
                from written group by member_id""".formatted(String.join(" union all ", selects), EARLIER))
                .setParameter("a", after).setParameter("b", to).getResultList();
        SortedMap<Long, Integer> deltas = new TreeMap<>();
        List<Long> shipped = new ArrayList<>();
        long rows = 0;
        for (Object[] m : members) {
            long member = ((Number) m[0]).longValue();
            deltas.put(member, ((Number) m[1]).intValue());
            rows += ((Number) m[2]).longValue();
            if (Boolean.TRUE.equals(m[3])) {
                shipped.add(member);
            }
        }
        if (!shipped.isEmpty()) {
            manyShipped(shipped);
        }
        honours.moveAll(deltas);
        return rows;
    }

    /** A medal the backfill dates: kept if held from earlier, dated back if the member earned it earlier. */
    private static final String EARLIER = """
            on conflict (member_id, medal) do update set awarded_at = excluded.awarded_at
            where excluded.awarded_at < member_medal.awarded_at""";

    /** The tenth shipped suggestion's medal for members who got a shipped row in this batch, from their whole ledger. */
    private void manyShipped(List<Long> members) {
        em.createNativeQuery("""
                insert into member_medal (member_id, medal, awarded_at)
                select member_id, 'TEN_SHIPPED', created_at from (
                    select member_id, created_at, row_number() over (partition by member_id order by created_at, id) as n
                    from honour_point where reason = 'SHIPPED' and revoked_at is null
                      and member_id = any(cast(:members as bigint[]))) x
                where n = :nth
                """ + EARLIER)
                .setParameter("members", members.stream().map(String::valueOf).collect(
                        java.util.stream.Collectors.joining(",", "{", "}")))
                .setParameter("nth", Medal.MANY_SHIPPED).executeUpdate();
    }

    /**
     * The rows of one phase's id range (:a, :b] as the live rules write them: (member, source, suggestion,
     * comment, created, revoked_at, revoked_cause, reason, points); a rule worth 0 points writes nothing.
     */
    private List<String> selects(Phase phase) {
        String hiddenAt = "case when %1$s then (select started_at from honour_backfill where id = 1) end,"
                + " case when %1$s then 'HIDDEN' end";
        String suggestionHidden = hiddenAt.formatted("s.hidden");
        List<String> selects = new ArrayList<>();
        switch (phase) {
            case SUGGESTIONS -> {
                add(selects, PointReason.POSTED, "select s.author_id, s.id, s.id, cast(null as bigint), s.created_at, "
                        + suggestionHidden + ", %s from suggestion s where s.id > :a and s.id <= :b");
                String reached = """
                        select s.author_id, s.id, s.id, cast(null as bigint),
                            coalesce((select min(sc.created_at) from status_change sc where sc.suggestion_id = s.id
                                      and sc.to_status in (%1$s)), s.status_changed_at, s.created_at), %2$s, %%s
                        from suggestion s where s.id > :a and s.id <= :b""";
                String adopted = "'PLANNED', 'IN_PROGRESS', 'SHIPPED'";
                add(selects, PointReason.ADOPTED, reached.formatted(adopted, suggestionHidden)
                        + " and (s.status in (%1$s) or exists (select 1 from status_change sc where sc.suggestion_id = s.id"
                                .formatted(adopted)
                        + " and sc.to_status in (%1$s)))".formatted(adopted));
                add(selects, PointReason.SHIPPED, reached.formatted("'SHIPPED'", suggestionHidden)
                        + " and s.status = 'SHIPPED'");
            }
            case VOTES -> add(selects, PointReason.VOTE_RECEIVED, "select s.author_id, v.id, s.id, cast(null as bigint),"
                    + " v.created_at, " + suggestionHidden + ", %s from vote v join suggestion s on s.id = v.cast_on_id"
                    + " where v.id > :a and v.id <= :b and v.member_id <> s.author_id");
            case COMMENTS -> add(selects, PointReason.COMMENTED, "select c.author_id, c.id, c.suggestion_id, c.id,"
                    + " c.created_at, " + hiddenAt.formatted("c.hidden") + ", %s from comment c"
                    + " where c.id > :a and c.id <= :b and not c.official");
            case REPORTS -> add(selects, PointReason.REPORT_UPHELD, "select r.reporter_id, r.id, cast(null as bigint),"
                    + " cast(null as bigint), coalesce(r.resolved_at, r.created_at), cast(null as timestamptz),"
                    + " cast(null as text), %s from report r where r.id > :a and r.id <= :b and r.status = 'UPHELD'");
            case DONE -> {
            }
        }
        return selects;
    }

    /** The reason and its configured points (an int from configuration, inlined) fill the select's last %s. */
    private void add(List<String> selects, PointReason reason, String select) {
        int points = config.points(reason);
        if (points > 0) {
            selects.add(select.formatted("'" + reason.name() + "', " + points));
        }
    }

    private long number(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }

    /** Progress lines while this node works: source ids done of all, ledger rows per second, time left. */
    private final class Progress {
        private final long began = System.nanoTime();
        private long lastLog = began;
        private long batches;

        void batchDone() {
            batches++;
            long now = System.nanoTime();
            if (now - lastLog < LOG_EVERY_NANOS) {
                return;
            }
            lastLog = now;
            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("""
                    select phase, rows_written,
                        (case phase when 'SUGGESTIONS' then 0 when 'VOTES' then suggestion_upto
                            when 'COMMENTS' then suggestion_upto + vote_upto
                            else suggestion_upto + vote_upto + comment_upto end) + after_id,
                        suggestion_upto + vote_upto + comment_upto + report_upto
                    from honour_backfill where id = 1""").getSingleResult());
            double seconds = (now - began) / 1e9;
            long rows = ((Number) row[1]).longValue();
            long done = ((Number) row[2]).longValue();
            long all = Math.max(1, ((Number) row[3]).longValue());
            double idsPerSecond = done / Math.max(seconds, 0.001);
            LOG.infof("Honours backfill: %s, %d of %d source ids (%d%%), %d ledger rows, %.0f rows/s, about %.0f s left",
                    row[0], done, all, 100 * done / all, rows, rows / seconds, (all - done) / Math.max(idsPerSecond, 1));
        }

        void finished() {
            if (batches == 0) {
                return;
            }
            Object[] row = QuarkusTransaction.requiringNew().call(() -> (Object[]) em.createNativeQuery("""
                    select rows_written, batches, extract(epoch from finished_at - started_at) from honour_backfill
                    where id = 1""").getSingleResult());
            double seconds = Math.max(((Number) row[2]).doubleValue(), 0.001);
            long rows = ((Number) row[0]).longValue();
            if (((Number) row[1]).longValue() == 0) {
                return; // nothing was there to do (a new database)
            }
            LOG.infof("Honours backfill done: %d ledger rows in %d batches, %.1f s since it began (%.0f rows/s)",
                    rows, ((Number) row[1]).longValue(), seconds, rows / seconds);
        }
    }
}
