package app.fanloop.insight;

import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;

import app.fanloop.member.Visibility;
import app.fanloop.web.SiteConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Owns the SQL of the daily roll-ups ({@code insight_day}): one row per site-zone day, board and kind over the
 * posts public to everyone ({@link Visibility#sqlPublic}), rebuilt whole for a day from the suggestions posted
 * that day. Rebuilding rather than adding keeps hides, restores, merges, reopened statuses and moves exact: a
 * day is rebuilt whenever one of its posts changes (the trigger of V76 marks its hour in the change's own
 * transaction; {@link InsightJobs} claims the marks once per cluster) or when the backfill reaches it.
 */
@ApplicationScoped
public class InsightDays {

    /** What a day's posts are counted as: the funnel counts where each post stands now. */
    static final String ROLL_UP = """
            insert into insight_day (day, board_id, kind, posted, reviewed, planned, shipped, declined, merged, answered,
                                     answer_minutes, ship_minutes)
            select cast(:day as date), s.board_id, s.kind, count(*),
                   count(*) filter (where s.status <> 'OPEN'),
                   count(*) filter (where s.status in ('PLANNED', 'IN_PROGRESS', 'SHIPPED')),
                   count(*) filter (where s.status = 'SHIPPED'),
                   count(*) filter (where s.status = 'DECLINED'),
                   count(*) filter (where s.status = 'MERGED'),
                   count(s.first_response_at),
                   coalesce(array_agg(greatest(0, ceil(extract(epoch from s.first_response_at - s.created_at) / 60))::int)
                            filter (where s.first_response_at is not null), '{}'),
                   coalesce(array_agg(greatest(0, ceil(extract(epoch from s.status_changed_at - s.created_at) / 60))::int)
                            filter (where s.status = 'SHIPPED' and s.status_changed_at is not null), '{}')
            from suggestion s
            where s.created_at >= :from and s.created_at < :to and %s
            group by s.board_id, s.kind""".formatted(Visibility.sqlPublic("s"));

    private final EntityManager em;
    private final ZoneId zone;

    InsightDays(EntityManager em, SiteConfig site) {
        this.em = em;
        this.zone = site.zone();
    }

    /** A date column as Hibernate returns it (LocalDate, or java.sql.Date from some drivers). */
    static LocalDate date(Object column) {
        return column instanceof java.sql.Date d ? d.toLocalDate() : (LocalDate) column;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Rebuilds the rows of one site-zone day. */
    @Transactional
    public void rebuild(LocalDate day) {
        em.createNativeQuery("delete from insight_day where day = :day").setParameter("day", day).executeUpdate();
        em.createNativeQuery(ROLL_UP).setParameter("day", day)
                .setParameter("from", Timestamp.from(day.atStartOfDay(zone).toInstant()))
                .setParameter("to", Timestamp.from(day.plusDays(1).atStartOfDay(zone).toInstant()))
                .executeUpdate();
    }

    /**
     * Claims up to {@code limit} marked hours ({@code for update skip locked}: another node takes others), clears
     * them and rebuilds the days they touch, all in the caller's transaction. Returns how many hours it claimed.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    int rebuildMarked(int limit) {
        @SuppressWarnings("unchecked")
        List<Object> hours = em.createNativeQuery("""
                delete from insight_dirty where hour in (
                    select hour from insight_dirty order by hour limit :n for update skip locked)
                returning hour""").setParameter("n", limit).getResultList();
        SortedSet<LocalDate> days = new TreeSet<>();
        for (Object hour : hours) {
            java.time.Instant start = app.fanloop.web.SiteClock.instant(hour);
            // An hour in UTC may straddle two site days where the zone's offset is not whole hours.
            days.add(start.atZone(zone).toLocalDate());
            days.add(start.plusSeconds(3599).atZone(zone).toLocalDate());
        }
        days.forEach(this::rebuild);
        return hours.size();
    }
}
