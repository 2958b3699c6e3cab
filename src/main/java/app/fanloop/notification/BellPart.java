package app.fanloop.notification;

import java.util.List;

import app.fanloop.member.ViewerPart;
import jakarta.inject.Singleton;

/**
 * The bell's part of the statement that resolves the signed-in member on every request: the unread count (the same
 * condition as the list, {@link NotificationService#unreadSql}) and the language remembered for their e-mail.
 */
@Singleton
public class BellPart implements ViewerPart<BellPart.State> {

    /** What the bell and the language check need; the language is null until first remembered. */
    public record State(int unread, String language) {
    }

    @Override
    public List<String> columns() {
        return List.of(NotificationService.unreadSql("m.id"),
                "(select language from notification_preference where member_id = m.id)");
    }

    @Override
    public State read(Object[] values) {
        return new State(((Number) values[0]).intValue(), (String) values[1]);
    }
}
