package app.fanloop.suggestion;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import app.fanloop.member.Member;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Casts and withdraws votes at chosen times with the SQL Votes runs (Trending.ADD and
 * Trending.REMOVE), so the trending arithmetic can be checked against exact values.
 */
@ApplicationScoped
class TimedVotes {

    private final EntityManager em;
    private final Trending trending;

    TimedVotes(EntityManager em, Trending trending) {
        this.em = em;
        this.trending = trending;
    }

    @Transactional
    void cast(long suggestionId, Member member, Instant at) {
        Instant time = at.truncatedTo(ChronoUnit.MILLIS);
        em.createNativeQuery("""
                insert into vote (suggestion_id, cast_on_id, member_id, created_at) values (:s, :s, :m, :at)""")
                .setParameter("s", suggestionId).setParameter("m", member.id).setParameter("at", time).executeUpdate();
        em.createNativeQuery("update suggestion set vote_count = vote_count + 1, trending = " + Trending.ADD
                + " where id = :id")
                .setParameter("x", trending.exponent(time)).setParameter("id", suggestionId).executeUpdate();
    }

    @Transactional
    void withdraw(long suggestionId, Member member) {
        @SuppressWarnings("unchecked")
        List<Instant> removed = em.createNativeQuery(
                "delete from vote where cast_on_id = :s and member_id = :m returning created_at", Instant.class)
                .setParameter("s", suggestionId).setParameter("m", member.id).getResultList();
        em.createNativeQuery("update suggestion set vote_count = vote_count - 1, trending = " + Trending.REMOVE
                + " where id = :id")
                .setParameter("x", trending.exponent(removed.get(0)))
                .setParameter("epoch", trending.epochSeconds())
                .setParameter("halfLife", trending.halfLifeSeconds())
                .setParameter("id", suggestionId)
                .executeUpdate();
    }

    @Transactional
    double trendingOf(long suggestionId) {
        return ((Number) em.createNativeQuery("select trending from suggestion where id = :id")
                .setParameter("id", suggestionId).getSingleResult()).doubleValue();
    }

    /**
     * The trending value recomputed from the rows with the same formula as Trending.RECOMPUTE_ALL,
     * without writing it.
     */
    @Transactional
    double recomputed(long suggestionId) {
        return ((Number) em.createNativeQuery("""
                select max(e) + ln(sum(power(2, greatest(-1000, e - m)))) / ln(2)
                from (select e, max(e) over () as m from (
                      select (extract(epoch from s.created_at) - :epoch) / :halfLife as e from suggestion s where s.id = :id
                      union all
                      select (extract(epoch from v.created_at) - :epoch) / :halfLife from vote v where v.suggestion_id = :id
                ) terms) weighted""")
                .setParameter("epoch", trending.epochSeconds())
                .setParameter("halfLife", trending.halfLifeSeconds())
                .setParameter("id", suggestionId)
                .getSingleResult()).doubleValue();
    }
}
