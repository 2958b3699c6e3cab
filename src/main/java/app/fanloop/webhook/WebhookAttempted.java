package app.fanloop.webhook;

/**
 * One webhook delivery attempt and how it ended, fired by {@link WebhookDeliveryJob} inside the transaction that records
 * it, for the features above (metrics), which observe it after that transaction commits.
 */
public record WebhookAttempted(Outcome outcome) {

    public enum Outcome {
        /** The endpoint answered 2xx. */
        DELIVERED,
        /** It failed; another attempt is scheduled. */
        RETRYING,
        /** It failed on the last attempt: the delivery is given up. */
        FAILED
    }
}
