package app.fanloop.honour;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jboss.logging.Logger;

import app.fanloop.web.BackgroundJob;
import app.fanloop.web.SiteClock;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The medals that come with time: the top contributor of each finished week, and a year in the
 * community. Every node runs the job: a week is claimed by inserting its honour_week row (a second
 * node waits for the first and then finds it taken), anniversaries are one insert that skips medals
 * already held.
 */
@ApplicationScoped
public class HonourJobs {

    private static final Logger LOG = Logger.getLogger(HonourJobs.class);

    private final EntityManager em;
    private final HonourBoards boards;
    private final Honours honours;
    private final SiteClock clock;

    HonourJobs(EntityManager em, HonourBoards boards, Honours honours, SiteClock clock) {
        this.em = em;
        this.boards = boards;
        this.honours = honours;
        this.clock = clock;
    }

    @Scheduled(identity = "honours", every = "${fanloop.honours.job-every}", delayed = "30s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @BackgroundJob
    void run() {
        closeLastWeek().ifPresent(top -> LOG.infof("Top contributor of the week: member %d", top));
        int anniversaries = awardAnniversaries();
        if (anniversaries > 0) {
            LOG.infof("A year in the community: %d medal(s)", anniversaries);
        }
    }

    /**
     * Closes the week before the current one, once per cluster: its top contributor (not private, with
     * points) is kept and gets the weekly medal if they do not hold it yet. Returns the top member when
     * this call closed the week and someone earned points in it.
     */
    @Transactional
    public Optional<Long> closeLastWeek() {
        LocalDate week = boards.thisWeek().minusWeeks(1);
        boolean claimed = em.createNativeQuery("""
                insert into honour_week (week_start, closed_at) values (:w, :now) on conflict do nothing""")
                .setParameter("w", week).setParameter("now", clock.now()).executeUpdate() == 1;
        if (!claimed) {
            return Optional.empty();
        }
        List<HonourBoards.Standing> top = boards.week(week, 1);
        if (top.isEmpty()) {
            return Optional.empty();
        }
        HonourBoards.Standing first = top.get(0);
        em.createNativeQuery("update honour_week set top_member_id = :m, top_points = :p where week_start = :w")
                .setParameter("m", first.member().id).setParameter("p", first.points()).setParameter("w", week)
                .executeUpdate();
        honours.medal(first.member().id, Medal.TOP_WEEKLY, boards.startOf(week.plusWeeks(1)));
        return Optional.of(first.member().id);
    }

    /** Members who joined a year ago or more get the anniversary medal, dated on the day they reached it. */
    @Transactional
    public int awardAnniversaries() {
        Instant yearAgo = clock.now().atOffset(ZoneOffset.UTC).minusYears(1).toInstant();
        return em.createNativeQuery("""
                insert into member_medal (member_id, medal, awarded_at)
                select m.id, 'ONE_YEAR', m.created_at + interval '1 year' from member m
                where m.created_at <= :cutoff
                  and not exists (select 1 from member_medal x where x.member_id = m.id and x.medal = 'ONE_YEAR')
                on conflict do nothing""")
                .setParameter("cutoff", yearAgo).executeUpdate();
    }
}
