package app.fanloop.notification;

import java.util.List;
import java.util.Map;

import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The notification choices section of /me ({@code inject:notificationChoices} in the profile template): the signed-in
 * member's channel per category, read once per request when the page shows it.
 */
@Named("notificationChoices")
@RequestScoped
public class ChoicesPart {

    /** One line of the form: a category, the channel in force, and the channels to choose from. */
    public record Row(NotificationCategory category, NotificationChannel channel) {
        public List<NotificationChannel> channels() {
            return NotificationChannel.ALL;
        }
    }

    private final Viewer viewer;
    private final NotificationService notifications;
    private final NotificationChoices choices;
    private final HttpServerRequest request;
    private List<Row> rows;

    ChoicesPart(Viewer viewer, NotificationService notifications, NotificationChoices choices, HttpServerRequest request) {
        this.request = request;
        this.viewer = viewer;
        this.notifications = notifications;
        this.choices = choices;
    }

    /** Whether the page follows a save of this form (?saved=choices, as the e-mail setting's ?saved=email). */
    public boolean isSaved() {
        return "choices".equals(request.getParam("saved"));
    }

    /** The signed-in member's choices, every category; empty for a visitor. */
    public List<Row> getRows() {
        if (rows == null) {
            Member me = viewer.member().orElse(null);
            if (me == null) {
                rows = List.of();
            } else {
                Map<NotificationCategory, NotificationChannel> current = choices.of(me.id, notifications.emailMode(me.id));
                rows = current.entrySet().stream().map(e -> new Row(e.getKey(), e.getValue())).toList();
            }
        }
        return rows;
    }
}
