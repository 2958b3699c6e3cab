package app.fanloop.notification;

import app.fanloop.web.BackgroundJob;
import app.fanloop.web.JobRuns;
import app.fanloop.web.SiteClock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.IsoFields;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jboss.logging.Logger;

import app.fanloop.member.Member;
import app.fanloop.web.SiteConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Notification e-mail, in each member's language, from Qute templates (HTML and plain text):
 * "immediately" mail a few seconds after delivery, and the weekly digest. Every mail carries a
 * one-click unsubscribe link and the List-Unsubscribe headers (RFC 8058).
 *
 * <p>Safe on several nodes: immediate mail claims a member's pending notifications with
 * {@code FOR UPDATE SKIP LOCKED}; a digest is claimed by inserting its (member, week) row, which a
 * second node cannot insert again. A failed send rolls back, so the mail stays owed; {@link MailAttempts} records the
 * failure (shown to admins on /admin/mail) and when to try again, backing off, until it gives up and waits for an admin.
 * The send happens before the claim commits, so a mail goes out at least once: a node that dies after the server took
 * the mail and before the commit leaves it owed, and it is sent again (README "Several nodes").
 */
@ApplicationScoped
public class NotificationMailer {

    private static final Logger LOG = Logger.getLogger(NotificationMailer.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** The most lines one mail lists; the rest wait on the site. */
    static final int MAX_LINES = 50;

    /** One notification as a mail shows it. */
    public record MailLine(String headline, String detail, String url, String when) {
    }

    /** Everything a mail says, already in the member's language. */
    public record MailView(String heading, String intro, List<MailLine> lines, int more, String notificationsUrl,
            String settingsUrl, String unsubscribeUrl, String siteUrl) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance html(MailView mail);

        static native TemplateInstance text(MailView mail);
    }

    /** Who a mail goes to, and in what language. */
    record Recipient(long memberId, String name, String email, Locale locale) {
        NotificationMessages messages() {
            return MessageBundles.get(NotificationMessages.class, Localized.Literal.of(locale.getLanguage()));
        }
    }

    private final EntityManager em;
    private final Mailer mailer;
    private final SiteClock clock;
    private final SiteConfig site;
    private final NotificationConfig config;
    private final UnsubscribeTokens tokens;
    private final MailAttempts attempts;
    private final JobRuns runs;

    NotificationMailer(EntityManager em, Mailer mailer, SiteClock clock, SiteConfig site, NotificationConfig config,
            UnsubscribeTokens tokens, MailAttempts attempts, JobRuns runs) {
        this.runs = runs;
        this.em = em;
        this.mailer = mailer;
        this.clock = clock;
        this.site = site;
        this.config = config;
        this.tokens = tokens;
        this.attempts = attempts;
    }

    @Scheduled(identity = "notification-mail", every = "${fanloop.notification.mail-every}", delayed = "20s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @BackgroundJob
    void immediateJob() {
        sendImmediate();
    }

    @Scheduled(identity = "notification-digest", every = "${fanloop.notification.digest-every}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @BackgroundJob
    void digestJob() {
        int sent = sendDigests();
        if (sent > 0) {
            LOG.infof("Sent %d weekly digest(s)", sent);
        }
    }

    /**
     * Sends the pending "immediately" mail: one mail per member with everything delivered to them
     * since their last one. When the node stops, it ends after the member in progress (whose mail and claim
     * commit together), so nobody is mailed twice.
     *
     * @return how many mails this run sent
     */
    public int sendImmediate() {
        Set<Long> failed = new HashSet<>();
        int sent = 0;
        while (!runs.stopping()) {
            Boolean done;
            try {
                done = QuarkusTransaction.requiringNew().call(() -> mailNextMember(failed));
            } catch (RuntimeException e) {
                SendFailed failure = sendFailure(e);
                if (failure == null) {
                    throw e;
                }
                // Rolled back: this member's notifications stay pending for a later run; the others go on.
                attempts.failed(failure.memberId, MailKind.IMMEDIATE, failure.getCause());
                continue;
            }
            if (done == null) {
                return sent;
            }
            if (done) {
                sent++;
            }
        }
        return sent;
    }

    /**
     * Mails one member's pending notifications; null when nobody is left, false when none was wanted; SendFailed when
     * the server refused it. A member whose mail failed lately waits for its next attempt (MailAttempts).
     */
    private Boolean mailNextMember(Set<Long> failed) {
        @SuppressWarnings("unchecked")
        List<Number> next = em.createNativeQuery("""
                select member_id from notification n where mail_pending and not (member_id = any(cast(:failed as bigint[])))
                  and not %s
                order by id limit 1 for update skip locked""".formatted(MailAttempts.waitingSql(MailKind.IMMEDIATE, "n.member_id")))
                .setParameter("failed", arrayOf(failed)).setParameter("now", clock.now()).getResultList();
        if (next.isEmpty()) {
            return null;
        }
        long memberId = next.get(0).longValue();
        @SuppressWarnings("unchecked")
        List<Number> pending = em.createNativeQuery("""
                select id from notification where member_id = :m and mail_pending order by id for update skip locked""")
                .setParameter("m", memberId).getResultList();
        List<Long> ids = pending.stream().map(Number::longValue).toList();
        Recipient to = recipient(memberId);
        // Notifications about posts hidden since they were delivered are dropped from the mail (withText).
        List<Notification> notifications = to == null ? List.of() : Notification.withText(ids);
        boolean wanted = !notifications.isEmpty() && emailMode(memberId) == EmailMode.IMMEDIATE;
        if (wanted) {
            NotificationMessages msg = to.messages();
            String subject = notifications.size() == 1
                    ? NotificationText.headline(notifications.get(0), to.locale())
                    : msg.mail_subject_many(notifications.size());
            MailView view = view(to, msg.mail_heading(to.name()), msg.mail_intro_now(), notifications);
            try {
                send(to, subject, view);
            } catch (RuntimeException e) {
                LOG.warnf("Could not mail member %d; will try again: %s", memberId, e.getMessage());
                failed.add(memberId);
                throw new SendFailed(memberId, e);
            }
            attempts.sent(memberId, MailKind.IMMEDIATE);
        } else {
            attempts.settled(memberId, MailKind.IMMEDIATE);
        }
        em.createNativeQuery("update notification set mail_pending = false, mailed_at = :now where id in (:ids)")
                .setParameter("now", wanted ? clock.now() : null).setParameter("ids", ids).executeUpdate();
        return wanted;
    }

    /**
     * Sends the weekly digests that are due: from the digest day and time on, each member on the
     * weekly digest gets one mail listing the notifications of the past week (Monday to Sunday) that
     * they have not read yet. Nothing unread, no mail.
     *
     * @return how many digests this run sent
     */
    public int sendDigests() {
        ZonedDateTime now = clock.now().atZone(site.zone());
        LocalDate weekEnd = now.toLocalDate().with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        ZonedDateTime due = weekEnd.with(TemporalAdjusters.nextOrSame(config.digestDay())).atTime(config.digestTime())
                .atZone(site.zone());
        if (now.isBefore(due)) {
            return 0;
        }
        LocalDate weekStart = weekEnd.minusWeeks(1);
        Instant from = weekStart.atStartOfDay(site.zone()).toInstant();
        Instant to = weekEnd.atStartOfDay(site.zone()).toInstant();
        @SuppressWarnings("unchecked")
        List<Number> members = QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select distinct n.member_id from notification n join member m on m.id = n.member_id
                     left join notification_preference p on p.member_id = n.member_id
                where n.created_at >= :from and n.created_at < :to and n.read_at is null and m.email is not null
                  and coalesce(p.email_mode, 'WEEKLY') = 'WEEKLY'
                  and not exists (select 1 from notification_digest d where d.member_id = n.member_id and d.week_start = :week)
                  and not %s
                order by n.member_id""".formatted(MailAttempts.waitingSql(MailKind.DIGEST, "n.member_id")))
                .setParameter("from", from).setParameter("to", to).setParameter("week", weekStart)
                .setParameter("now", clock.now()).getResultList());
        int sent = 0;
        for (Number member : members) {
            if (runs.stopping()) {
                break;
            }
            try {
                if (QuarkusTransaction.requiringNew().call(() -> digest(member.longValue(), weekStart, from, to))) {
                    sent++;
                }
            } catch (RuntimeException e) {
                LOG.warnf("Could not send the weekly digest to member %d; will try again: %s", member.longValue(),
                        e.getMessage());
                SendFailed failure = sendFailure(e);
                if (failure != null) {
                    attempts.failed(failure.memberId, MailKind.DIGEST, failure.getCause());
                }
            }
        }
        return sent;
    }

    private boolean digest(long memberId, LocalDate weekStart, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                select id from notification n where member_id = :m and created_at >= :from and created_at < :to
                  and read_at is null and %s order by id desc""".formatted(Notification.shownSql("n")))
                .setParameter("m", memberId).setParameter("from", from).setParameter("to", to).getResultList();
        if (ids.isEmpty()) {
            return false;
        }
        // The claim: a second node (or run) inserting the same week finds the row and sends nothing.
        int claimed = em.createNativeQuery("""
                insert into notification_digest (member_id, week_start, item_count, sent_at) values (:m, :week, :n, :now)
                on conflict do nothing""")
                .setParameter("m", memberId).setParameter("week", weekStart).setParameter("n", ids.size())
                .setParameter("now", clock.now()).executeUpdate();
        Recipient recipient = recipient(memberId);
        if (claimed == 0 || recipient == null) {
            return false;
        }
        List<Notification> notifications = new ArrayList<>(
                Notification.withText(ids.stream().map(Number::longValue).toList()));
        java.util.Collections.reverse(notifications);
        NotificationMessages msg = recipient.messages();
        int week = weekStart.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        MailView view = view(recipient, msg.digest_heading(week), msg.digest_intro(ids.size()), notifications);
        try {
            send(recipient, msg.digest_subject(ids.size(), week), view);
        } catch (RuntimeException e) {
            throw new SendFailed(memberId, e);
        }
        attempts.sent(memberId, MailKind.DIGEST);
        return true;
    }

    private MailView view(Recipient to, String heading, String intro, List<Notification> notifications) {
        List<MailLine> lines = notifications.stream().limit(MAX_LINES)
                .map(n -> new MailLine(NotificationText.headline(n, to.locale()), NotificationText.detail(n),
                        site.link(n.openPath()), WHEN.format(n.createdAt.atZone(site.zone()))))
                .toList();
        return new MailView(heading, intro, lines, Math.max(0, notifications.size() - MAX_LINES),
                site.link("/me/notifications"), site.link("/me#email"), unsubscribeUrl(to.memberId()), site.link("/"));
    }

    private void send(Recipient to, String subject, MailView view) {
        String html = Templates.html(view).setLocale(to.locale()).render();
        String text = Templates.text(view).setLocale(to.locale()).render();
        Mail mail = Mail.withHtml(to.email(), subject, html).setText(text)
                .addHeader("List-Unsubscribe", "<" + view.unsubscribeUrl() + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .addHeader("Auto-Submitted", "auto-generated");
        mailer.send(mail);
    }

    String unsubscribeUrl(long memberId) {
        return site.link("/unsubscribe/" + tokens.tokenFor(memberId));
    }

    private Recipient recipient(long memberId) {
        Member member = Member.findById(memberId);
        if (member == null || member.email == null || member.email.isBlank()) {
            return null;
        }
        @SuppressWarnings("unchecked")
        List<String> language = em.createNativeQuery("select language from notification_preference where member_id = :m")
                .setParameter("m", memberId).getResultList();
        Locale locale = Locale.forLanguageTag(language.isEmpty() ? "zh" : language.get(0));
        return new Recipient(memberId, member.name, member.email, locale);
    }

    private EmailMode emailMode(long memberId) {
        @SuppressWarnings("unchecked")
        List<String> rows = em.createNativeQuery("select email_mode from notification_preference where member_id = :m")
                .setParameter("m", memberId).getResultList();
        return rows.isEmpty() ? EmailMode.DEFAULT : EmailMode.valueOf(rows.get(0));
    }

    /** A mail the server did not take; thrown to roll its member's claim back. */
    private static final class SendFailed extends RuntimeException {
        final long memberId;

        SendFailed(long memberId, Throwable cause) {
            super(cause);
            this.memberId = memberId;
        }
    }

    /** The send failure behind an exception (QuarkusTransaction may wrap it), or null when it is something else. */
    private static SendFailed sendFailure(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SendFailed failure) {
                return failure;
            }
        }
        return null;
    }

    private static String arrayOf(Set<Long> ids) {
        return "{" + String.join(",", ids.stream().map(String::valueOf).toList()) + "}";
    }
}
