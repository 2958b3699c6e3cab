package app.fanloop.honour;

import java.time.Instant;

import org.jboss.logging.Logger;

import app.fanloop.web.SiteClock;
import io.quarkus.narayana.jta.runtime.TransactionConfiguration;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Builds the points ledger from what members did before honours existed, once per database: the
 * first node to start after the migration claims the honour_backfill row and writes, in one
 * transaction, the rows the live rules would have written (hidden content as taken back), the
 * members' totals and levels from them, and the medals they earned. Later starts find the claim.
 */
@ApplicationScoped
public class HonourBackfill {

    private static final Logger LOG = Logger.getLogger(HonourBackfill.class);

    private final EntityManager em;
    private final HonourConfig config;
    private final Honours honours;
    private final SiteClock clock;

    HonourBackfill(EntityManager em, HonourConfig config, Honours honours, SiteClock clock) {
        this.em = em;
        this.config = config;
        this.honours = honours;
        this.clock = clock;
    }

    /**
     * After the migrations (priority 1) and dev-mode demo data (priority 10). The first start on a
     * large existing database writes one ledger row per post, vote received and comment (10 M votes
     * took minutes in the benchmark, far past the 60 s default), so this transaction may run long.
     */
    @Transactional
    @TransactionConfiguration(timeout = 7200)
    void onStart(@Observes @Priority(20) StartupEvent event) {
        if (run()) {
            LOG.infof("Honours: ledger built from existing posts, votes and comments");
        }
        int moved = relevel();
        if (moved > 0) {
            LOG.infof("Honours: %d member(s) moved to the level the configured thresholds give them", moved);
        }
    }

    /**
     * Puts every member on the level their points reach under the configured thresholds, so changing
     * fanloop.honours.levels applies to everyone at the next start. Writes only the rows that change.
     */
    @Transactional
    public int relevel() {
        String level = honours.levelOf("points");
        return em.createNativeQuery("update member set level = " + level + " where level <> " + level).executeUpdate();
    }

    /** Returns whether this call claimed and did the backfill. */
    @Transactional
    public boolean run() {
        Instant now = clock.now();
        boolean claimed = em.createNativeQuery("insert into honour_backfill (id, ran_at) values (1, :now) on conflict do nothing")
                .setParameter("now", now).executeUpdate() == 1;
        if (!claimed) {
            return false;
        }
        String hidden = ", case when %s then cast(:now as timestamptz) end, case when %s then 'HIDDEN' end";
        insert(PointReason.POSTED, "select s.author_id, s.id, s.id, cast(null as bigint), s.created_at"
                + hidden.formatted("s.hidden", "s.hidden") + " from suggestion s", now);
        insert(PointReason.VOTE_RECEIVED, "select s.author_id, v.id, s.id, cast(null as bigint), v.created_at"
                + hidden.formatted("s.hidden", "s.hidden")
                + " from vote v join suggestion s on s.id = v.cast_on_id where v.member_id <> s.author_id", now);
        insert(PointReason.COMMENTED, "select c.author_id, c.id, c.suggestion_id, c.id, c.created_at"
                + hidden.formatted("c.hidden", "c.hidden") + " from comment c where not c.official", now);
        String reached = """
                select s.author_id, s.id, s.id, cast(null as bigint),
                       coalesce((select min(sc.created_at) from status_change sc where sc.suggestion_id = s.id
                                 and sc.to_status in (%s)), s.status_changed_at, s.created_at)""";
        String reachedFrom = " from suggestion s where s.status in (%1$s) or exists (select 1 from status_change sc"
                + " where sc.suggestion_id = s.id and sc.to_status in (%1$s))";
        String adopted = "'PLANNED', 'IN_PROGRESS', 'SHIPPED'";
        insert(PointReason.ADOPTED, reached.formatted(adopted) + hidden.formatted("s.hidden", "s.hidden")
                + reachedFrom.formatted(adopted), now);
        insert(PointReason.SHIPPED, reached.formatted("'SHIPPED'") + hidden.formatted("s.hidden", "s.hidden")
                + " from suggestion s where s.status = 'SHIPPED'", now);
        insert(PointReason.REPORT_UPHELD, "select r.reporter_id, r.id, cast(null as bigint), cast(null as bigint),"
                + " coalesce(r.resolved_at, r.created_at)" + hidden.formatted("false", "false")
                + " from report r where r.status = 'UPHELD'", now);
        em.createNativeQuery("""
                update member m set points = t.total, level = %s
                from (select member_id, sum(points) as total from honour_point where revoked_at is null group by member_id) t
                where t.member_id = m.id""".formatted(honours.levelOf("t.total"))).executeUpdate();
        medals();
        return true;
    }

    /** One reason's rows from a select of (member, source, suggestion, comment, created, revoked_at, revoked_cause). */
    private void insert(PointReason reason, String select, Instant now) {
        int points = config.points(reason);
        if (points <= 0) {
            return;
        }
        String sql = """
                insert into honour_point (member_id, source_id, suggestion_id, comment_id, created_at, revoked_at,
                    revoked_cause, reason, points)
                select x.*, :reason, :points from (%s) x
                on conflict (reason, source_id) do nothing""".formatted(select);
        var query = em.createNativeQuery(sql).setParameter("reason", reason.name()).setParameter("points", points);
        if (select.contains(":now")) {
            query.setParameter("now", now);
        }
        query.executeUpdate();
    }

    /** The medals the ledger shows were earned, dated when they were. */
    private void medals() {
        medal("FIRST_SUGGESTION", "POSTED", 1);
        medal("FIRST_ADOPTED", "ADOPTED", 1);
        medal("FIRST_SHIPPED", "SHIPPED", 1);
        medal("TEN_SHIPPED", "SHIPPED", Medal.MANY_SHIPPED);
    }

    private void medal(String medal, String reason, int nth) {
        em.createNativeQuery("""
                insert into member_medal (member_id, medal, awarded_at)
                select member_id, :medal, created_at from (
                    select member_id, created_at, row_number() over (partition by member_id order by created_at, id) as n
                    from honour_point where reason = :reason and revoked_at is null) x
                where n = :nth
                on conflict do nothing""")
                .setParameter("medal", medal).setParameter("reason", reason).setParameter("nth", nth).executeUpdate();
    }
}
