package app.fanloop.notification;

/** The two kinds of notification mail: "immediately" mail a few seconds after delivery, and the weekly digest. */
public enum MailKind {
    IMMEDIATE, DIGEST
}
