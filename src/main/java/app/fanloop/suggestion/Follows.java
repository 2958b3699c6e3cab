package app.fanloop.suggestion;

import app.fanloop.web.PersonalFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The suggestion_follow table's SQL: following and unfollowing with the follower counter kept in the
 * same transaction, and the follows a merge lends the surviving suggestion (marked with the merge).
 */
@ApplicationScoped
public class Follows implements PersonalFacts {

    private final EntityManager em;

    Follows(EntityManager em) {
        this.em = em;
    }

    /** {@code {#personal following=…}}: the member follows the suggestion. */
    @Override
    public String kind() {
        return "following";
    }

    @Override
    public String sql() {
        return "select suggestion_id from suggestion_follow where member_id = :member and suggestion_id = any(:ids)";
    }

    /** The member follows the suggestion (again: nothing happens). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void add(long suggestionId, long memberId) {
        int added = em.createNativeQuery("""
                insert into suggestion_follow (suggestion_id, member_id) values (:s, :m)
                on conflict do nothing""")
                .setParameter("s", suggestionId).setParameter("m", memberId).executeUpdate();
        if (added == 1) {
            em.createNativeQuery("update suggestion set follower_count = follower_count + 1 where id = :id")
                    .setParameter("id", suggestionId).executeUpdate();
        }
    }

    /**
     * The same follow as {@link #add}, as two pieces of a statement that writes the suggestion row only once
     * (PostgreSQL keeps only one change when one statement updates a row twice), for the vote that brings a
     * follow: the body of a CTE that follows for each {@code (suggestion_id, member_id)} row of
     * {@code source}, and the follower counter after it, where {@code cte} names that CTE.
     */
    static String addFrom(String source) {
        return "insert into suggestion_follow (suggestion_id, member_id) select suggestion_id, member_id from " + source
                + " on conflict do nothing returning suggestion_id";
    }

    /** See {@link #addFrom}. */
    static String countAfter(String cte) {
        return "follower_count + (select count(*) from " + cte + ")";
    }

    /** The member stops following the suggestion. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void remove(long suggestionId, long memberId) {
        int removed = em.createNativeQuery("delete from suggestion_follow where suggestion_id = :s and member_id = :m")
                .setParameter("s", suggestionId).setParameter("m", memberId).executeUpdate();
        if (removed == 1) {
            em.createNativeQuery("update suggestion set follower_count = follower_count - 1 where id = :id")
                    .setParameter("id", suggestionId).executeUpdate();
        }
    }

    public boolean isFollowing(long suggestionId, Long memberId) {
        return memberId != null && !em.createNativeQuery(
                "select 1 from suggestion_follow where suggestion_id = :s and member_id = :m")
                .setParameter("s", suggestionId).setParameter("m", memberId).getResultList().isEmpty();
    }

    /** The suggestion's follower counter. */
    public int count(long suggestionId) {
        return ((Number) em.createNativeQuery("select follower_count from suggestion where id = :id")
                .setParameter("id", suggestionId).getSingleResult()).intValue();
    }

    /** A merge: the duplicate's followers follow the target through rows marked with the merge. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void lendForMerge(long duplicateId, long targetId) {
        em.createNativeQuery("""
                insert into suggestion_follow (suggestion_id, member_id, via_merge_of)
                select :t, member_id, :d from suggestion_follow where suggestion_id = :d
                on conflict do nothing""")
                .setParameter("t", targetId).setParameter("d", duplicateId).executeUpdate();
    }

    /** An unmerge: exactly the follows that merge lent are removed. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void returnForUnmerge(long duplicateId, long targetId) {
        em.createNativeQuery("delete from suggestion_follow where suggestion_id = :t and via_merge_of = :d")
                .setParameter("t", targetId).setParameter("d", duplicateId).executeUpdate();
    }
}
