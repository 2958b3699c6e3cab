package app.fanloop.triage;

import app.fanloop.suggestion.SuggestionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** A feature item's demand, written once: the distinct members who voted for any of its suggestions. */
@ApplicationScoped
public class FeatureDemand {

    private final EntityManager em;

    FeatureDemand(EntityManager em) {
        this.em = em;
    }

    /** SQL for the demand of the feature item whose id is the SQL expression {@code itemId}. */
    public static String of(String itemId) {
        return "(select count(distinct v.member_id) from vote v join suggestion x on x.id = v.suggestion_id"
                + " where x.feature_item_id = " + itemId + ")";
    }

    /** Demand from the tables, for one item. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recompute(long itemId) {
        em.flush();
        em.createNativeQuery("update feature_item set demand = " + of(":f") + " where id = :f")
                .setParameter("f", itemId).executeUpdate();
    }

    /** Demand from the tables, for every item (bulk loads). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recomputeAll() {
        em.createNativeQuery("update feature_item f set demand = " + of("f.id")).executeUpdate();
    }

    /** A vote on one of the item's suggestions, in the vote's transaction (suggestion's VotingService fires it). */
    void on(@Observes SuggestionEvent.FeatureVoteChanged e) {
        voteChanged(e.featureItemId(), e.memberId(), e.added());
    }

    /**
     * The same count kept by one vote: a vote adds one only if it is the member's first on the item, a
     * withdrawal removes one only if it was the last. The item row is locked first so concurrent votes
     * of one member cannot both count.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void voteChanged(long itemId, long memberId, boolean added) {
        em.createNativeQuery("select id from feature_item where id = :f for no key update")
                .setParameter("f", itemId).getResultList();
        String votesOnItem = "(select count(*) from vote v join suggestion x on x.id = v.suggestion_id"
                + " where v.member_id = :m and x.feature_item_id = :f)";
        em.createNativeQuery("update feature_item set demand = demand " + (added ? "+ 1" : "- 1")
                + " where id = :f and " + votesOnItem + (added ? " = 1" : " = 0"))
                .setParameter("f", itemId).setParameter("m", memberId).executeUpdate();
    }
}
