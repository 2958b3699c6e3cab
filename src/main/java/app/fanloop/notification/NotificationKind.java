package app.fanloop.notification;

/** What a notification tells its member. */
public enum NotificationKind {
    /** A suggestion they voted on or follow changed status. */
    STATUS_CHANGED,
    /** Staff answered officially on a suggestion they voted on or follow. */
    OFFICIAL_RESPONSE,
    /** Someone replied to their comment. */
    COMMENT_REPLY,
    /** Their own suggestion shipped in a release (they are credited on its page). */
    SUGGESTION_SHIPPED,
    /** Suggestions they voted on or follow shipped in a release: one notification per release, however many. */
    SUGGESTIONS_SHIPPED,
    /** A suggestion they follow or voted on was merged into another. */
    SUGGESTION_MERGED,
    /** A release came out on a channel they follow. */
    RELEASE_PUBLISHED,
    /** A new suggestion on a board they follow. */
    SUGGESTION_POSTED,
    /** (Admins) a webhook endpoint was switched off after repeated failed deliveries. */
    WEBHOOK_DISABLED,
    /** Their application to a beta program was accepted, waitlisted, declined, or they were removed as a tester. */
    BETA_APPLICATION,
    /** Someone @mentioned them in a suggestion or comment they may see. */
    MENTION,
    /** Their post was hidden, by reports or by an admin: why, and how to appeal. */
    CONTENT_HIDDEN
}
