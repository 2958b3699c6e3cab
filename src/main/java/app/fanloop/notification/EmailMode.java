package app.fanloop.notification;

import java.util.List;

/** How a member wants e-mail about their notifications; the weekly digest unless they choose otherwise. */
public enum EmailMode {
    OFF, IMMEDIATE, WEEKLY;

    public static final EmailMode DEFAULT = WEEKLY;
    public static final List<EmailMode> ALL = List.of(values());

    public static EmailMode parse(String value) {
        if (value != null) {
            for (EmailMode mode : values()) {
                if (mode.name().equalsIgnoreCase(value.strip())) {
                    return mode;
                }
            }
        }
        return null;
    }
}
