package app.fanloop.webhook;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

import app.fanloop.event.DomainEvents;
import app.fanloop.event.EventKind;
import app.fanloop.member.Member;
import app.fanloop.web.BackgroundJob;
import app.fanloop.web.JobRuns;
import app.fanloop.web.SiteClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Tuple;

/**
 * Sends due webhook deliveries; runs on every node, and each delivery goes out once per cluster. A batch is claimed
 * in a short transaction ({@code for update skip locked}, then its next attempt moved a lease ahead), sent in
 * parallel outside any transaction, and its results written in a second short transaction: a 2xx delivers it; a
 * failure schedules the next attempt with exponential backoff, gives up after the last attempt, and counts against
 * the endpoint, which is switched off after too many failures in a row (the admins are told in-app, and by e-mail
 * if they chose immediate mail). A node that dies mid-call leaves its claim to expire with the lease: another node
 * sends it again (at least once; receivers de-duplicate on the event id).
 */
@ApplicationScoped
public class WebhookDeliveryJob {

    private static final Logger LOG = Logger.getLogger(WebhookDeliveryJob.class);

    /** Batches one run takes at most, so a flood of due deliveries cannot keep one run going forever. */
    private static final int MAX_BATCHES_PER_RUN = 100;

    private final EntityManager em;
    private final WebhookSender sender;
    private final WebhookSecrets secrets;
    private final WebhookConfig config;
    private final DomainEvents events;
    private final SiteClock clock;
    private final Event<WebhookAttempted> attempted;
    private final JobRuns runs;

    WebhookDeliveryJob(EntityManager em, WebhookSender sender, WebhookSecrets secrets, WebhookConfig config,
            DomainEvents events, SiteClock clock, Event<WebhookAttempted> attempted, JobRuns runs) {
        this.runs = runs;
        this.em = em;
        this.sender = sender;
        this.secrets = secrets;
        this.config = config;
        this.events = events;
        this.clock = clock;
        this.attempted = attempted;
    }

    @Scheduled(identity = "webhook-delivery", every = "${fanloop.webhooks.deliver-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @BackgroundJob
    void run() {
        int sent = deliverDue();
        if (sent > 0) {
            LOG.debugf("Sent %d webhook deliveries", sent);
        }
    }

    /**
     * Sends what is due now, batch by batch, until nothing due is left for this node. When the node stops, it ends
     * after the batch in progress has been sent and its results written (so no lease is left to expire).
     *
     * @return how many deliveries this call attempted (others may have been taken by another node)
     */
    public int deliverDue() {
        int total = 0;
        for (int round = 0; round < MAX_BATCHES_PER_RUN && !runs.stopping(); round++) {
            List<WebhookSender.Call> batch = QuarkusTransaction.requiringNew().call(this::claim);
            if (batch.isEmpty()) {
                break;
            }
            List<CompletableFuture<WebhookSender.Result>> calls = batch.stream().map(sender::send).toList();
            List<WebhookSender.Result> results = new ArrayList<>();
            long waitMs = config.timeout().toMillis() * 2 + 1000;
            for (CompletableFuture<WebhookSender.Result> call : calls) {
                results.add(call.completeOnTimeout(new WebhookSender.Result(null, (int) waitMs, "no answer in time"),
                        waitMs, TimeUnit.MILLISECONDS).join());
            }
            QuarkusTransaction.requiringNew().run(() -> record(batch, results));
            total += batch.size();
        }
        return total;
    }

    /** Claims up to a batch of due deliveries for this node: skips those about posts hidden since, leases the rest. */
    private List<WebhookSender.Call> claim() {
        Instant now = clock.now();
        @SuppressWarnings("unchecked")
        List<Number> due = em.createNativeQuery("""
                select d.id from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id
                where d.status = 'PENDING' and d.next_attempt_at <= :now and (e.enabled or (d.event_id is null and d.attempts = 0))
                order by d.next_attempt_at, d.id limit :n
                for update of d skip locked""")
                .setParameter("now", now).setParameter("n", config.batchSize()).getResultList();
        if (due.isEmpty()) {
            return List.of();
        }
        List<Long> ids = due.stream().map(Number::longValue).toList();
        em.createNativeQuery("""
                update webhook_delivery d set status = 'SKIPPED', last_error = 'no longer public: not sent'
                where d.id in (:ids) and d.event_id is not null and not %s""".formatted(WebhookPayloads.stillPublicSql("d.event_id")))
                .setParameter("ids", ids).executeUpdate();
        em.createNativeQuery("""
                update webhook_delivery set next_attempt_at = :lease, attempts = attempts + 1, last_attempt_at = :now
                where id in (:ids) and status = 'PENDING'""")
                .setParameter("lease", now.plus(config.lease())).setParameter("now", now).setParameter("ids", ids)
                .executeUpdate();
        @SuppressWarnings("unchecked")
        List<Tuple> rows = em.createNativeQuery("""
                select d.id, e.url, e.secret_sealed, d.event_type, cast(d.delivery_uuid as text) as delivery_uuid, d.body
                from webhook_delivery d join webhook_endpoint e on e.id = d.endpoint_id
                where d.id in (:ids) and d.status = 'PENDING' order by d.id""", Tuple.class)
                .setParameter("ids", ids).getResultList();
        Map<String, String> opened = new HashMap<>();
        return rows.stream().map(t -> new WebhookSender.Call(((Number) t.get("id")).longValue(), (String) t.get("url"),
                opened.computeIfAbsent((String) t.get("secret_sealed"), secrets::open), (String) t.get("event_type"),
                (String) t.get("delivery_uuid"), (String) t.get("body"))).toList();
    }

    /** Writes what each call of the batch got, and what it means for its endpoint. */
    private void record(List<WebhookSender.Call> batch, List<WebhookSender.Result> results) {
        Instant now = clock.now();
        for (int i = 0; i < batch.size(); i++) {
            WebhookSender.Result result = results.get(i);
            WebhookDelivery delivery = WebhookDelivery.findById(batch.get(i).deliveryId());
            WebhookEndpoint endpoint = em.find(WebhookEndpoint.class, delivery.endpointId, LockModeType.PESSIMISTIC_WRITE);
            delivery.lastStatusCode = result.statusCode();
            delivery.lastDurationMs = result.durationMs();
            delivery.lastError = result.error();
            if (result.delivered()) {
                delivery.status = WebhookDelivery.Status.DELIVERED;
                delivery.deliveredAt = now;
                endpoint.consecutiveFailures = 0;
                attempted.fire(new WebhookAttempted(WebhookAttempted.Outcome.DELIVERED));
                continue;
            }
            if (delivery.attempts >= config.maxAttempts()) {
                delivery.status = WebhookDelivery.Status.FAILED;
                attempted.fire(new WebhookAttempted(WebhookAttempted.Outcome.FAILED));
            } else {
                delivery.nextAttemptAt = now.plus(backoff(delivery.attempts));
                attempted.fire(new WebhookAttempted(WebhookAttempted.Outcome.RETRYING));
            }
            endpoint.consecutiveFailures++;
            if (endpoint.enabled && endpoint.consecutiveFailures >= config.disableAfter()) {
                switchOff(endpoint, now);
            }
        }
    }

    /** The wait after the n-th failed attempt: backoff × 2^(n−1), at most max-backoff. */
    Duration backoff(int attempts) {
        Duration wait = config.backoff();
        for (int i = 1; i < attempts && wait.compareTo(config.maxBackoff()) < 0; i++) {
            wait = wait.multipliedBy(2);
        }
        return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
    }

    private void switchOff(WebhookEndpoint endpoint, Instant now) {
        endpoint.enabled = false;
        endpoint.disabledReason = WebhookEndpoint.OFF_BY_FAILURES;
        endpoint.disabledAt = now;
        em.flush();
        LOG.warnf("Webhook endpoint %d (%s) switched off after %d failed deliveries in a row", endpoint.id, endpoint.host(),
                endpoint.consecutiveFailures);
        Map<String, Object> payload = new HashMap<>();
        payload.put("endpointId", endpoint.id);
        payload.put("url", endpoint.host());
        payload.put("failures", endpoint.consecutiveFailures);
        events.forMembers(EventKind.WEBHOOK_DISABLED, null, null, null, payload, Member.adminIds());
    }
}
