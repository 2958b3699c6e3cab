package app.fanloop.notification;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import app.fanloop.member.Viewer;
import app.fanloop.web.RequestLocale;

/**
 * Before a signed-in member's request runs: counts their unread notifications for the bell and
 * remembers the language they use (e-mail is written in it), in one statement; a write happens
 * only when the language changed.
 */
public class BellFilter {

    private final Viewer viewer;
    private final Bell bell;
    private final NotificationService notifications;
    private final RequestLocale locale;

    BellFilter(Viewer viewer, Bell bell, NotificationService notifications, RequestLocale locale) {
        this.viewer = viewer;
        this.bell = bell;
        this.notifications = notifications;
        this.locale = locale;
    }

    @ServerRequestFilter
    void load() {
        viewer.member().ifPresent(member -> {
            Object[] state = notifications.bellState(member.id);
            bell.set(((Number) state[0]).intValue());
            String language = NotificationService.languageOf(locale.get());
            if (!language.equals(state[1])) {
                notifications.rememberLanguage(member.id, locale.get());
            }
        });
    }
}
