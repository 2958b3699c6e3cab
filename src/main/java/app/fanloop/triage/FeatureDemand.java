package app.fanloop.triage;

import java.sql.Date;
import java.time.ZoneId;

import app.fanloop.suggestion.SuggestionEvent;
import app.fanloop.web.SiteClock;
import app.fanloop.web.SiteConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * A feature item's demand, written once: the distinct members who voted for any of its suggestions; and its growth
 * per site-zone day ({@code feature_demand_day}: members who became voters of the item, members who stopped being
 * one), kept in the same transaction, so demand over time needs no scan of the votes.
 */
@ApplicationScoped
public class FeatureDemand {

    /** Each current voter of the item counted on the day of their first vote on any of its suggestions. */
    private static final String DAYS_FROM_VOTES = """
            insert into feature_demand_day (feature_item_id, day, gained)
            select f, d, count(*) from (
                select x.feature_item_id f, cast(min(v.created_at) at time zone :zone as date) d
                from vote v join suggestion x on x.id = v.suggestion_id
                where x.feature_item_id %s
                group by x.feature_item_id, v.member_id) firsts
            group by f, d""";

    private final EntityManager em;
    private final SiteClock clock;
    private final ZoneId zone;

    FeatureDemand(EntityManager em, SiteClock clock, SiteConfig site) {
        this.em = em;
        this.clock = clock;
        this.zone = site.zone();
    }

    /** SQL for the demand of the feature item whose id is the SQL expression {@code itemId}. */
    public static String of(String itemId) {
        return "(select count(distinct v.member_id) from vote v join suggestion x on x.id = v.suggestion_id"
                + " where x.feature_item_id = " + itemId + ")";
    }

    /**
     * Demand from the tables, for one item, and its days rebuilt from its current votes (a link, unlink, merge or
     * purge changes whose votes count: each voter then counts from their first vote; withdrawals before are not
     * kept by the votes table, so the item's days lose them).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recompute(long itemId) {
        em.flush();
        em.createNativeQuery("update feature_item set demand = " + of(":f") + " where id = :f")
                .setParameter("f", itemId).executeUpdate();
        rebuildDays(itemId);
    }

    /** Demand from the tables, for every item (bulk loads), and every item's days. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recomputeAll() {
        em.createNativeQuery("update feature_item f set demand = " + of("f.id")).executeUpdate();
        em.createNativeQuery("delete from feature_demand_day").executeUpdate();
        em.createNativeQuery(DAYS_FROM_VOTES.formatted("is not null")).setParameter("zone", zone.getId()).executeUpdate();
    }

    /**
     * One item's days from its current votes, replacing what they held; the item row is locked first, as a vote
     * does ({@link #voteChanged}), so a vote in between cannot be counted twice or lost (the insights backfill).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void rebuildDays(long itemId) {
        em.createNativeQuery("select id from feature_item where id = :f for no key update")
                .setParameter("f", itemId).getResultList();
        em.createNativeQuery("delete from feature_demand_day where feature_item_id = :f").setParameter("f", itemId)
                .executeUpdate();
        em.createNativeQuery(DAYS_FROM_VOTES.formatted("= :f")).setParameter("f", itemId)
                .setParameter("zone", zone.getId()).executeUpdate();
    }

    /** A vote on one of the item's suggestions, in the vote's transaction (suggestion's VotingService fires it). */
    void on(@Observes SuggestionEvent.FeatureVoteChanged e) {
        voteChanged(e.featureItemId(), e.memberId(), e.added());
    }

    /**
     * The same count kept by one vote: a vote adds one only if it is the member's first on the item, a
     * withdrawal removes one only if it was the last. The item row is locked first so concurrent votes
     * of one member cannot both count. The same statement adds the change to today's row of the item's days.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void voteChanged(long itemId, long memberId, boolean added) {
        em.createNativeQuery("select id from feature_item where id = :f for no key update")
                .setParameter("f", itemId).getResultList();
        String votesOnItem = "(select count(*) from vote v join suggestion x on x.id = v.suggestion_id"
                + " where v.member_id = :m and x.feature_item_id = :f)";
        em.createNativeQuery("""
                with changed as (
                    update feature_item set demand = demand %s where id = :f and %s %s returning id
                )
                insert into feature_demand_day (feature_item_id, day, gained, lost)
                select id, :day, %s from changed
                on conflict (feature_item_id, day) do update
                set gained = feature_demand_day.gained + excluded.gained, lost = feature_demand_day.lost + excluded.lost"""
                .formatted(added ? "+ 1" : "- 1", votesOnItem, added ? "= 1" : "= 0", added ? "1, 0" : "0, 1"))
                .setParameter("f", itemId).setParameter("m", memberId)
                .setParameter("day", Date.valueOf(clock.now().atZone(zone).toLocalDate())).executeUpdate();
    }
}
