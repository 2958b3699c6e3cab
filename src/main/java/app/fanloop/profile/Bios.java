package app.fanloop.profile;

import java.util.List;

import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** A member's bio: plain text (shown escaped, line breaks kept), at most {@link #MAX} characters. */
@ApplicationScoped
public class Bios {

    public static final int MAX = 300;

    private final Viewer viewer;
    private final EntityManager em;

    Bios(Viewer viewer, EntityManager em) {
        this.viewer = viewer;
        this.em = em;
    }

    /** Saves the signed-in member's bio (a silenced member may not: it is public text); blank empties it. */
    @Transactional
    public void save(String text) {
        Member me = viewer.requireVoice();
        String bio = text == null ? "" : text.strip().replace("\r\n", "\n");
        if (bio.codePointCount(0, bio.length()) > MAX) {
            throw new FormInvalid(List.of(new FormInvalid.Problem("bio", FieldErrors.TOO_LONG, MAX)));
        }
        em.createNativeQuery("update member set bio = :bio where id = :id").setParameter("bio", bio)
                .setParameter("id", me.id).executeUpdate();
    }
}
