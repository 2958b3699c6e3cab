package app.fanloop.suggestion;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import app.fanloop.web.PersonalFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The vote table's SQL: casting and withdrawing with the counter and trending kept in the same
 * transaction, who voted, and moving votes with a merge and back. A member counts once per
 * suggestion, also when a merge brought them a second vote.
 */
@ApplicationScoped
public class Votes implements PersonalFacts {

    private final EntityManager em;
    private final Trending trending;

    Votes(EntityManager em, Trending trending) {
        this.em = em;
        this.trending = trending;
    }

    /** {@code {#personal voted=s.id}}: the member voted for the suggestion. */
    @Override
    public String kind() {
        return "voted";
    }

    @Override
    public String sql() {
        return "select suggestion_id from vote where member_id = :member and suggestion_id = any(:ids)";
    }

    /** A vote that was cast, and the suggestion's count after it. */
    public record Cast(long voteId, int votes) {
    }

    /** Whether a member voted for and follows a suggestion. */
    public record Standing(boolean voted, boolean following) {
        static final Standing NONE = new Standing(false, false);
    }

    /**
     * Casts the member's vote on the suggestion (whose row the caller has not locked: the insert's
     * conflict check makes a second vote do nothing); empty if the member had voted already.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public java.util.Optional<Cast> cast(long suggestionId, long memberId, Instant now) {
        @SuppressWarnings("unchecked")
        List<Number> inserted = em.createNativeQuery("""
                insert into vote (suggestion_id, cast_on_id, member_id, created_at)
                values (:s, :s, :m, :now) on conflict (cast_on_id, member_id) do nothing returning id""")
                .setParameter("s", suggestionId).setParameter("m", memberId).setParameter("now", now)
                .getResultList();
        if (inserted.isEmpty()) {
            return java.util.Optional.empty();
        }
        Number count = (Number) em.createNativeQuery("update suggestion set vote_count = vote_count + 1, trending = "
                + Trending.ADD + " where id = :id returning vote_count")
                .setParameter("x", trending.exponent(now)).setParameter("id", suggestionId)
                .getSingleResult();
        return java.util.Optional.of(new Cast(inserted.get(0).longValue(), count.intValue()));
    }

    /**
     * Withdraws the member's votes on the suggestion (two after a merge, which count once) with their
     * trending weights; returns the ids of the removed votes.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> withdraw(long suggestionId, long memberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> removedRows = em.createNativeQuery(
                "delete from vote where suggestion_id = :s and member_id = :m returning id, created_at")
                .setParameter("s", suggestionId).setParameter("m", memberId).getResultList();
        List<Instant> removed = removedRows.stream().map(r -> toInstant(r[1])).toList();
        for (int i = 0; i < removed.size(); i++) {
            em.createNativeQuery("update suggestion set vote_count = vote_count - " + (i == 0 ? 1 : 0)
                    + ", trending = " + Trending.REMOVE + " where id = :id")
                    .setParameter("x", trending.exponent(removed.get(i)))
                    .setParameter("epoch", trending.epochSeconds())
                    .setParameter("halfLife", trending.halfLifeSeconds())
                    .setParameter("id", suggestionId)
                    .executeUpdate();
        }
        return removedRows.stream().map(r -> ((Number) r[0]).longValue()).toList();
    }

    public boolean hasVoted(long suggestionId, Long memberId) {
        return memberId != null && !em.createNativeQuery("select 1 from vote where suggestion_id = :s and member_id = :m")
                .setParameter("s", suggestionId).setParameter("m", memberId).setMaxResults(1).getResultList().isEmpty();
    }

    /** The suggestion's vote counter. */
    public int count(long suggestionId) {
        return ((Number) em.createNativeQuery("select vote_count from suggestion where id = :id")
                .setParameter("id", suggestionId).getSingleResult()).intValue();
    }

    /** Whether the member voted for and follows the suggestion, in one statement (the page's buttons). */
    public Standing standing(long suggestionId, Long memberId) {
        if (memberId == null) {
            return Standing.NONE;
        }
        Object[] row = (Object[]) em.createNativeQuery("""
                select exists (select 1 from vote where suggestion_id = :s and member_id = :m),
                       exists (select 1 from suggestion_follow where suggestion_id = :s and member_id = :m)""")
                .setParameter("s", suggestionId).setParameter("m", memberId).getSingleResult();
        return new Standing((Boolean) row[0], (Boolean) row[1]);
    }

    /** Which of these suggestions the member has voted for, in one statement. */
    @SuppressWarnings("unchecked")
    public Set<Long> votedAmong(List<Long> suggestionIds, Long memberId) {
        if (memberId == null || suggestionIds.isEmpty()) {
            return Set.of();
        }
        List<Number> ids = em.createNativeQuery(
                "select distinct suggestion_id from vote where member_id = :m and suggestion_id in (:ids)")
                .setParameter("m", memberId).setParameter("ids", suggestionIds).getResultList();
        Set<Long> voted = new HashSet<>();
        ids.forEach(n -> voted.add(n.longValue()));
        return voted;
    }

    /** A merge: the duplicate's votes count for the target; each remembers where it was cast. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void moveForMerge(long duplicateId, long targetId) {
        em.createNativeQuery("update vote set suggestion_id = :t where suggestion_id = :d")
                .setParameter("t", targetId).setParameter("d", duplicateId).executeUpdate();
    }

    /** An unmerge: votes cast on the duplicate, or on anything merged into it before, go back to it. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void restoreForUnmerge(long duplicateId, long targetId) {
        em.createNativeQuery("""
                with recursive tree as (
                    select id from suggestion where id = :d
                    union all
                    select s.id from suggestion s join tree on s.merged_into_id = tree.id where s.id <> :d
                )
                update vote set suggestion_id = :d where suggestion_id = :t and cast_on_id in (select id from tree)""")
                .setParameter("d", duplicateId).setParameter("t", targetId).executeUpdate();
    }

    /** Counters and trending of these suggestions from the tables ({@link Trending#RECOMPUTE_ALL}). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recount(List<Long> suggestionIds) {
        em.flush();
        em.createNativeQuery(Trending.RECOMPUTE_ALL + " and s.id in (:ids)")
                .setParameter("epoch", trending.epochSeconds())
                .setParameter("halfLife", trending.halfLifeSeconds())
                .setParameter("ids", suggestionIds)
                .executeUpdate();
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }
}
