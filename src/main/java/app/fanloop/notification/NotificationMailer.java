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
import java.util.UUID;

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
 * <p>Safe on several nodes, and a mail the SMTP server took is never sent again because a transaction rolled back:
 * each mail is claimed in a short committed transaction with a lease (fanloop.notification.mail-lease): a member's
 * pending notifications by a {@code notification_mail_claim} row that lists them, a digest by its (member, week)
 * {@code notification_digest} row. The send happens outside any transaction, and a second short transaction marks it
 * sent and ends the claim. Another node takes a claim over only once its lease has run out, and then sends the same
 * mail with the same {@code Message-ID} (mailId), so receivers can drop it: a mail goes out twice only if its node
 * died between the server's acceptance and that one short commit (README "Several nodes"). A send the server refused
 * ends the claim; {@link MailAttempts} records the failure (shown to admins on /admin/mail) and when to try again,
 * backing off, until it gives up and waits for an admin.
 */
@ApplicationScoped
public class NotificationMailer {

    private static final Logger LOG = Logger.getLogger(NotificationMailer.class);
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");
    /** The most lines one mail lists; the rest wait on the site. */
    static final int MAX_LINES = 50;

    /**
     * One notification as a mail shows it, with the one-click link that stops e-mail of its category
     * ({@code stopUrl}, named by {@code stopLabel}).
     */
    public record MailLine(String headline, String detail, String url, String when, String stopUrl, String stopLabel) {
    }

    /** Everything a mail says, already in the member's language. */
    /**
     * Everything a mail says, already in the member's language. {@code unsubscribeUrl} stops all e-mail;
     * {@code oneClickUrl} is the List-Unsubscribe address: the category's own when the mail is about one category.
     */
    public record MailView(String heading, String intro, List<MailLine> lines, int more, String notificationsUrl,
            String settingsUrl, String unsubscribeUrl, String oneClickUrl, String siteUrl) {
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

    /** A mail claimed for sending, with everything it says; {@code claimedBy} identifies the claim. */
    private record Claimed(long memberId, List<Long> ids, String claimedBy, Recipient to, String subject, MailView view,
            String messageId) {
    }

    /** What a claim attempt found: a mail to send, nothing to send for this member, or nobody left. */
    private record Next(Claimed mail, boolean done) {
        static final Next NOBODY = new Next(null, true);
        static final Next NOTHING = new Next(null, false);
    }

    /**
     * Sends the pending "immediately" mail: one mail per member with everything delivered to them
     * since their last one. When the node stops, it ends after the member in progress (claimed, sent and marked
     * sent), so no claim is left to expire.
     *
     * @return how many mails this run sent
     */
    public int sendImmediate() {
        Set<Long> passed = new HashSet<>();
        int sent = 0;
        while (!runs.stopping()) {
            Next next = QuarkusTransaction.requiringNew().call(() -> claimNextMember(passed));
            if (next.done()) {
                return sent;
            }
            Claimed mail = next.mail();
            if (mail == null) {
                continue;
            }
            passed.add(mail.memberId());
            if (!sendClaimed(mail, MailKind.IMMEDIATE)) {
                continue;
            }
            sent++;
            markSent(mail, MailKind.IMMEDIATE, () -> {
                em.createNativeQuery("update notification set mail_pending = false, mailed_at = :now where id in (:ids) and mail_pending")
                        .setParameter("now", clock.now()).setParameter("ids", mail.ids()).executeUpdate();
                em.createNativeQuery("delete from notification_mail_claim where member_id = :m and claimed_by = :by")
                        .setParameter("m", mail.memberId()).setParameter("by", mail.claimedBy()).executeUpdate();
            });
        }
        return sent;
    }

    /**
     * Claims the next member's pending notifications (committed with the caller's transaction, leased until
     * mail-lease from now): a claim whose lease ran out is taken over with the notifications it listed, so the mail
     * sent again is the same mail. Members in {@code passed} (done, failed or held by another node this run) and
     * members whose mail failed lately (MailAttempts) wait.
     */
    private Next claimNextMember(Set<Long> passed) {
        Instant now = clock.now();
        @SuppressWarnings("unchecked")
        List<Number> next = em.createNativeQuery("""
                select member_id from notification n where mail_pending and not (member_id = any(cast(:passed as bigint[])))
                  and not exists (select 1 from notification_mail_claim c where c.member_id = n.member_id and c.claimed_until > :now)
                  and not %s
                order by id limit 1 for update skip locked""".formatted(MailAttempts.waitingSql(MailKind.IMMEDIATE, "n.member_id")))
                .setParameter("passed", arrayOf(passed)).setParameter("now", now).getResultList();
        if (next.isEmpty()) {
            return Next.NOBODY;
        }
        long memberId = next.get(0).longValue();
        @SuppressWarnings("unchecked")
        List<Number> pending = em.createNativeQuery("select id from notification where member_id = :m and mail_pending order by id")
                .setParameter("m", memberId).getResultList();
        String claimedBy = claimant();
        // Another node's claim of this member that is still leased wins (its uncommitted insert is waited for).
        @SuppressWarnings("unchecked")
        List<String> claimed = em.createNativeQuery("""
                insert into notification_mail_claim (member_id, notification_ids, claimed_by, claimed_until)
                values (:m, cast(:ids as bigint[]), :by, :until)
                on conflict (member_id) do update set claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until
                    where notification_mail_claim.claimed_until <= :now
                returning array_to_string(notification_ids, ',')""")
                .setParameter("m", memberId).setParameter("ids", arrayOf(pending.stream().map(Number::longValue).toList()))
                .setParameter("by", claimedBy).setParameter("until", now.plus(config.mailLease())).setParameter("now", now)
                .getResultList();
        if (claimed.isEmpty()) {
            passed.add(memberId);
            return Next.NOTHING;
        }
        List<Long> listed = java.util.Arrays.stream(claimed.get(0).split(",")).filter(id -> !id.isEmpty())
                .map(Long::valueOf).toList();
        @SuppressWarnings("unchecked")
        List<Number> stillPending = listed.isEmpty() ? List.of() : em.createNativeQuery(
                "select id from notification where id in (:ids) and mail_pending order by id")
                .setParameter("ids", listed).getResultList();
        List<Long> ids = stillPending.stream().map(Number::longValue).toList();
        if (ids.isEmpty()) {
            // A taken-over claim whose notifications are gone: ended, and the member's pending ones claimed afresh.
            endClaim(memberId);
            return Next.NOTHING;
        }
        // Notifications whose category the member no longer wants mailed at once (NotificationChoices) are settled
        // without mail; the rest are mailed.
        @SuppressWarnings("unchecked")
        List<Number> stillWanted = em.createNativeQuery("select id from notification n where id in (:ids) and "
                + NotificationChoices.channelOfSql("n") + " = 'IMMEDIATE' order by id").setParameter("ids", ids).getResultList();
        List<Long> wanted = stillWanted.stream().map(Number::longValue).toList();
        if (!wanted.isEmpty() && wanted.size() < ids.size()) {
            em.createNativeQuery("update notification set mail_pending = false, mailed_at = null where id in (:ids) and not (id in (:wanted))")
                    .setParameter("ids", ids).setParameter("wanted", wanted).executeUpdate();
        }
        Recipient to = recipient(memberId);
        // Notifications about posts hidden since they were delivered are dropped from the mail (withText).
        List<Notification> notifications = to == null || wanted.isEmpty() ? List.of() : Notification.withText(wanted);
        if (notifications.isEmpty()) {
            // Nothing to send (any more): settled in the claim's own transaction.
            attempts.settled(memberId, MailKind.IMMEDIATE);
            em.createNativeQuery("update notification set mail_pending = false, mailed_at = null where id in (:ids)")
                    .setParameter("ids", ids).executeUpdate();
            endClaim(memberId);
            return Next.NOTHING;
        }
        NotificationMessages msg = to.messages();
        String subject = notifications.size() == 1
                ? NotificationText.headline(notifications.get(0), to.locale())
                : msg.mail_subject_many(notifications.size());
        MailView view = view(to, msg.mail_heading(to.name()), msg.mail_intro_now(), notifications);
        return new Next(new Claimed(memberId, ids, claimedBy, to, subject, view,
                mailId("mail." + memberId + "." + listed.get(0) + "-" + listed.get(listed.size() - 1))), false);
    }

    private void endClaim(long memberId) {
        em.createNativeQuery("delete from notification_mail_claim where member_id = :m").setParameter("m", memberId)
                .executeUpdate();
    }

    /**
     * Sends the weekly digests that are due: from the digest day and time on, each member gets one mail listing the
     * notifications of the past week (Monday to Sunday) that they have not read yet and whose category they want in
     * the weekly digest (NotificationChoices, in the selecting SQL). Nothing unread, no mail.
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
                where n.created_at >= :from and n.created_at < :to and n.read_at is null and m.email is not null
                  and %s = 'WEEKLY'
                  and not exists (select 1 from notification_digest d where d.member_id = n.member_id and d.week_start = :week
                                    and (d.sent_at is not null or d.claimed_until > :now))
                  and not %s
                order by n.member_id""".formatted(NotificationChoices.channelOfSql("n"),
                MailAttempts.waitingSql(MailKind.DIGEST, "n.member_id")))
                .setParameter("from", from).setParameter("to", to).setParameter("week", weekStart)
                .setParameter("now", clock.now()).getResultList());
        int sent = 0;
        for (Number member : members) {
            if (runs.stopping()) {
                break;
            }
            long memberId = member.longValue();
            Claimed digest;
            try {
                digest = QuarkusTransaction.requiringNew().call(() -> claimDigest(memberId, weekStart, from, to));
            } catch (RuntimeException e) {
                LOG.warnf("Could not claim the weekly digest of member %d; will try again: %s", memberId, e.getMessage());
                continue;
            }
            if (digest == null || !sendClaimed(digest, MailKind.DIGEST)) {
                continue;
            }
            sent++;
            markSent(digest, MailKind.DIGEST, () -> em.createNativeQuery("""
                    update notification_digest set sent_at = :now, claimed_by = null, claimed_until = null
                    where member_id = :m and week_start = :week""")
                    .setParameter("now", clock.now()).setParameter("m", memberId).setParameter("week", weekStart)
                    .executeUpdate());
        }
        return sent;
    }

    /**
     * Claims a member's digest of the week by its (member, week) row, committed with the caller's transaction and
     * leased until mail-lease from now; a row another node inserted and has not committed is waited for. Null when
     * there is nothing to send or the digest is sent or claimed by another node.
     */
    private Claimed claimDigest(long memberId, LocalDate weekStart, Instant from, Instant to) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                select id from notification n where member_id = :m and created_at >= :from and created_at < :to
                  and read_at is null and %s and %s = 'WEEKLY' order by id desc""".formatted(Notification.shownSql("n"),
                NotificationChoices.channelOfSql("n")))
                .setParameter("m", memberId).setParameter("from", from).setParameter("to", to).getResultList();
        if (ids.isEmpty()) {
            return null;
        }
        Instant now = clock.now();
        String claimedBy = claimant();
        int claimed = em.createNativeQuery("""
                insert into notification_digest (member_id, week_start, item_count, claimed_by, claimed_until)
                values (:m, :week, :n, :by, :until)
                on conflict (member_id, week_start) do update
                    set item_count = excluded.item_count, claimed_by = excluded.claimed_by, claimed_until = excluded.claimed_until
                    where notification_digest.sent_at is null and notification_digest.claimed_until <= :now""")
                .setParameter("m", memberId).setParameter("week", weekStart).setParameter("n", ids.size())
                .setParameter("by", claimedBy).setParameter("until", now.plus(config.mailLease())).setParameter("now", now)
                .executeUpdate();
        if (claimed == 0) {
            return null;
        }
        Recipient recipient = recipient(memberId);
        if (recipient == null) {
            em.createNativeQuery("""
                    update notification_digest set sent_at = :now, claimed_by = null, claimed_until = null
                    where member_id = :m and week_start = :week""")
                    .setParameter("now", now).setParameter("m", memberId).setParameter("week", weekStart).executeUpdate();
            return null;
        }
        List<Notification> notifications = new ArrayList<>(
                Notification.withText(ids.stream().map(Number::longValue).toList()));
        java.util.Collections.reverse(notifications);
        NotificationMessages msg = recipient.messages();
        int week = weekStart.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR);
        MailView view = view(recipient, msg.digest_heading(week), msg.digest_intro(ids.size()), notifications);
        return new Claimed(memberId, List.of(), claimedBy, recipient, msg.digest_subject(ids.size(), week), view,
                mailId("digest." + memberId + "." + weekStart));
    }

    /**
     * Sends a claimed mail, outside any transaction. When the server refuses it, the claim ends and the failure is
     * recorded (MailAttempts), so the mail is tried again after its back-off.
     *
     * @return whether the server took it
     */
    private boolean sendClaimed(Claimed mail, MailKind kind) {
        try {
            send(mail.to(), mail.subject(), mail.view(), mail.messageId());
            return true;
        } catch (RuntimeException e) {
            LOG.warnf("Could not mail member %d (%s); will try again: %s", mail.memberId(), kind, e.getMessage());
            QuarkusTransaction.requiringNew().run(() -> {
                if (kind == MailKind.IMMEDIATE) {
                    em.createNativeQuery("delete from notification_mail_claim where member_id = :m and claimed_by = :by")
                            .setParameter("m", mail.memberId()).setParameter("by", mail.claimedBy()).executeUpdate();
                } else {
                    em.createNativeQuery("delete from notification_digest where member_id = :m and sent_at is null and claimed_by = :by")
                            .setParameter("m", mail.memberId()).setParameter("by", mail.claimedBy()).executeUpdate();
                }
            });
            attempts.failed(mail.memberId(), kind, e);
            return false;
        }
    }

    /**
     * Marks a mail the server took as sent, in a short transaction of its own. Should that fail, the claim stays
     * until its lease runs out, and the same mail (same Message-ID) is sent again then: never sooner.
     */
    private void markSent(Claimed mail, MailKind kind, Runnable mark) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                mark.run();
                attempts.sent(mail.memberId(), kind);
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "Mailed member %d (%s) but could not mark the mail sent; it is sent again, with the same "
                    + "Message-ID, once its claim expires", mail.memberId(), kind);
        }
    }

    /** A stable Message-ID from what the mail carries: the same mail sent again has the same one. */
    String mailId(String what) {
        return "<fanloop." + what + "@" + site.url().getHost() + ">";
    }

    /** Who claims: this node (host and process) and a random part that tells its claims apart. */
    private static String claimant() {
        return NODE + "/" + UUID.randomUUID();
    }

    private static final String NODE = nodeName();

    private static String nodeName() {
        String host = System.getenv("HOSTNAME");
        if (host == null || host.isBlank()) {
            try {
                host = java.net.InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException e) {
                host = "node";
            }
        }
        return host + ":" + ProcessHandle.current().pid();
    }

    private MailView view(Recipient to, String heading, String intro, List<Notification> notifications) {
        List<MailLine> lines = notifications.stream().limit(MAX_LINES)
                .map(n -> new MailLine(NotificationText.headline(n, to.locale()), NotificationText.detail(n, to.locale()),
                        site.link(n.openPath()), WHEN.format(n.createdAt.atZone(site.zone())),
                        unsubscribeUrl(to.memberId(), NotificationCategory.of(n.kind)),
                        NotificationText.stopLabel(NotificationCategory.of(n.kind), to.locale())))
                .toList();
        // A mail about one category only unsubscribes from that category in one click (List-Unsubscribe); a mail
        // about several, from all e-mail.
        List<NotificationCategory> categories = notifications.stream().map(n -> NotificationCategory.of(n.kind)).distinct()
                .toList();
        String oneClick = categories.size() == 1 ? unsubscribeUrl(to.memberId(), categories.get(0))
                : unsubscribeUrl(to.memberId());
        return new MailView(heading, intro, lines, Math.max(0, notifications.size() - MAX_LINES),
                site.link("/me/notifications"), site.link("/me#notification-choices"), unsubscribeUrl(to.memberId()),
                oneClick, site.link("/"));
    }

    private void send(Recipient to, String subject, MailView view, String messageId) {
        String html = Templates.html(view).setLocale(to.locale()).render();
        String text = Templates.text(view).setLocale(to.locale()).render();
        Mail mail = Mail.withHtml(to.email(), subject, html).setText(text)
                .addHeader("List-Unsubscribe", "<" + view.oneClickUrl() + ">")
                .addHeader("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
                .addHeader("Auto-Submitted", "auto-generated")
                .addHeader("Message-ID", messageId);
        mailer.send(mail);
    }

    String unsubscribeUrl(long memberId) {
        return site.link("/unsubscribe/" + tokens.tokenFor(memberId));
    }

    /** The one-click link that stops e-mail of one category for the member (UnsubscribeResource). */
    String unsubscribeUrl(long memberId, NotificationCategory category) {
        return site.link("/unsubscribe/" + tokens.tokenFor(memberId, category) + "/" + category.slug());
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

    private static String arrayOf(java.util.Collection<Long> ids) {
        return "{" + String.join(",", ids.stream().map(String::valueOf).toList()) + "}";
    }
}
