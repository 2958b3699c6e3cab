package app.fanloop.notification;

/**
 * What the mail side tells the features above it (metrics) without importing them, fired inside the transaction that
 * records it: a sent mail with the transaction that marks it sent, a failed one with the row that records the failure. An
 * observer that counts should observe {@code during = AFTER_SUCCESS}, so a rolled-back run counts nothing.
 */
public sealed interface MailEvent {

    /** The SMTP server took a mail. */
    record Sent(MailKind kind) implements MailEvent {
    }

    /** The SMTP server did not take a mail; {@code gaveUp} when that was the last attempt the retry policy allows. */
    record Failed(MailKind kind, boolean gaveUp) implements MailEvent {
    }
}
