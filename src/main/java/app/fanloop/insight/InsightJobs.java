package app.fanloop.insight;

import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Future;

import org.jboss.logging.Logger;

import app.fanloop.triage.FeatureDemand;
import app.fanloop.web.BackgroundBatches;
import app.fanloop.web.BackgroundBatches.Outcome;
import app.fanloop.web.BackgroundJob;
import app.fanloop.web.JobRuns;
import app.fanloop.web.SiteClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

/**
 * Keeps the roll-ups current: a scheduled job that rebuilds the days whose posts changed (marks claimed
 * {@code for update skip locked}, so each mark is done by one node), and the resumable background backfill of
 * the days before the roll-ups existed. The first node to start records the range (first post's day to today)
 * in {@code insight_backfill}; each batch is one short transaction that locks that row, rebuilds the next
 * {@link #BACKFILL_DAYS} days and moves the row on, so a restart resumes where it stopped and another node takes
 * over if this one stops (the pattern of honour/HonourBackfill).
 */
@ApplicationScoped
public class InsightJobs {

    static final int BACKFILL_DAYS = 14;
    static final int DEMAND_ITEMS = 100;
    private static final int MARKS_PER_BATCH = 200;
    private static final Logger LOG = Logger.getLogger(InsightJobs.class);

    /** How far the backfill is: days done of days to do; done when it has finished (or nothing was to do). */
    public record Progress(long doneDays, long totalDays, boolean done) {
        public int percent() {
            return totalDays == 0 ? 100 : (int) (100 * doneDays / totalDays);
        }
    }

    private final EntityManager em;
    private final InsightDays days;
    private final SiteClock clock;
    private final JobRuns runs;
    private final RisingSuggestions rising;
    private final FeatureDemand demand;
    private final BackgroundBatches batches = new BackgroundBatches("Insights backfill", LOG);

    InsightJobs(EntityManager em, InsightDays days, SiteClock clock, JobRuns runs, RisingSuggestions rising,
            FeatureDemand demand) {
        this.em = em;
        this.days = days;
        this.clock = clock;
        this.runs = runs;
        this.rising = rising;
        this.demand = demand;
    }

    void onStart(@Observes @Priority(25) StartupEvent event) {
        begin();
        start();
    }

    void onStop(@Observes ShutdownEvent event) throws InterruptedException {
        batches.stopAndWait();
    }

    synchronized Future<?> start() {
        return batches.inBackground("insight-backfill", () -> {
            try {
                runBackfill();
            } catch (RuntimeException e) {
                if (!batches.stopping()) {
                    LOG.error("Insights backfill stopped; it resumes at the next start", e);
                }
            }
        });
    }

    @Scheduled(identity = "insight-roll-up", every = "${fanloop.insight.roll-up-every}", delayed = "15s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @BackgroundJob
    void scheduled() {
        rollUpMarked();
        QuarkusTransaction.requiringNew().call(() -> rising.refreshIfDue(clock.now()));
    }

    /** Computes the rising suggestions now, whenever they were last computed (tests; the schedule claims a period). */
    public void refreshRising() {
        QuarkusTransaction.requiringNew().run(() -> rising.refresh(clock.now()));
    }

    /** Rebuilds every day marked so far, a batch per transaction; returns how many marks it cleared. */
    public int rollUpMarked() {
        int total = 0;
        int claimed;
        do {
            claimed = QuarkusTransaction.requiringNew().call(() -> days.rebuildMarked(MARKS_PER_BATCH));
            total += claimed;
        } while (claimed > 0 && !runs.stopping());
        return total;
    }

    /** Records the backfill's range if this database never had one (one insert; nothing when it exists). */
    boolean begin() {
        LocalDate today = clock.now().atZone(days.zone()).toLocalDate();
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                insert into insight_backfill (id, first_day, next_day, last_day)
                select 1, d, d, :today
                from (select coalesce(min(created_at at time zone :zone)::date, :today) as d from suggestion) f
                on conflict (id) do nothing""").setParameter("zone", days.zone().getId())
                .setParameter("today", Date.valueOf(today)).executeUpdate() > 0);
    }

    /**
     * Runs the backfill to its end (or until the node stops): the days of insight_day, then the feature items'
     * demand days (feature_demand_day).
     */
    public boolean runBackfill() {
        // The progress line reads the database in a transaction of its own: this thread has none between batches.
        return batches.runToEnd(() -> QuarkusTransaction.requiringNew().call(this::backfillBatch), o -> o, o -> {
            if (LOG.isDebugEnabled()) {
                Progress p = QuarkusTransaction.requiringNew().call(this::progress);
                LOG.debugf("Insights backfill: %d of %d days", p.doneDays(), p.totalDays());
            }
        }) && batches.runToEnd(() -> QuarkusTransaction.requiringNew().call(this::demandBatch), o -> o,
                o -> LOG.debug("Insights backfill: a batch of feature items' demand days"));
    }

    /**
     * The next {@link #DEMAND_ITEMS} feature items by id get their demand days rebuilt from their votes
     * (FeatureDemand.rebuildDays, which locks each item as a vote does); the claimed row moves past them.
     */
    Outcome demandBatch() {
        @SuppressWarnings("unchecked")
        List<Object> rows = em.createNativeQuery("""
                select after_id from feature_demand_backfill where id = 1 and done_at is null
                for update skip locked""").getResultList();
        if (rows.isEmpty()) {
            Number open = (Number) em.createNativeQuery(
                    "select count(*) from feature_demand_backfill where done_at is null").getSingleResult();
            return open.longValue() == 0 ? Outcome.DONE : Outcome.BUSY;
        }
        @SuppressWarnings("unchecked")
        List<Number> items = em.createNativeQuery("select id from feature_item where id > :after order by id limit :n")
                .setParameter("after", ((Number) rows.get(0)).longValue()).setParameter("n", DEMAND_ITEMS).getResultList();
        items.forEach(item -> demand.rebuildDays(item.longValue()));
        if (items.isEmpty()) {
            em.createNativeQuery("update feature_demand_backfill set done_at = now() where id = 1").executeUpdate();
            LOG.info("Insights backfill: feature items' demand days done");
        } else {
            em.createNativeQuery("update feature_demand_backfill set after_id = :after where id = 1")
                    .setParameter("after", items.get(items.size() - 1).longValue()).executeUpdate();
        }
        return Outcome.WORKED;
    }

    Outcome backfillBatch() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select next_day, last_day from insight_backfill where id = 1 and done_at is null
                for update skip locked""").getResultList();
        if (rows.isEmpty()) {
            Number open = (Number) em.createNativeQuery(
                    "select count(*) from insight_backfill where done_at is null").getSingleResult();
            return open.longValue() == 0 ? Outcome.DONE : Outcome.BUSY;
        }
        LocalDate next = InsightDays.date(rows.get(0)[0]);
        LocalDate last = InsightDays.date(rows.get(0)[1]);
        LocalDate end = next.plusDays(BACKFILL_DAYS - 1L);
        if (end.isAfter(last)) {
            end = last;
        }
        for (LocalDate day = next; !day.isAfter(end); day = day.plusDays(1)) {
            days.rebuild(day);
        }
        boolean finished = !end.isBefore(last);
        em.createNativeQuery("update insight_backfill set next_day = :next, done_at = "
                + (finished ? "now()" : "null") + " where id = 1")
                .setParameter("next", Date.valueOf(end.plusDays(1))).executeUpdate();
        if (finished) {
            LOG.info("Insights backfill: done");
        }
        return Outcome.WORKED;
    }

    /** The backfill's progress, for the insights page (done: the days and the feature items' demand days). */
    public Progress progress() {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select next_day - first_day, last_day - first_day + 1,
                       done_at is not null and coalesce((select d.done_at is not null from feature_demand_backfill d
                                                         where d.id = 1), true)
                from insight_backfill where id = 1""").getResultList();
        return rows.isEmpty() ? new Progress(0, 0, false) : new Progress(((Number) rows.get(0)[0]).longValue(),
                ((Number) rows.get(0)[1]).longValue(), (Boolean) rows.get(0)[2]);
    }
}
