package app.fanloop.notification;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import app.fanloop.member.Viewer;
import app.fanloop.web.RequestLocale;

/**
 * Before a signed-in member's request runs: sets the bell from its part of the member's statement
 * ({@link BellPart}, no statement of its own) and remembers the language they use (e-mail is written in it); a
 * write happens only when the language changed. The JSON API has no bell, and what an app or integration asks for
 * is not the language the member reads the site in: its calls leave both alone.
 */
public class BellFilter {

    private final Viewer viewer;
    private final Bell bell;
    private final BellPart part;
    private final NotificationService notifications;
    private final RequestLocale locale;

    BellFilter(Viewer viewer, Bell bell, BellPart part, NotificationService notifications, RequestLocale locale) {
        this.viewer = viewer;
        this.bell = bell;
        this.part = part;
        this.notifications = notifications;
        this.locale = locale;
    }

    @ServerRequestFilter
    void load(jakarta.ws.rs.container.ContainerRequestContext request) {
        if (request.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        viewer.part(part).ifPresent(state -> {
            bell.set(state.unread());
            String language = NotificationService.languageOf(locale.get());
            if (!language.equals(state.language())) {
                notifications.rememberLanguage(viewer.id(), locale.get());
            }
        });
    }
}
