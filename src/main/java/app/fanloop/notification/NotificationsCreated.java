package app.fanloop.notification;

/**
 * Fired by {@link NotificationDelivery} inside the transaction that wrote {@code count} notifications (one per event and
 * member of its audience), for the features above (metrics), which observe it after that transaction commits.
 */
public record NotificationsCreated(int count) {
}
