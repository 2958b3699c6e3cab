package app.fanloop.metrics;

import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;

import app.fanloop.moderation.ModerationService;
import app.fanloop.moderation.ReportFiled;
import app.fanloop.notification.MailEvent;
import app.fanloop.notification.MailKind;
import app.fanloop.notification.NotificationsCreated;
import app.fanloop.suggestion.SuggestionEvent;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.webhook.WebhookAttempted;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * The names of every metric Fanloop adds to /q/metrics (README, Metrics; the Grafana dashboard in docker/ uses them), and
 * the counters of what members and jobs did. Each counter moves on the event its feature already announces, observed
 * {@code AFTER_SUCCESS}: only once the transaction has committed, so a rolled-back vote or a failed batch counts
 * nothing. Every series is registered at start with 0, so a dashboard shows it before the first event. Counters are per
 * node (sum them); the gauges ({@link QueueGauges}) are the same on every node (take the max).
 */
@Startup
@ApplicationScoped
public class DomainMeters {

    /** Suggestions and bug reports posted; tag kind = suggestion | bug. */
    public static final String SUGGESTIONS_POSTED = "fanloop.suggestions.posted";
    public static final String VOTES_CAST = "fanloop.votes.cast";
    /** Votes taken back (by their voter; a merge's or purge's moves are not counted). */
    public static final String VOTES_WITHDRAWN = "fanloop.votes.withdrawn";
    /** Comments and replies posted. */
    public static final String COMMENTS_POSTED = "fanloop.comments.posted";
    /** Reports filed; tag target = suggestion | comment. */
    public static final String REPORTS_FILED = "fanloop.reports.filed";
    /** In-app notifications written (one per event and member told). */
    public static final String NOTIFICATIONS_CREATED = "fanloop.notifications.created";
    /** Mails the SMTP server took; tag kind = immediate | digest. */
    public static final String MAILS_SENT = "fanloop.mails.sent";
    /** Mail attempts the SMTP server refused or could not be reached for; tag kind. */
    public static final String MAILS_FAILED = "fanloop.mails.failed";
    /** Failed mails the job stopped retrying (an admin sends them again from /admin/mail); tag kind. */
    public static final String MAILS_GIVEN_UP = "fanloop.mails.given.up";
    /** Webhook delivery attempts; tag outcome = succeeded | retried (failed, tried again later) | failed (given up). */
    public static final String WEBHOOK_DELIVERIES = "fanloop.webhook.deliveries";

    /** Gauge: notifications owed an "immediately" mail. */
    public static final String MAIL_QUEUE = "fanloop.mail.queue";
    /** Gauge: age of the oldest of them, 0 when none. */
    public static final String MAIL_OLDEST_PENDING = "fanloop.mail.oldest.pending.seconds";
    /** Gauge: members whose mail failed and is waiting for its next attempt. */
    public static final String MAIL_RETRYING = "fanloop.mail.retrying";
    /** Gauge: members whose mail the job gave up on, waiting for an admin. */
    public static final String MAIL_GIVEN_UP = "fanloop.mail.given.up";
    /** Gauge: webhook deliveries waiting to be sent (the outbox backlog). */
    public static final String WEBHOOK_BACKLOG = "fanloop.webhook.backlog";
    /** Gauge: rows the search index catch-up has still to do, 0 when it is done. */
    public static final String SEARCH_REINDEX_REMAINING = "fanloop.search.reindex.remaining";

    public static final String[] COUNTERS = { SUGGESTIONS_POSTED, VOTES_CAST, VOTES_WITHDRAWN, COMMENTS_POSTED,
            REPORTS_FILED, NOTIFICATIONS_CREATED, MAILS_SENT, MAILS_FAILED, MAILS_GIVEN_UP, WEBHOOK_DELIVERIES };
    public static final String[] GAUGES = { MAIL_QUEUE, MAIL_OLDEST_PENDING, MAIL_RETRYING, MAIL_GIVEN_UP, WEBHOOK_BACKLOG,
            SEARCH_REINDEX_REMAINING };

    private final Map<SuggestionKind, Counter> posted = new EnumMap<>(SuggestionKind.class);
    private final Counter votesCast;
    private final Counter votesWithdrawn;
    private final Counter commentsPosted;
    private final Map<ModerationService.Target, Counter> reports = new EnumMap<>(ModerationService.Target.class);
    private final Counter notificationsCreated;
    private final Map<MailKind, Counter> mailsSent = new EnumMap<>(MailKind.class);
    private final Map<MailKind, Counter> mailsFailed = new EnumMap<>(MailKind.class);
    private final Map<MailKind, Counter> mailsGivenUp = new EnumMap<>(MailKind.class);
    private final Map<WebhookAttempted.Outcome, Counter> webhooks = new EnumMap<>(WebhookAttempted.Outcome.class);

    DomainMeters(MeterRegistry registry) {
        for (SuggestionKind kind : SuggestionKind.values()) {
            posted.put(kind, Counter.builder(SUGGESTIONS_POSTED).description("Suggestions and bug reports posted")
                    .tag("kind", tag(kind)).register(registry));
        }
        votesCast = Counter.builder(VOTES_CAST).description("Votes cast").register(registry);
        votesWithdrawn = Counter.builder(VOTES_WITHDRAWN).description("Votes withdrawn by their voter").register(registry);
        commentsPosted = Counter.builder(COMMENTS_POSTED).description("Comments and replies posted").register(registry);
        for (ModerationService.Target target : ModerationService.Target.values()) {
            reports.put(target, Counter.builder(REPORTS_FILED).description("Reports filed").tag("target", tag(target))
                    .register(registry));
        }
        notificationsCreated = Counter.builder(NOTIFICATIONS_CREATED).description("In-app notifications created")
                .register(registry);
        for (MailKind kind : MailKind.values()) {
            mailsSent.put(kind, Counter.builder(MAILS_SENT).description("Notification mails the SMTP server took")
                    .tag("kind", tag(kind)).register(registry));
            mailsFailed.put(kind, Counter.builder(MAILS_FAILED).description("Notification mail attempts that failed")
                    .tag("kind", tag(kind)).register(registry));
            mailsGivenUp.put(kind, Counter.builder(MAILS_GIVEN_UP).description("Failed mails no longer retried")
                    .tag("kind", tag(kind)).register(registry));
        }
        for (WebhookAttempted.Outcome outcome : WebhookAttempted.Outcome.values()) {
            webhooks.put(outcome, Counter.builder(WEBHOOK_DELIVERIES).description("Webhook delivery attempts")
                    .tag("outcome", outcome(outcome)).register(registry));
        }
    }

    void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) SuggestionEvent.SuggestionPosted e) {
        posted.get(e.suggestion().kind).increment();
    }

    void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) SuggestionEvent.VoteCast e) {
        votesCast.increment();
    }

    void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) SuggestionEvent.VotesWithdrawn e) {
        votesWithdrawn.increment(e.voteIds().size());
    }

    void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) SuggestionEvent.CommentPosted e) {
        commentsPosted.increment();
    }

    void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) ReportFiled e) {
        reports.get(e.target()).increment();
    }

    void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) NotificationsCreated e) {
        notificationsCreated.increment(e.count());
    }

    void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) MailEvent e) {
        if (e instanceof MailEvent.Sent sent) {
            mailsSent.get(sent.kind()).increment();
        } else if (e instanceof MailEvent.Failed failed) {
            mailsFailed.get(failed.kind()).increment();
            if (failed.gaveUp()) {
                mailsGivenUp.get(failed.kind()).increment();
            }
        }
    }

    void on(@Observes(during = TransactionPhase.AFTER_SUCCESS) WebhookAttempted e) {
        webhooks.get(e.outcome()).increment();
    }

    private static String tag(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }

    /** The outcome as the metric says it: what happened to this attempt. */
    private static String outcome(WebhookAttempted.Outcome outcome) {
        return switch (outcome) {
            case DELIVERED -> "succeeded";
            case RETRYING -> "retried";
            case FAILED -> "failed";
        };
    }
}
