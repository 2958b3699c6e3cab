package app.fanloop.notification;

import app.fanloop.web.PersonalFacts;
import app.fanloop.web.PersonalText;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The header's bell: the signed-in member's unread count, loaded once per request by
 * {@link BellFilter} on the worker thread, so the layout never queries while rendering. On pages shared
 * by all members it fills the {@code unread} slots ({@code {#personal unread}}, {@code personal.text('unread')}).
 */
@RequestScoped
@Named("bell")
public class Bell implements PersonalFacts, PersonalText {

    private int unread;

    @Override
    public String kind() {
        return "unread";
    }

    @Override
    public String name() {
        return "unread";
    }

    /** Known for this request already. */
    @Override
    public String sql() {
        return null;
    }

    @Override
    public boolean holds(long subject) {
        return isAny();
    }

    @Override
    public String text() {
        return getCount();
    }

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
