package app.fanloop.event;

/**
 * Fired synchronously by {@link DomainEvents} right after an event is recorded, inside the same transaction, so a
 * feature that must act on every event (webhooks) writes its rows with the change or not at all, without this base
 * package knowing it.
 */
public record DomainEventRecorded(DomainEvent event) {
}
