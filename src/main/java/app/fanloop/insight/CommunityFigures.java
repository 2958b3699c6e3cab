package app.fanloop.insight;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;

import app.fanloop.member.Visibility;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * "Community in numbers" for everyone (the home page): one statement over the roll-ups (public posts only) and the
 * releases of this month.
 */
@ApplicationScoped
public class CommunityFigures {

    /** How far back the median answer time looks (posts of the last 30 days). */
    static final int ANSWER_DAYS = 30;

    /**
     * Suggestions posted this week (Monday in the site's zone), suggestions adopted so far (now planned, in
     * progress or shipped), fans' suggestions shipped by releases published this month, and the median hours
     * to an official answer (null when nothing was answered).
     */
    public record Figures(long thisWeek, long adopted, long shippedThisMonth, String medianAnswerHours) {
    }

    private final EntityManager em;
    private final SiteClock clock;
    private final InsightDays days;

    CommunityFigures(EntityManager em, SiteClock clock, InsightDays days) {
        this.em = em;
        this.clock = clock;
        this.days = days;
    }

    @Transactional
    public Figures now() {
        LocalDate today = clock.now().atZone(days.zone()).toLocalDate();
        LocalDate monday = today.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        LocalDate firstOfMonth = today.withDayOfMonth(1);
        Object[] row = (Object[]) em.createNativeQuery("""
                select (select coalesce(sum(posted), 0) from insight_day where kind = 'SUGGESTION' and day >= :monday),
                       (select coalesce(sum(planned), 0) from insight_day where kind = 'SUGGESTION'),
                       (select count(*) from release r join suggestion s on s.shipped_release_id = r.id
                        where r.state = 'PUBLISHED' and r.published_at >= :month and %s and s.status = 'SHIPPED'),
                       (select percentile_cont(0.5) within group (order by m)
                        from insight_day d, unnest(d.answer_minutes) m where d.day > :answerFrom)"""
                .formatted(Visibility.sqlPublic("s")))
                .setParameter("monday", Date.valueOf(monday))
                .setParameter("month", Timestamp.from(firstOfMonth.atStartOfDay(days.zone()).toInstant()))
                .setParameter("answerFrom", Date.valueOf(today.minusDays(ANSWER_DAYS)))
                .getSingleResult();
        return new Figures(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue(),
                row[3] == null ? null : InsightPage.hours(((Number) row[3]).doubleValue() / 60));
    }
}
