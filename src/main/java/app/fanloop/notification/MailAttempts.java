package app.fanloop.notification;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import app.fanloop.audit.AuditLog;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Tuple;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/**
 * How each notification mail went, and the retry policy (the one home of mail_failure's SQL). A mail the SMTP server
 * did not take is recorded per member and kind: attempts, the server's last answer, when it is tried next (backing off
 * exponentially) and, after the last attempt the policy allows, that the job gave up — the mail then stays pending,
 * never dropped, until an admin sends it again from /admin/mail. A sent mail resolves its open failure. Both are
 * announced as {@link MailEvent}s.
 */
@ApplicationScoped
public class MailAttempts {

    /** Failures the admin page lists (open ones, and the latest resolved ones). */
    static final int SHOWN = 50;
    static final int RESOLVED_SHOWN = 10;
    /** The longest error text kept (the column's width). */
    static final int ERROR_LENGTH = 500;

    /** One mail that failed, as the admin page shows it. */
    public record Failure(long id, long memberId, String memberName, MailKind kind, int attempts, String lastError,
            Instant firstFailedAt, Instant lastAttemptAt, Instant nextAttemptAt, Instant gaveUpAt, Instant resolvedAt) {

        public boolean givenUp() {
            return gaveUpAt != null && resolvedAt == null;
        }

        public String memberPath() {
            return "/admin/members/" + memberId;
        }

        public String retryPath() {
            return "/admin/mail/" + id + "/retry";
        }
    }

    /**
     * The mail queue at a glance, for the admin page and the gauges: notifications owed an "immediately" mail, the
     * oldest of them, open failures still being retried, given-up mails, and mails that failed in the last 24 hours.
     */
    public record Queue(long pending, Instant oldestPending, long retrying, long givenUp, long failedLastDay) {
    }

    /** What /admin/mail shows. */
    public record Overview(Queue queue, Duration oldestPendingAge, List<Failure> open, List<Failure> resolved) {
    }

    private final EntityManager em;
    private final SiteClock clock;
    private final NotificationConfig config;
    private final Event<MailEvent> announce;
    private final Viewer viewer;
    private final AuditLog audit;

    MailAttempts(EntityManager em, SiteClock clock, NotificationConfig config, Event<MailEvent> announce, Viewer viewer,
            AuditLog audit) {
        this.em = em;
        this.clock = clock;
        this.config = config;
        this.announce = announce;
        this.viewer = viewer;
        this.audit = audit;
    }

    /**
     * A condition on a member id column: true while that member's mail of this kind is not to be tried now (it failed
     * and waits for its next attempt, or the job gave up on it). Binds {@code :now}.
     */
    static String waitingSql(MailKind kind, String memberColumn) {
        return """
                exists (select 1 from mail_failure f where f.member_id = %s and f.kind = '%s' and f.resolved_at is null
                        and (f.gave_up_at is not null or f.next_attempt_at > :now))""".formatted(memberColumn, kind.name());
    }

    /** The server took the member's mail: an open failure is resolved, in the caller's transaction. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void sent(long memberId, MailKind kind) {
        resolve(memberId, kind);
        announce.fire(new MailEvent.Sent(kind));
    }

    /** Nothing is owed any more (the member switched mail off): an open failure is resolved without a send. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void settled(long memberId, MailKind kind) {
        resolve(memberId, kind);
    }

    private void resolve(long memberId, MailKind kind) {
        em.createNativeQuery("""
                update mail_failure set resolved_at = :now where member_id = :m and kind = :k and resolved_at is null""")
                .setParameter("now", clock.now()).setParameter("m", memberId).setParameter("k", kind.name())
                .executeUpdate();
    }

    /**
     * The server did not take the member's mail (the send's own transaction has rolled back): records the attempt in a
     * transaction of its own and schedules the next by the retry policy.
     *
     * @return whether this was the last attempt the policy allows
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public boolean failed(long memberId, MailKind kind, Throwable cause) {
        Instant now = clock.now();
        Number attempts = (Number) em.createNativeQuery("""
                insert into mail_failure (member_id, kind, attempts, first_failed_at, last_attempt_at, next_attempt_at, last_error)
                values (:m, :k, 1, :now, :now, :now, :error)
                on conflict (member_id, kind) where resolved_at is null
                do update set attempts = mail_failure.attempts + 1, last_attempt_at = :now, last_error = :error
                returning attempts""")
                .setParameter("m", memberId).setParameter("k", kind.name()).setParameter("now", now)
                .setParameter("error", errorText(cause)).getSingleResult();
        boolean gaveUp = attempts.intValue() >= config.mailMaxAttempts();
        em.createNativeQuery("""
                update mail_failure set next_attempt_at = :next, gave_up_at = case when :gaveUp then last_attempt_at end
                where member_id = :m and kind = :k and resolved_at is null""")
                .setParameter("next", now.plus(backoff(attempts.intValue()))).setParameter("gaveUp", gaveUp)
                .setParameter("m", memberId).setParameter("k", kind.name()).executeUpdate();
        announce.fire(new MailEvent.Failed(kind, gaveUp));
        return gaveUp;
    }

    /** The wait after the n-th failure in a row: backoff × 2^(n−1), at most the longest back-off. */
    Duration backoff(int attempts) {
        Duration wait = config.mailRetryBackoff();
        for (int i = 1; i < attempts && wait.compareTo(config.mailRetryMaxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.mailRetryMaxBackoff()) > 0 ? config.mailRetryMaxBackoff() : wait;
    }

    /** What went wrong, in one line: the innermost cause that says something, trimmed to the column. */
    static String errorText(Throwable cause) {
        Throwable said = cause;
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                said = t;
            }
        }
        String text = said.getClass().getSimpleName() + (said.getMessage() == null ? "" : ": " + said.getMessage());
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > ERROR_LENGTH ? text.substring(0, ERROR_LENGTH - 1) + "…" : text;
    }

    /**
     * The queue at a glance: a few counts, each over a partial index (notification_mail_pending, mail_failure_open) or
     * the small failure table's recent rows, never a scan of all notifications.
     */
    @Transactional
    public Queue queue() {
        Instant now = clock.now();
        long pending = ((Number) em.createNativeQuery("select count(*) from notification where mail_pending")
                .getSingleResult()).longValue();
        List<?> oldest = em.createNativeQuery(
                "select created_at from notification where mail_pending order by id limit 1").getResultList();
        Tuple failures = (Tuple) em.createNativeQuery("""
                select count(*) filter (where resolved_at is null and gave_up_at is null) as retrying,
                       count(*) filter (where resolved_at is null and gave_up_at is not null) as given_up
                from mail_failure where resolved_at is null""", Tuple.class).getSingleResult();
        long lastDay = ((Number) em.createNativeQuery("select count(*) from mail_failure where last_attempt_at >= :since")
                .setParameter("since", now.minus(Duration.ofHours(24))).getSingleResult()).longValue();
        return new Queue(pending, oldest.isEmpty() ? null : SiteClock.instant(oldest.get(0)),
                ((Number) failures.get("retrying")).longValue(), ((Number) failures.get("given_up")).longValue(), lastDay);
    }

    /** For /admin/mail: the queue, the open failures (given up first, then the latest), and the latest resolved ones. */
    @Transactional
    public Overview overview() {
        viewer.requireAdmin();
        Queue queue = queue();
        Duration age = queue.oldestPending() == null ? null : Duration.between(queue.oldestPending(), clock.now());
        return new Overview(queue, age == null || age.isNegative() ? null : age,
                failures("f.resolved_at is null order by f.gave_up_at is null, f.last_attempt_at desc", SHOWN),
                failures("f.resolved_at is not null order by f.resolved_at desc", RESOLVED_SHOWN));
    }

    private List<Failure> failures(String whereAndOrder, int limit) {
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                select f.id, f.member_id, m.name, f.kind, f.attempts, f.last_error, f.first_failed_at, f.last_attempt_at,
                       f.next_attempt_at, f.gave_up_at, f.resolved_at
                from mail_failure f join member m on m.id = f.member_id
                where %s limit :n""".formatted(whereAndOrder), Tuple.class).setParameter("n", limit).getResultList();
        return rows.stream().map(t -> new Failure(((Number) t.get(0)).longValue(), ((Number) t.get(1)).longValue(),
                (String) t.get(2), MailKind.valueOf((String) t.get(3)), ((Number) t.get(4)).intValue(), (String) t.get(5),
                SiteClock.instant(t.get(6)), SiteClock.instant(t.get(7)), SiteClock.instant(t.get(8)),
                SiteClock.instant(t.get(9)), SiteClock.instant(t.get(10)))).toList();
    }

    /**
     * An admin sends a given-up (or waiting) mail again: it is due at once, and one more failure gives up again. The
     * member's notifications were pending all along, so the next mail run sends them.
     */
    @Transactional
    public void retryNow(long failureId) {
        Member admin = viewer.requireAdmin();
        int updated = em.createNativeQuery("""
                update mail_failure set next_attempt_at = :now, gave_up_at = null where id = :id and resolved_at is null""")
                .setParameter("now", clock.now()).setParameter("id", failureId).executeUpdate();
        if (updated == 0) {
            throw new NotFoundException();
        }
        audit.record(admin, "mail.retry", "mail_failure", failureId, null, null, null);
    }
}
