package app.fanloop.insight;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import app.fanloop.insight.InsightService.Rising;
import app.fanloop.member.Visibility;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Rising suggestions: the largest vote gain over the last 7 days against the 7 before. Counting a fortnight of votes
 * reads every vote of it (hundreds of thousands at the 1M bench), so the roll-up job computes the list once per
 * cluster per period ({@code insight_rising}: the first {@link #KEPT} of all boards and of each board) and a page
 * reads at most {@code KEPT} rows of it, checking each post's visibility again as it reads.
 */
@ApplicationScoped
public class RisingSuggestions {

    /** Rows kept per board: more than a page shows, so posts hidden since the computation leave enough. */
    static final int KEPT = 20;
    static final int SHOWN = 10;

    private static final String COMPUTE = """
            insert into insight_rising (board_id, rank, suggestion_id, recent, before)
            select board_id, rank, id, recent, before from (
                select b.board_id, s.id, v.recent, v.before,
                       row_number() over (partition by b.board_id order by v.recent - v.before desc, s.id) as rank
                from (select suggestion_id, count(*) filter (where created_at >= :mid) as recent,
                             count(*) filter (where created_at < :mid) as before
                      from vote where created_at >= :start and created_at < :now group by suggestion_id) v
                join suggestion s on s.id = v.suggestion_id
                cross join lateral (values (cast(0 as bigint)), (s.board_id)) b (board_id)
                where %s and s.status <> 'MERGED' and v.recent > v.before) ranked
            where rank <= %d""".formatted(Visibility.sqlPublic("s"), KEPT);

    private final EntityManager em;
    /**
     * A computation younger than this is fresh and every node's roll-up run skips it. A fortnight of votes is counted
     * each time (7.6 s of a database core at 1M, bench/NOTES.md issue 22): every 10 minutes, not every minute — a
     * 7-day trend moves little in 10 minutes.
     */
    private final Duration every;

    RisingSuggestions(EntityManager em,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "fanloop.insight.rising-every",
                    defaultValue = "PT10M") Duration every) {
        this.em = em;
        this.every = every;
    }

    /** How often the list is computed (the page's freshness line). */
    Duration every() {
        return every;
    }

    /**
     * Computes the list as of {@code now} unless a node did within {@code fanloop.insight.rising-every} (its run row is claimed
     * {@code for update skip locked}: while one node computes, the others skip). Returns whether it computed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean refreshIfDue(Instant now) {
        @SuppressWarnings("unchecked")
        List<Object> claimed = em.createNativeQuery(
                "select computed_at from insight_rising_run where id = 1 for update skip locked").getResultList();
        if (claimed.isEmpty()) {
            return false;
        }
        Object last = claimed.get(0);
        if (last != null) {
            Instant at = app.fanloop.web.SiteClock.instant(last);
            // Fresh only if computed within the period (a clock set back, as tests do, makes it stale).
            if (!at.isAfter(now) && at.isAfter(now.minus(every))) {
                return false;
            }
        }
        refresh(now);
        return true;
    }

    /** Computes the list as of {@code now}, replacing the last one. */
    @Transactional(Transactional.TxType.MANDATORY)
    void refresh(Instant now) {
        em.createNativeQuery("delete from insight_rising").executeUpdate();
        em.createNativeQuery(COMPUTE)
                .setParameter("start", Timestamp.from(now.minus(Duration.ofDays(14))))
                .setParameter("mid", Timestamp.from(now.minus(Duration.ofDays(7))))
                .setParameter("now", Timestamp.from(now)).executeUpdate();
        em.createNativeQuery("update insight_rising_run set computed_at = :now where id = 1")
                .setParameter("now", Timestamp.from(now)).executeUpdate();
    }

    /** The list of a board (null: all boards) as last computed, posts not public any more left out. */
    List<Rising> top(Long boardId) {
        List<Rising> rising = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select s.id, s.title, r.recent, r.before, s.vote_count
                from insight_rising r join suggestion s on s.id = r.suggestion_id
                where r.board_id = :board and %s and s.status <> 'MERGED'
                order by r.rank limit %d""".formatted(Visibility.sqlPublic("s"), SHOWN))
                .setParameter("board", boardId == null ? 0L : boardId).getResultList();
        for (Object[] row : rows) {
            rising.add(new Rising(((Number) row[0]).longValue(), (String) row[1], ((Number) row[2]).longValue(),
                    ((Number) row[3]).longValue(), ((Number) row[4]).longValue()));
        }
        return rising;
    }
}
