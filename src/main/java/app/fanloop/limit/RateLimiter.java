package app.fanloop.limit;

import java.sql.SQLException;
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
 * Sliding-window rate limits kept in PostgreSQL, so every app node sees the same counts. Posts, comments
 * and reports (a few per hour) are counted exactly with {@link #hit}; votes, a hundred times as frequent,
 * with {@link #hitBatched}. A {@link #hit} check
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
    private final RequestLimit counter;
    private final RateLimitConfig config;
    private final SiteClock clock;
    private final Viewer viewer;

    RateLimiter(EntityManager em, RequestLimit counter, RateLimitConfig config, SiteClock clock, Viewer viewer) {
        this.em = em;
        this.counter = counter;
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
        hit(action, "m" + member.id, allowed(limit, member, now), limit.window(), now);
    }

    /**
     * Throws RateLimited when the member's next {@code action} would be refused now, counting nothing: for work that
     * comes before the action and would be wasted by its refusal (the files of a post are stored before the post is
     * written). The action still calls {@link #hit}. Staff are exempt.
     */
    @Transactional
    public void check(String action, Member member) {
        if (viewer.isStaff()) {
            return;
        }
        RateLimitConfig.Limit limit = config.actions().get(action);
        if (limit == null) {
            return;
        }
        Instant now = clock.now();
        @SuppressWarnings("unchecked")
        List<Instant> hits = em.createNativeQuery(
                "select at from rate_hit where bucket = :b and subject = :s and at > :since order by at", Instant.class)
                .setParameter("b", action).setParameter("s", "m" + member.id)
                .setParameter("since", now.minus(limit.window())).getResultList();
        refuseWhenFull(hits, allowed(limit, member, now), limit.window(), now);
    }

    /**
     * Counts one {@code action} by the member like {@link #hit}, but in {@link RequestLimit}'s shared
     * window counters, outside the action's transaction: for frequent actions (votes) a node reserves a
     * small batch of hits with one write and hands them out from memory, so most actions write nothing
     * here. Call it before the action's first statement; the action's own refusals (404, 409) stay
     * counted, a refusal by the limit is not. Staff are exempt.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void hitBatched(String action, Member member) {
        if (viewer.isStaff()) {
            return;
        }
        RateLimitConfig.Limit limit = config.actions().get(action);
        if (limit == null) {
            return;
        }
        long retryAfter;
        try {
            retryAfter = counter.hit(action, "m" + member.id, allowed(limit, member, clock.now()), limit.window());
        } catch (SQLException e) {
            throw new IllegalStateException("rate limit: " + action, e);
        }
        if (retryAfter > 0) {
            throw new RateLimited(retryAfter);
        }
    }

    private int allowed(RateLimitConfig.Limit limit, Member member, Instant now) {
        return isNew(member, now) ? limit.newMemberCount().orElse(limit.count()) : limit.count();
    }

    /** A new member (younger than fanloop.rate-limit.new-member-age) gets the stricter limits, here and on uploads. */
    public boolean isNew(Member member, Instant now) {
        return member.createdAt != null && member.createdAt.isAfter(now.minus(config.newMemberAge()));
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
        refuseWhenFull(hits, allowed, window, now);
        em.createNativeQuery("insert into rate_hit (bucket, subject, at) values (:b, :s, :at)")
                .setParameter("b", bucket).setParameter("s", subject).setParameter("at", now).executeUpdate();
    }

    /** The window already holds {@code allowed} hits (oldest first): refused until enough of the oldest leave it. */
    private static void refuseWhenFull(List<Instant> hits, int allowed, Duration window, Instant now) {
        if (hits.size() >= allowed) {
            Instant freeAt = hits.get(hits.size() - allowed).plus(window);
            throw new RateLimited(Duration.between(now, freeAt).toSeconds() + 1);
        }
    }
}
