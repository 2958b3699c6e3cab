package app.fanloop.limit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Sliding-window rate limits kept in PostgreSQL, so every app node sees the same counts. A check
 * runs in the action's own transaction: the hit is recorded only if the action commits, and a
 * refused request is never counted. An advisory lock per key makes concurrent requests of one
 * member queue up instead of slipping past the limit together.
 */
@ApplicationScoped
public class RateLimiter {

    public static final String POST = "post";
    public static final String COMMENT = "comment";
    public static final String VOTE = "vote";
    public static final String REPORT = "report";
    public static final String LOGIN = "login";

    private final EntityManager em;
    private final RateLimitConfig config;
    private final SiteClock clock;
    private final Viewer viewer;

    RateLimiter(EntityManager em, RateLimitConfig config, SiteClock clock, Viewer viewer) {
        this.em = em;
        this.config = config;
        this.clock = clock;
        this.viewer = viewer;
    }

    /** Counts one {@code action} by the member, or throws RateLimited. Staff are exempt. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hit(String action, Member member) {
        if (viewer.isStaff()) {
            return;
        }
        RateLimitConfig.Limit limit = config.actions().get(action);
        if (limit == null) {
            return;
        }
        Instant now = clock.now();
        boolean isNew = member.createdAt != null && member.createdAt.isAfter(now.minus(config.newMemberAge()));
        int allowed = isNew ? limit.newMemberCount().orElse(limit.count()) : limit.count();
        hit(action, "m" + member.id, allowed, limit.window(), now);
    }

    private void hit(String bucket, String subject, int allowed, Duration window, Instant now) {
        em.createNativeQuery("select pg_advisory_xact_lock(hashtext(:k))")
                .setParameter("k", bucket + ":" + subject).getSingleResult();
        Instant since = now.minus(window);
        em.createNativeQuery("delete from rate_hit where bucket = :b and subject = :s and at <= :since")
                .setParameter("b", bucket).setParameter("s", subject).setParameter("since", since).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Instant> hits = em.createNativeQuery(
                "select at from rate_hit where bucket = :b and subject = :s order by at", Instant.class)
                .setParameter("b", bucket).setParameter("s", subject).getResultList();
        if (hits.size() >= allowed) {
            // Free again when enough of the oldest hits leave the window.
            Instant freeAt = hits.get(hits.size() - allowed).plus(window);
            throw new RateLimited(Duration.between(now, freeAt).toSeconds() + 1);
        }
        em.createNativeQuery("insert into rate_hit (bucket, subject, at) values (:b, :s, :at)")
                .setParameter("b", bucket).setParameter("s", subject).setParameter("at", now).executeUpdate();
    }
}
