package app.fanloop.suggestion;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.fanloop.web.SiteClock;
import app.fanloop.web.SiteConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Votes per day, for the sparklines on the suggestion page and the triage console. */
@ApplicationScoped
public class VoteHistory {

    public static final int DAYS = 30;

    private final EntityManager em;
    private final SiteConfig site;
    private final SiteClock clock;

    VoteHistory(EntityManager em, SiteConfig site, SiteClock clock) {
        this.em = em;
        this.site = site;
        this.clock = clock;
    }

    /** Votes per day over the last DAYS days for each suggestion, in one statement. */
    public Map<Long, Sparkline> sparklines(List<Long> ids) {
        Map<Long, int[]> days = new HashMap<>();
        ids.forEach(id -> days.put(id, new int[DAYS]));
        if (!ids.isEmpty()) {
            // Days are counted in the community's own time zone.
            ZoneId zone = site.zone();
            LocalDate first = LocalDate.ofInstant(clock.now(), zone).minusDays(DAYS - 1);
            @SuppressWarnings("unchecked")
            List<Object[]> counts = em.createNativeQuery("""
                    select suggestion_id, cast((created_at at time zone :zone) as date) as day, count(*)
                    from vote where suggestion_id in (:ids) and created_at >= :from
                    group by 1, 2""")
                    .setParameter("zone", zone.getId())
                    .setParameter("ids", ids)
                    .setParameter("from", first.atStartOfDay(zone).toInstant())
                    .getResultList();
            for (Object[] c : counts) {
                LocalDate day = c[1] instanceof java.sql.Date d ? d.toLocalDate()
                        : c[1] instanceof LocalDate l ? l : LocalDate.parse(c[1].toString());
                int index = (int) (day.toEpochDay() - first.toEpochDay());
                if (index >= 0 && index < DAYS) {
                    days.get(((Number) c[0]).longValue())[index] = ((Number) c[2]).intValue();
                }
            }
        }
        Map<Long, Sparkline> result = new HashMap<>();
        days.forEach((id, perDay) -> result.put(id, Sparkline.of(perDay)));
        return result;
    }
}
