package app.fanloop.web;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.fanloop.member.Viewer;
import io.quarkus.arc.All;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * How this request renders what is personal on a page. For a visitor every personal fact is false and
 * rendered at once. For a member, each {@code {#personal kind=subject}} section writes both of its branches
 * between slot marks, and {@link PersonalPage} picks one per slot from one query after rendering (so a
 * page's data and its member's state never need to be loaded together, and the same rendering can serve
 * every member: see {@link PageCache}). While a copy for sharing is rendered, the member's texts (name,
 * unread count…) are slots too.
 * <p>
 * The slot marks start with a NUL character (PostgreSQL text cannot hold one) and a secret drawn at start,
 * so nothing a member writes can pose as a slot.
 */
@RequestScoped
@Named("personal")
public class PersonalRendering {

    /** Every slot mark starts with this. */
    static final String MARK = "\u0000" + secret();

    private final Viewer viewer;
    private final List<PersonalText> texts;
    private boolean sharing;
    private final Map<String, Map<Long, Boolean>> known = new HashMap<>();

    PersonalRendering(Viewer viewer, @All List<PersonalText> texts) {
        this.viewer = viewer;
        this.texts = texts;
    }

    /** The current request's, or null outside a request (a mail rendered by a scheduled job). */
    static PersonalRendering current() {
        InjectableContext requests = Arc.container().requestContext();
        return requests.isActive() ? Arc.container().instance(PersonalRendering.class).get() : null;
    }

    /** Whether facts are left as slots (a member's request) rather than decided now (a visitor's: all false). */
    boolean marking() {
        return viewer.isSignedIn();
    }

    /**
     * A fact this request has just settled (the answer to a vote knows whether the member now votes), so
     * filling the page in need not ask the database.
     */
    public void know(String kind, long subject, boolean holds) {
        known.computeIfAbsent(kind, k -> new HashMap<>()).put(subject, holds);
    }

    Map<Long, Boolean> known(String kind) {
        return known.getOrDefault(kind, Map.of());
    }

    /** This rendering may be kept and shown to other members: the member's texts become slots as well. */
    void share() {
        sharing = true;
    }

    /** A member's text for the page: their name, initial or unread count ({@link PersonalText}). */
    public String text(String name) {
        if (sharing) {
            return MARK + "=" + name + ";";
        }
        return textNow(name);
    }

    String textNow(String name) {
        switch (name) {
            case "name":
                return viewer.name();
            case "initials":
                return viewer.initials();
            default:
                for (PersonalText text : texts) {
                    if (text.name().equals(name)) {
                        return text.text();
                    }
                }
                throw new IllegalArgumentException("no personal text named " + name);
        }
    }

    static String open(String kind, long subject) {
        return MARK + "<" + kind + ":" + subject + ">";
    }

    static String otherwise() {
        return MARK + "|";
    }

    static String close() {
        return MARK + "/";
    }

    private static String secret() {
        byte[] bytes = new byte[9];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
