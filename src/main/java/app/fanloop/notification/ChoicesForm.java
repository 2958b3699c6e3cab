package app.fanloop.notification;

import org.jboss.resteasy.reactive.RestForm;

/** The notification choices form on /me: one channel per category, by the category's slug. */
public record ChoicesForm(@RestForm String replies, @RestForm String mentions, @RestForm String followed,
        @RestForm String releases, @RestForm String beta, @RestForm String moderation) {

    /** The value sent for a category (null when the form left it out: unchanged). */
    String of(NotificationCategory category) {
        return switch (category) {
            case REPLIES -> replies;
            case MENTIONS -> mentions;
            case FOLLOWED -> followed;
            case RELEASES -> releases;
            case BETA -> beta;
            case MODERATION -> moderation;
        };
    }
}
