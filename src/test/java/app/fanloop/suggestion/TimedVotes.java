package app.fanloop.suggestion;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import app.fanloop.member.Member;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Casts and withdraws votes at chosen times through Votes itself (its one-statement cast and withdrawal),
 * so the trending arithmetic can be checked against exact values.
 */
@ApplicationScoped
class TimedVotes {

    private final EntityManager em;
    private final Trending trending;
    private final Votes votes;

    TimedVotes(EntityManager em, Trending trending, Votes votes) {
        this.em = em;
        this.trending = trending;
        this.votes = votes;
    }

    @Transactional
    void cast(long suggestionId, Member member, Instant at) {
        votes.cast(suggestionId, member.id, at.truncatedTo(ChronoUnit.MILLIS));
    }

    @Transactional
    void withdraw(long suggestionId, Member member) {
        votes.withdraw(suggestionId, member.id);
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
