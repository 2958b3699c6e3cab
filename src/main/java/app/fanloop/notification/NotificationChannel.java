package app.fanloop.notification;

import java.util.List;

/**
 * How a member wants one category of notification: in the bell only, in the bell and by e-mail at once, in the bell
 * and in the weekly digest, or not at all (no notification is written).
 */
public enum NotificationChannel {
    BELL, IMMEDIATE, WEEKLY, OFF;

    public static final List<NotificationChannel> ALL = List.of(values());

    /** A category's default: what the member's e-mail setting says (no e-mail: the bell). */
    public static NotificationChannel defaultFor(EmailMode mode) {
        return switch (mode) {
            case OFF -> BELL;
            case IMMEDIATE -> IMMEDIATE;
            case WEEKLY -> WEEKLY;
        };
    }

    public boolean mails() {
        return this == IMMEDIATE || this == WEEKLY;
    }

    public static NotificationChannel parse(String value) {
        if (value != null) {
            for (NotificationChannel c : values()) {
                if (c.name().equalsIgnoreCase(value.strip())) {
                    return c;
                }
            }
        }
        return null;
    }
}
