package app.fanloop.notification;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The header's bell: the signed-in member's unread count, loaded once per request by
 * {@link BellFilter} on the worker thread, so the layout never queries while rendering.
 */
@RequestScoped
@Named("bell")
public class Bell {

    private int unread;

    void set(int unread) {
        this.unread = unread;
    }

    public int getUnread() {
        return unread;
    }

    public boolean isAny() {
        return unread > 0;
    }

    /** "3", or "99+" past the cap. */
    public String getCount() {
        return unread >= NotificationService.BELL_CAP ? "99+" : Integer.toString(unread);
    }
}
