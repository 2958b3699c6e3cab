package app.fanloop.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.metrics.Scrape;
import app.fanloop.web.SiteClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Each webhook delivery attempt is counted at /q/metrics by how it ended: succeeded, retried later, or failed for good. */
@QuarkusTest
class WebhookMetricsTest {

    static final String SUCCEEDED = "fanloop_webhook_deliveries_total{outcome=\"succeeded\"}";
    static final String RETRIED = "fanloop_webhook_deliveries_total{outcome=\"retried\"}";
    static final String FAILED = "fanloop_webhook_deliveries_total{outcome=\"failed\"}";

    @Inject
    WebhookFixtures wf;

    @Inject
    WebhookDeliveryJob job;

    @Inject
    Fixtures fx;

    @Inject
    SiteClock clock;

    @Inject
    WebhookConfig config;

    Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        wf.switchAllOff();
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
        wf.switchAllOff();
        clock.reset();
    }

    @Test
    void a_retried_then_delivered_attempt_and_a_given_up_one_are_each_counted_once() {
        WebhookEndpoint endpoint = wf.endpoint(receiver.url("/counted"), "suggestion.created");
        receiver.answering(500);
        wf.queueTest(endpoint.id);
        Scrape before = Scrape.now();

        job.deliverDue();
        Scrape retried = Scrape.now();
        assertEquals(1, retried.since(before, RETRIED));
        assertEquals(0, retried.since(before, SUCCEEDED));

        clock.advance(config.backoff().plus(Duration.ofSeconds(1)));
        job.deliverDue();
        Scrape delivered = Scrape.now();
        assertEquals(1, delivered.since(before, SUCCEEDED));
        assertEquals(1, delivered.since(before, RETRIED));

        WebhookDelivery last = wf.queueTest(endpoint.id);
        fx.sql("update webhook_delivery set attempts = ?1 where id = ?2", config.maxAttempts() - 1, last.id);
        receiver.answering(503);
        job.deliverDue();
        Scrape failed = Scrape.now();
        assertEquals(1, failed.since(before, FAILED), "the last attempt failed: given up");
        assertEquals(1, failed.since(before, RETRIED));
        assertEquals(1, failed.since(before, SUCCEEDED));
        assertEquals(WebhookDelivery.Status.FAILED, wf.deliveries(endpoint.id).get(1).status);
    }
}
