package app.fanloop.webhook;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Webhooks: how deliveries are sent, retried and given up on, and which addresses may receive them. */
@ConfigMapping(prefix = "fanloop.webhooks")
public interface WebhookConfig {

    /** How often each node looks for due deliveries; "off" stops the job (tests call it themselves). */
    @WithDefault("5s")
    String deliverEvery();

    /** Deliveries claimed at once; they are sent in parallel, so a slow receiver does not hold up the others. */
    @WithDefault("50")
    int batchSize();

    /** The longest one call may take, connecting included; a slower receiver counts as a failed attempt. */
    @WithDefault("PT10S")
    Duration timeout();

    /**
     * How long a claimed delivery is reserved for the node that claimed it; if that node dies mid-call another
     * node sends it again after this (at-least-once: receivers de-duplicate on the event id). Must exceed timeout.
     */
    @WithDefault("PT2M")
    Duration lease();

    /** Attempts per delivery before it is given up (FAILED). */
    @WithDefault("8")
    int maxAttempts();

    /** The wait after the first failed attempt; it doubles after each further failure (30 s, 1 min, 2 min, …). */
    @WithDefault("PT30S")
    Duration backoff();

    /** The longest wait between two attempts, however many failed. */
    @WithDefault("PT6H")
    Duration maxBackoff();

    /** Failed attempts in a row (any delivery of the endpoint) that switch an endpoint off and tell the admins. */
    @WithDefault("20")
    int disableAfter();

    /**
     * Lets endpoints resolve to private, loopback, link-local, unique-local, multicast or unspecified addresses.
     * Off in production, so a webhook cannot be used to probe the internal network; tests turn it on.
     */
    @WithDefault("false")
    boolean allowPrivateAddresses();

    /**
     * Seals the endpoints' signing secrets in the database (AES-256-GCM under a key derived from this value), so a
     * copy of the database alone does not let anyone forge signed events. Required; set FANLOOP_WEBHOOKS_SECRET_KEY
     * in production (changing it makes the stored secrets unreadable: endpoints must then be added again).
     * Optional here so that web/StartupCheck, not the config loader, says what is missing or too weak.
     */
    @WithName("secret-key")
    Optional<String> secretKeySetting();

    default String secretKey() {
        return secretKeySetting().orElseThrow(() -> new IllegalStateException("FANLOOP_WEBHOOKS_SECRET_KEY is not set"));
    }
}
