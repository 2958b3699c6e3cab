package app.fanloop.notification;

import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a member chooses a channel for on /me (notification_choice.category): kinds of notification grouped as a fan
 * thinks of them. The one home of the kind → category map, in Java ({@link #of}) and in SQL ({@link #sqlOf}, made
 * from the same map), so delivery, mail, the digest and the settings page agree.
 */
public enum NotificationCategory {
    /** Replies to my posts and comments, and official answers on what I follow. */
    REPLIES,
    /** Someone @mentioned me. */
    MENTIONS,
    /** Status changes, merges and shipping of what I follow or voted on; new posts on boards I follow. */
    FOLLOWED,
    /** Releases on channels I follow. */
    RELEASES,
    /** Beta programs (内测): kinds named BETA_… (issue 20) fall here. */
    BETA,
    /** Moderation notices: my post was hidden; (admins) a webhook was switched off. */
    MODERATION;

    public static final List<NotificationCategory> ALL = List.of(values());

    /** The category of a kind; a kind this map does not name goes to {@link #defaultFor(String)}. */
    public static NotificationCategory of(NotificationKind kind) {
        return of(kind.name());
    }

    /** The category of a kind by its name (a kind added later is still placed: see {@link #defaultFor(String)}). */
    static NotificationCategory of(String kind) {
        return switch (kind) {
            case "COMMENT_REPLY", "OFFICIAL_RESPONSE" -> REPLIES;
            case "MENTION" -> MENTIONS;
            case "STATUS_CHANGED", "SUGGESTION_SHIPPED", "SUGGESTIONS_SHIPPED", "SUGGESTION_MERGED", "SUGGESTION_POSTED" -> FOLLOWED;
            case "RELEASE_PUBLISHED" -> RELEASES;
            case "CONTENT_HIDDEN", "WEBHOOK_DISABLED" -> MODERATION;
            default -> defaultFor(kind);
        };
    }

    /**
     * A kind the map above does not name: a beta program's kinds (BETA_…) are BETA; anything else is about what the
     * member follows, the broadest category, so a new kind is never dropped nor louder than a status change.
     */
    static NotificationCategory defaultFor(String kind) {
        return kind.startsWith("BETA") ? BETA : FOLLOWED;
    }

    /** The category of the kind in {@code kindColumn} as an SQL expression, from {@link #of} over every kind. */
    static String sqlOf(String kindColumn) {
        return Stream.of(NotificationKind.values())
                .map(k -> "when '" + k.name() + "' then '" + of(k).name() + "'")
                .collect(Collectors.joining(" ", "(case " + kindColumn + " ", " else '" + FOLLOWED.name() + "' end)"));
    }

    /** The member-facing name for the per-kind unsubscribe link and the token ({@code mentions}, …). */
    public String slug() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static NotificationCategory parse(String value) {
        if (value != null) {
            for (NotificationCategory c : values()) {
                if (c.name().equalsIgnoreCase(value.strip())) {
                    return c;
                }
            }
        }
        return null;
    }
}
