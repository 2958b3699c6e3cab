package app.fanloop.poll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The ballot tables' SQL: a member's ballot cast, changed or withdrawn with the poll's and the options' counters
 * written in the same transaction. Every ballot on a poll first locks the poll's row ({@code for no key update}: it
 * does not wait for the key-share locks the choices' foreign keys take), so ballots on one poll follow each other
 * and the counters always equal the rows.
 */
@ApplicationScoped
public class Polls {

    private final EntityManager em;

    Polls(EntityManager em) {
        this.em = em;
    }

    /** The facts a ballot checks, read with the poll's row locked for the rest of the transaction. */
    record Locked(long id, boolean multiple, Instant closesAt, Instant closedAt, Set<Long> optionIds) {
        boolean isClosed(Instant now) {
            return closedAt != null || closesAt != null && !closesAt.isAfter(now);
        }
    }

    /** The poll on the post, locked; empty if the post has none. */
    @Transactional(Transactional.TxType.MANDATORY)
    Optional<Locked> lock(long postId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select id, multiple, closes_at, closed_at from poll where suggestion_id = :s for no key update""")
                .setParameter("s", postId).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        long id = ((Number) r[0]).longValue();
        @SuppressWarnings("unchecked")
        List<Number> options = em.createNativeQuery("select id from poll_option where poll_id = :p")
                .setParameter("p", id).getResultList();
        Set<Long> optionIds = new LinkedHashSet<>();
        options.forEach(o -> optionIds.add(o.longValue()));
        return Optional.of(new Locked(id, (Boolean) r[1], SiteClock.instant(r[2]), SiteClock.instant(r[3]), optionIds));
    }

    /** The options the member chose on the poll (empty: no ballot). */
    public Set<Long> choicesOf(long pollId, long memberId) {
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery("select option_id from poll_choice where poll_id = :p and member_id = :m")
                .setParameter("p", pollId).setParameter("m", memberId).getResultList();
        Set<Long> chosen = new LinkedHashSet<>();
        rows.forEach(r -> chosen.add(r.longValue()));
        return chosen;
    }

    /**
     * Makes the member's ballot these choices (one or more options of the poll): a first ballot adds a voter, a
     * changed one moves only the counts of the options that changed. The poll must be locked ({@link #lock}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    void cast(long pollId, long memberId, Set<Long> choices, Instant now) {
        Set<Long> before = choicesOf(pollId, memberId);
        // A ballot always holds a choice, so no choices means no ballot yet; the lock keeps that true meanwhile.
        if (before.isEmpty()) {
            em.createNativeQuery("insert into poll_ballot (poll_id, member_id, cast_at) values (:p, :m, :now)")
                    .setParameter("p", pollId).setParameter("m", memberId).setParameter("now", now).executeUpdate();
            em.createNativeQuery("update poll set voter_count = voter_count + 1 where id = :p")
                    .setParameter("p", pollId).executeUpdate();
        } else {
            em.createNativeQuery("update poll_ballot set cast_at = :now where poll_id = :p and member_id = :m")
                    .setParameter("p", pollId).setParameter("m", memberId).setParameter("now", now).executeUpdate();
        }
        List<Long> removed = new ArrayList<>(before);
        removed.removeAll(choices);
        List<Long> added = new ArrayList<>(choices);
        added.removeAll(before);
        if (!removed.isEmpty()) {
            em.createNativeQuery("delete from poll_choice where poll_id = :p and member_id = :m and option_id = any(:o)")
                    .setParameter("p", pollId).setParameter("m", memberId).setParameter("o", removed.toArray(Long[]::new))
                    .executeUpdate();
            count(removed, -1);
        }
        for (long option : added) {
            em.createNativeQuery("insert into poll_choice (poll_id, member_id, option_id) values (:p, :m, :o)")
                    .setParameter("p", pollId).setParameter("m", memberId).setParameter("o", option).executeUpdate();
        }
        if (!added.isEmpty()) {
            count(added, 1);
        }
    }

    /** Takes the member's ballot back, choices and counts with it. The poll must be locked ({@link #lock}). */
    @Transactional(Transactional.TxType.MANDATORY)
    void withdraw(long pollId, long memberId) {
        List<Long> chosen = new ArrayList<>(choicesOf(pollId, memberId));
        int ballots = em.createNativeQuery("delete from poll_ballot where poll_id = :p and member_id = :m")
                .setParameter("p", pollId).setParameter("m", memberId).executeUpdate();
        if (ballots > 0) {
            // Its choices went with it (on delete cascade).
            em.createNativeQuery("update poll set voter_count = voter_count - 1 where id = :p")
                    .setParameter("p", pollId).executeUpdate();
            if (!chosen.isEmpty()) {
                count(chosen, -1);
            }
        }
    }

    /** Closes the poll now (staff); false if it was closed already. */
    @Transactional(Transactional.TxType.MANDATORY)
    boolean close(long pollId, long staffId, Instant now) {
        return em.createNativeQuery("""
                update poll set closed_at = :now, closed_by_id = :by
                where id = :p and closed_at is null and (closes_at is null or closes_at > :now)""")
                .setParameter("p", pollId).setParameter("by", staffId).setParameter("now", now).executeUpdate() > 0;
    }

    private void count(List<Long> options, int by) {
        em.createNativeQuery("update poll_option set ballot_count = ballot_count + :by where id = any(:o)")
                .setParameter("by", by).setParameter("o", options.toArray(Long[]::new)).executeUpdate();
    }
}
