package app.fanloop.webhook;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.fanloop.event.DomainEvent;
import app.fanloop.event.DomainEventRecorded;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

/**
 * Turns each recorded domain event into one pending delivery per enabled endpoint that chose its type, in the
 * transaction of the change (observing {@link DomainEventRecorded}): the change and its deliveries commit together
 * or not at all, and the request makes no HTTP call — {@link WebhookDeliveryJob} sends them. Costs one indexed
 * select on the small endpoint table per event, and nothing more when no endpoint wants it.
 */
@ApplicationScoped
public class WebhookOutbox {

    private final EntityManager em;
    private final WebhookPayloads payloads;
    private final ObjectMapper json;
    private final SiteClock clock;

    WebhookOutbox(EntityManager em, WebhookPayloads payloads, ObjectMapper json, SiteClock clock) {
        this.em = em;
        this.payloads = payloads;
        this.json = json;
        this.clock = clock;
    }

    void onRecorded(@Observes DomainEventRecorded recorded) {
        DomainEvent event = recorded.event();
        Optional<WebhookEventType> type = WebhookEventType.of(event.kind);
        if (type.isEmpty()) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Number> endpoints = em.createNativeQuery("""
                select id from webhook_endpoint where enabled and events @> array[cast(:t as varchar)]""")
                .setParameter("t", type.get().wireName).getResultList();
        if (endpoints.isEmpty()) {
            return;
        }
        em.flush();
        Optional<Map<String, Object>> data = payloads.data(type.get(), event);
        if (data.isEmpty()) {
            return; // about something visitors may not see: an outside party gets nothing
        }
        UUID eventUuid = UUID.randomUUID();
        Instant now = clock.now();
        em.createNativeQuery("""
                insert into webhook_delivery (endpoint_id, event_id, event_uuid, delivery_uuid, event_type, body, status,
                                              next_attempt_at, created_at)
                select e.id, :event, :uuid, gen_random_uuid(), :type, :body, 'PENDING', :now, :now
                from webhook_endpoint e where e.id in (:ids)""")
                .setParameter("event", event.id).setParameter("uuid", eventUuid).setParameter("type", type.get().wireName)
                .setParameter("body", body(eventUuid, type.get().wireName, event.createdAt, data.get()))
                .setParameter("now", now).setParameter("ids", endpoints.stream().map(Number::longValue).toList())
                .executeUpdate();
    }

    /** Queues an admin's test event for one endpoint (sent by the job like any other). */
    public WebhookDelivery queueTest(WebhookEndpoint endpoint) {
        UUID eventUuid = UUID.randomUUID();
        WebhookDelivery delivery = new WebhookDelivery();
        delivery.endpointId = endpoint.id;
        delivery.eventUuid = eventUuid;
        delivery.deliveryUuid = UUID.randomUUID();
        delivery.eventType = WebhookEventType.TEST;
        delivery.createdAt = clock.now();
        delivery.nextAttemptAt = delivery.createdAt;
        delivery.status = WebhookDelivery.Status.PENDING;
        delivery.body = body(eventUuid, WebhookEventType.TEST, delivery.createdAt, payloads.test(endpoint));
        delivery.persist();
        return delivery;
    }

    /** The JSON every receiver gets: {"id", "type", "created_at", "data"}. */
    private String body(UUID id, String type, Instant createdAt, Map<String, Object> data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("id", id.toString());
        envelope.put("type", type);
        envelope.put("created_at", WebhookPayloads.iso(createdAt));
        envelope.put("data", data);
        try {
            return json.writeValueAsString(envelope);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
