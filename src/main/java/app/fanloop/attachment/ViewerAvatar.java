package app.fanloop.attachment;

import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.web.PersonalFacts;
import app.fanloop.web.PersonalText;
import jakarta.enterprise.context.RequestScoped;

/**
 * The header's picture of the signed-in member: a slot on pages shared by all members ({@code {#personal avatar}}
 * chooses the picture or the initials, {@code personal.text('avatar')} is its address), answered from the member
 * read with the request, so filling it in asks the database nothing.
 */
@RequestScoped
public class ViewerAvatar implements PersonalFacts, PersonalText {

    private final Viewer viewer;

    ViewerAvatar(Viewer viewer) {
        this.viewer = viewer;
    }

    @Override
    public String kind() {
        return "avatar";
    }

    @Override
    public String name() {
        return "avatar";
    }

    @Override
    public String sql() {
        return null;
    }

    /** The member has a picture to show (uploaded, or their token's https one). */
    @Override
    public boolean holds(long subject) {
        return !text().isEmpty();
    }

    /** The address of the member's picture, or "" when the initials show. */
    @Override
    public String text() {
        String url = viewer.member().map(Member::avatarUrl).orElse(null);
        return url == null ? "" : url;
    }
}
