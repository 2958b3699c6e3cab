package app.fanloop.webhook;

import java.util.List;
import java.util.Optional;

import app.fanloop.audit.AuditLog;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/** Admins add webhook endpoints, switch them on and off, send test events and read their deliveries. */
@ApplicationScoped
public class WebhookService {

    /** Deliveries shown on an endpoint's page. */
    static final int RECENT = 50;

    /** How long after creating an endpoint its secret may still be shown (once). */
    static final java.time.Duration REVEAL_FOR = java.time.Duration.ofMinutes(5);

    /** An endpoint just added, with its secret in clear: the only moment the secret exists outside the seal. */
    public record Created(WebhookEndpoint endpoint, String secret) {
    }

    private final Viewer viewer;
    private final Forms forms;
    private final OutboundAddresses addresses;
    private final WebhookSecrets secrets;
    private final WebhookOutbox outbox;
    private final AuditLog audit;
    private final SiteClock clock;

    WebhookService(Viewer viewer, Forms forms, OutboundAddresses addresses, WebhookSecrets secrets, WebhookOutbox outbox,
            AuditLog audit, SiteClock clock) {
        this.viewer = viewer;
        this.forms = forms;
        this.addresses = addresses;
        this.secrets = secrets;
        this.outbox = outbox;
        this.audit = audit;
        this.clock = clock;
    }

    public List<WebhookEndpoint> endpoints() {
        viewer.requireAdmin();
        return WebhookEndpoint.newestFirst();
    }

    public WebhookEndpoint endpoint(long id) {
        viewer.requireAdmin();
        return WebhookEndpoint.<WebhookEndpoint> findByIdOptional(id).orElseThrow(NotFoundException::new);
    }

    public List<WebhookDelivery> recentDeliveries(long endpointId) {
        viewer.requireAdmin();
        return WebhookDelivery.recent(endpointId, RECENT);
    }

    @Transactional
    public Created create(WebhookForm form) {
        Member admin = viewer.requireAdmin();
        forms.validate(form);
        if (form.chosen().isEmpty() || !form.chosen().stream().allMatch(e -> WebhookEventType.parse(e).isPresent())) {
            throw new FormInvalid("events", "choose_one");
        }
        checkUrl(form.url());
        String secret = secrets.generate();
        WebhookEndpoint endpoint = new WebhookEndpoint();
        endpoint.url = form.url().strip();
        endpoint.description = Optional.ofNullable(form.description()).map(String::strip).orElse("");
        // Kept in the order of the list on the page, whatever order the form sent.
        endpoint.events = WebhookEventType.wireNames().stream().filter(form.chosen()::contains).toArray(String[]::new);
        endpoint.secretSealed = secrets.seal(secret);
        endpoint.createdBy = admin;
        endpoint.createdAt = clock.now();
        endpoint.persist();
        audit.record(admin, "webhook.create", "webhook_endpoint", endpoint.id, null,
                AuditLog.of("url", endpoint.url, "events", String.join(",", endpoint.events)), null);
        return new Created(endpoint, secret);
    }

    /** Switches an endpoint on (its address is checked again, and its failure count starts over) or off. */
    @Transactional
    public void setEnabled(long id, boolean enabled) {
        Member admin = viewer.requireAdmin();
        WebhookEndpoint endpoint = WebhookEndpoint.<WebhookEndpoint> findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE)
                .orElseThrow(NotFoundException::new);
        if (endpoint.enabled == enabled) {
            return;
        }
        if (enabled) {
            checkUrl(endpoint.url);
            endpoint.disabledReason = null;
            endpoint.disabledAt = null;
            endpoint.consecutiveFailures = 0;
        } else {
            endpoint.disabledReason = WebhookEndpoint.OFF_BY_ADMIN;
            endpoint.disabledAt = clock.now();
        }
        endpoint.enabled = enabled;
        audit.record(admin, enabled ? "webhook.enable" : "webhook.disable", "webhook_endpoint", endpoint.id, null, null, null);
    }

    /** Queues a test event for the endpoint; the delivery job sends it like any other, once even while the endpoint is off. */
    @Transactional
    public WebhookDelivery sendTest(long id) {
        viewer.requireAdmin();
        WebhookEndpoint endpoint = WebhookEndpoint.<WebhookEndpoint> findByIdOptional(id).orElseThrow(NotFoundException::new);
        return outbox.queueTest(endpoint);
    }

    /**
     * The sealed value of the cookie that carries a new endpoint's secret to the one page view that shows it (after
     * the redirect of post-redirect-get): bound to that endpoint and valid for {@link #REVEAL_FOR}, so neither a
     * sealed secret from the database nor an old cookie reveals anything.
     */
    public String revealCookie(Created created) {
        return secrets.seal("reveal:" + created.endpoint().id + ":" + clock.now().plus(REVEAL_FOR).getEpochSecond() + ":"
                + created.secret());
    }

    /** The secret a reveal cookie carries for this endpoint, if it is one and still fresh. */
    public Optional<String> revealedSecret(long endpointId, String cookie) {
        if (cookie == null || cookie.isBlank()) {
            return Optional.empty();
        }
        try {
            String[] parts = secrets.open(cookie).split(":", 4);
            if (parts.length == 4 && parts[0].equals("reveal") && parts[1].equals(Long.toString(endpointId))
                    && Long.parseLong(parts[2]) >= clock.now().getEpochSecond()) {
                return Optional.of(parts[3]);
            }
        } catch (IllegalStateException | NumberFormatException unreadable) {
            // an old or foreign cookie shows nothing
        }
        return Optional.empty();
    }

    private void checkUrl(String url) {
        try {
            addresses.resolve(url);
        } catch (OutboundAddresses.Refused refused) {
            throw new FormInvalid("url", refused.code);
        }
    }
}
