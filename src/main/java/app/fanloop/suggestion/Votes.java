package app.fanloop.suggestion;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

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

    /** Which of these suggestions the member has voted on: one statement (the personal fact's own). */
    public java.util.Set<Long> votedAmong(Long memberId, List<Long> suggestionIds) {
        if (memberId == null || suggestionIds.isEmpty()) {
            return java.util.Set.of();
        }
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery(sql()).setParameter("member", memberId)
                .setParameter("ids", suggestionIds.toArray(Long[]::new)).getResultList();
        return rows.stream().map(Number::longValue).collect(java.util.stream.Collectors.toSet());
    }

    /**
     * What a vote needs to know before it writes, read in one statement: the suggestion's facts for the
     * visibility and open-for-votes rules, its feature item, its count and whether the member has voted.
     */
    public record Ballot(long suggestionId, long authorId, boolean hidden, Long programId, boolean open,
            Long featureItemId, boolean voted, int votes) {
    }

    /** The votes one statement cast or withdrew (none when there was nothing to do), and the count after it. */
    public record Tally(List<Long> voteIds, int votes) {
    }

    /**
     * The ballot for the member's vote on the suggestion; empty if there is no such suggestion. It locks the
     * suggestion row, which the vote writes anyway, first, as a merge does: the vote's write then starts
     * after any vote before it committed and sees its rows (a withdrawal that recomputes trending exactly
     * must not count a vote another withdrawal has just taken out). The lock is {@code for no key update}, the
     * strength of the vote's own update: it never waits for, nor holds up, the key-share lock a comment's or
     * vote's foreign-key check takes on the row (with {@code for update} the two could deadlock).
     */
    public java.util.Optional<Ballot> ballot(long suggestionId, long memberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select s.author_id, s.hidden, s.locked, s.status, b.archived, s.feature_item_id, s.vote_count,
                       exists (select 1 from vote v where v.suggestion_id = s.id and v.member_id = :m), s.program_id
                from suggestion s join board b on b.id = s.board_id where s.id = :s
                for no key update of s""")
                .setParameter("s", suggestionId).setParameter("m", memberId).getResultList();
        return rows.stream().findFirst().map(r -> new Ballot(suggestionId, ((Number) r[0]).longValue(), (Boolean) r[1],
                r[8] == null ? null : ((Number) r[8]).longValue(),
                Suggestion.openForVotes((Boolean) r[2], SuggestionStatus.valueOf((String) r[3]), (Boolean) r[4]),
                r[5] == null ? null : ((Number) r[5]).longValue(), (Boolean) r[7], ((Number) r[6]).intValue()));
    }

    /**
     * Casts the member's vote on the suggestion in one statement: the vote row, the follow it brings
     * ({@link Follows#addFrom}), and the counters and trending on the suggestion row, written once.
     * Nothing is cast if the member has a vote on it already (also one a merge brought: a member counts
     * once); a second cast racing this one meets the unique key and does nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Tally cast(long suggestionId, long memberId, Instant now) {
        // The row keeps the instant the weight is computed from, so a withdrawal (which weighs the row's
        // created_at in SQL) takes out exactly the weight added here.
        Instant at = now.truncatedTo(ChronoUnit.MILLIS);
        Object[] row = (Object[]) em.createNativeQuery("""
                with cast_vote as (
                    insert into vote (suggestion_id, cast_on_id, member_id, created_at)
                    select :s, :s, :m, :now
                    where not exists (select 1 from vote where suggestion_id = :s and member_id = :m)
                    on conflict (cast_on_id, member_id) do nothing
                    returning id, suggestion_id, member_id
                ), follow as (
                    %s
                ), counted as (
                    update suggestion set vote_count = vote_count + 1, trending = %s, follower_count = %s
                    where id = :s and exists (select 1 from cast_vote) returning vote_count
                )
                select (select id from cast_vote),
                       coalesce((select vote_count from counted), (select vote_count from suggestion where id = :s))"""
                .formatted(Follows.addFrom("cast_vote"), Trending.ADD, Follows.countAfter("follow")))
                .setParameter("s", suggestionId).setParameter("m", memberId).setParameter("now", at)
                .setParameter("x", trending.exponent(at))
                .getSingleResult();
        List<Long> cast = row[0] == null ? List.of() : List.of(((Number) row[0]).longValue());
        return new Tally(cast, ((Number) row[1]).intValue());
    }

    /**
     * Withdraws the member's votes on the suggestion in one statement (two after a merge, which count
     * once): the rows, the count, and their trending weights taken out together.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Tally withdraw(long suggestionId, long memberId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                with withdrawn as (
                    delete from vote where suggestion_id = :s and member_id = :m returning id, created_at
                ), counted as (
                    update suggestion set vote_count = vote_count - 1, trending = %s
                    where id = :s and exists (select 1 from withdrawn) returning vote_count
                )
                select coalesce((select vote_count from counted), (select vote_count from suggestion where id = :s)), w.id
                from (select 1) one left join withdrawn w on true"""
                .formatted(Trending.remove(Trending.sumOf("withdrawn"), "v.id not in (select id from withdrawn)")))
                .setParameter("s", suggestionId).setParameter("m", memberId)
                .setParameter("epoch", trending.epochSeconds())
                .setParameter("halfLife", trending.halfLifeSeconds())
                .getResultList();
        List<Long> removed = rows.stream().filter(r -> r[1] != null).map(r -> ((Number) r[1]).longValue()).toList();
        return new Tally(removed, ((Number) rows.get(0)[0]).intValue());
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
}
