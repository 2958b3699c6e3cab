package app.fanloop.webhook;

import java.util.List;

import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Endpoints made directly (with a secret the test knows) and a look at their deliveries. */
@ApplicationScoped
public class WebhookFixtures {

    static final String SECRET = "whsec_test-secret-known-to-the-receiver";

    private final EntityManager em;
    private final WebhookSecrets secrets;
    private final WebhookOutbox outbox;
    private final SiteClock clock;

    WebhookFixtures(EntityManager em, WebhookSecrets secrets, WebhookOutbox outbox, SiteClock clock) {
        this.em = em;
        this.secrets = secrets;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** An enabled endpoint for these events, stored as if an admin had saved it. */
    @Transactional
    public WebhookEndpoint endpoint(String url, String... events) {
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.url = url;
        endpoint.events = events.length == 0 ? WebhookEventType.wireNames().toArray(String[]::new) : events;
        endpoint.secretSealed = secrets.seal(SECRET);
        endpoint.createdAt = clock.now();
        endpoint.persist();
        return endpoint;
    }

    /** Switches off every endpoint, so no test's endpoint collects the deliveries of another test's events. */
    @Transactional
    public void switchAllOff() {
        em.createNativeQuery("""
                update webhook_endpoint set enabled = false, disabled_reason = 'ADMIN', disabled_at = now() where enabled""")
                .executeUpdate();
        em.createNativeQuery("update webhook_delivery set status = 'FAILED' where status = 'PENDING'").executeUpdate();
    }

    @Transactional
    public WebhookDelivery queueTest(long endpointId) {
        return outbox.queueTest(em.find(WebhookEndpoint.class, endpointId));
    }

    @Transactional
    public List<WebhookDelivery> deliveries(long endpointId) {
        return WebhookDelivery.<WebhookDelivery> list("endpointId = ?1 order by id", endpointId);
    }

    @Transactional
    public WebhookEndpoint reload(long endpointId) {
        return em.find(WebhookEndpoint.class, endpointId);
    }
}
