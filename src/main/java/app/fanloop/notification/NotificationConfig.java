package app.fanloop.notification;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

@ConfigMapping(prefix = "fanloop.notification")
public interface NotificationConfig {

    /** How often recorded events are turned into notifications; "off" stops the job (tests call it themselves). */
    @WithDefault("5s")
    String deliverEvery();

    /** How often "immediately" e-mails go out; "off" stops the job. */
    @WithDefault("30s")
    String mailEvery();

    /** How often the digest job looks whether a week's digest is due; "off" stops it. */
    @WithDefault("15m")
    String digestEvery();

    /** Events claimed per transaction by the delivery job. */
    @WithDefault("100")
    int batchSize();

    /** Audience members turned into notifications per transaction: a release to millions is many short transactions. */
    @WithDefault("10000")
    int chunkSize();

    /** The weekly digest covers Monday to Sunday (in fanloop.site.zone) and goes out from this day and time on. */
    @WithDefault("MONDAY")
    DayOfWeek digestDay();

    @WithDefault("09:00")
    LocalTime digestTime();

    /** Notifications per page on /me/notifications. */
    @WithDefault("30")
    int pageSize();

    /**
     * The retry policy of mail the SMTP server did not take (MailAttempts): the wait after the n-th failure in a row is
     * mail-retry-backoff × 2^(n−1), at most mail-retry-max-backoff; after mail-max-attempts failures the job stops
     * trying and the mail waits, still pending, for an admin to send it again on /admin/mail.
     */
    @WithDefault("1m")
    java.time.Duration mailRetryBackoff();

    @WithDefault("1h")
    java.time.Duration mailRetryMaxBackoff();

    /** With the defaults, about seven hours of trying. */
    @WithDefault("12")
    int mailMaxAttempts();

    /**
     * How long a mail claimed for sending is the claiming node's: another node sends it again (same Message-ID) only
     * after this, so it must outlast the slowest send the mailer allows, and it is how late a mail is whose node died
     * mid-send.
     */
    @WithDefault("5m")
    java.time.Duration mailLease();

    /**
     * Signs the one-click unsubscribe links in e-mail; set FANLOOP_NOTIFICATION_UNSUBSCRIBE_SECRET in production.
     * Optional here so that web/StartupCheck, not the config loader, says what is missing or too weak.
     */
    @WithName("unsubscribe-secret")
    Optional<String> unsubscribeSecretSetting();

    default String unsubscribeSecret() {
        return unsubscribeSecretSetting()
                .orElseThrow(() -> new IllegalStateException("FANLOOP_NOTIFICATION_UNSUBSCRIBE_SECRET is not set"));
    }
}
