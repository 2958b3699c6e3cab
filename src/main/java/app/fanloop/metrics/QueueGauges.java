package app.fanloop.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.jboss.logging.Logger;

import app.fanloop.notification.MailAttempts;
import app.fanloop.search.ReindexStatus;
import app.fanloop.search.SearchReindex;
import app.fanloop.web.BackgroundJob;
import app.fanloop.web.SiteClock;
import app.fanloop.webhook.WebhookDelivery;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The gauges an operator watches: the mail queue and its failures, the webhook outbox backlog, the search index
 * catch-up. Counted every fanloop.metrics.gauges-every by a few queries on partial indexes (notification_mail_pending,
 * mail_failure_open, webhook_delivery_due) and kept here, so a scrape costs no query however many rows there are. The
 * values are the cluster's, the same on every node: take the max across nodes, not the sum.
 */
@Startup
@ApplicationScoped
public class QueueGauges {

    private static final Logger LOG = Logger.getLogger(QueueGauges.class);

    private final MailAttempts mail;
    private final SearchReindex search;
    private final SiteClock clock;

    private final AtomicLong mailQueue = new AtomicLong();
    private final AtomicReference<Instant> oldestPending = new AtomicReference<>();
    private final AtomicLong mailRetrying = new AtomicLong();
    private final AtomicLong mailGivenUp = new AtomicLong();
    private final AtomicLong webhookBacklog = new AtomicLong();
    private final AtomicLong reindexRemaining = new AtomicLong();

    QueueGauges(MeterRegistry registry, MailAttempts mail, SearchReindex search, SiteClock clock) {
        this.mail = mail;
        this.search = search;
        this.clock = clock;
        Gauge.builder(DomainMeters.MAIL_QUEUE, mailQueue, AtomicLong::get)
                .description("Notifications owed an immediate mail").register(registry);
        Gauge.builder(DomainMeters.MAIL_OLDEST_PENDING, this, QueueGauges::oldestPendingSeconds)
                .description("Age of the oldest notification owed a mail, 0 when none").register(registry);
        Gauge.builder(DomainMeters.MAIL_RETRYING, mailRetrying, AtomicLong::get)
                .description("Members whose mail failed and waits for its next attempt").register(registry);
        Gauge.builder(DomainMeters.MAIL_GIVEN_UP, mailGivenUp, AtomicLong::get)
                .description("Members whose mail is no longer retried, waiting for an admin").register(registry);
        Gauge.builder(DomainMeters.WEBHOOK_BACKLOG, webhookBacklog, AtomicLong::get)
                .description("Webhook deliveries waiting to be sent").register(registry);
        Gauge.builder(DomainMeters.SEARCH_REINDEX_REMAINING, reindexRemaining, AtomicLong::get)
                .description("Rows the search index catch-up has still to do").register(registry);
    }

    @BackgroundJob
    @Scheduled(identity = "metrics-gauges", every = "${fanloop.metrics.gauges-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void job() {
        try {
            refresh();
        } catch (RuntimeException e) {
            // The gauges keep their last values; the database's own health check says why.
            LOG.debugf("Could not count the queues for the gauges: %s", e.getMessage());
        }
    }

    /** Counts the queues now. */
    public void refresh() {
        MailAttempts.Queue queue = mail.queue();
        mailQueue.set(queue.pending());
        oldestPending.set(queue.oldestPending());
        mailRetrying.set(queue.retrying());
        mailGivenUp.set(queue.givenUp());
        webhookBacklog.set(QuarkusTransaction.requiringNew().call(WebhookDelivery::backlog));
        reindexRemaining.set(search.status().filter(s -> !s.finished()).map(QueueGauges::remaining).orElse(0L));
    }

    private static long remaining(ReindexStatus status) {
        return Math.max(0, status.total() - status.done());
    }

    /** Counted from the last refresh's oldest pending notification to now, so it grows between refreshes. */
    private double oldestPendingSeconds() {
        Instant oldest = oldestPending.get();
        return oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.now()).toMillis() / 1000.0);
    }
}
