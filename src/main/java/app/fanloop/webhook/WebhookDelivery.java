package app.fanloop.webhook;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/**
 * One event for one endpoint: its exact body (the same on every attempt), and how its attempts went. Written in the
 * transaction of the change it tells of; sent by {@link WebhookDeliveryJob}.
 */
@Entity
public class WebhookDelivery extends PanacheEntityBase {

    public enum Status {
        /** Waiting for its next attempt. */
        PENDING,
        /** A receiver answered 2xx. */
        DELIVERED,
        /** Given up after the last attempt. */
        FAILED,
        /** Not sent: the post it tells of was hidden before it went out (visitors may not see it). */
        SKIPPED
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Long endpointId;

    public Long eventId;

    public UUID eventUuid;

    public UUID deliveryUuid;

    public String eventType;

    public String body;

    @Enumerated(EnumType.STRING)
    public Status status;

    public int attempts;

    public Instant nextAttemptAt;

    public Instant lastAttemptAt;

    public Integer lastStatusCode;

    public Integer lastDurationMs;

    public String lastError;

    public Instant createdAt;

    public Instant deliveredAt;

    /** Deliveries waiting for their next attempt, over every endpoint (counted on the partial index webhook_delivery_due). */
    public static long backlog() {
        return count("status", Status.PENDING);
    }

    /** The endpoint's latest deliveries, newest first. */
    public static List<WebhookDelivery> recent(long endpointId, int limit) {
        return find("endpointId = ?1 order by id desc", endpointId).<WebhookDelivery> page(0, limit).list();
    }
}
