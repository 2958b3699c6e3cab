package app.fanloop.member;

import java.util.List;

import org.jboss.resteasy.reactive.RestPath;

import app.fanloop.suggestion.Suggestion;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** Profiles: a member's own (/me) and everyone's public one. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class MemberResource {

    static final int RECENT = 20;

    public record Profile(Member member, List<Suggestion> suggestions, boolean own) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance profile(Profile profile);
    }

    private final Viewer viewer;

    MemberResource(Viewer viewer) {
        this.viewer = viewer;
    }

    @GET
    @Path("me")
    public TemplateInstance me() {
        Member me = viewer.require();
        return Templates.profile(new Profile(me, suggestionsOf(me, true), true));
    }

    @GET
    @Path("members/{id}")
    public TemplateInstance show(@RestPath long id) {
        Member member = Member.<Member> findByIdOptional(id).orElseThrow(NotFoundException::new);
        boolean own = viewer.is(member);
        return Templates.profile(new Profile(member, suggestionsOf(member, own || viewer.isAdmin()), own));
    }

    private static List<Suggestion> suggestionsOf(Member member, boolean withHidden) {
        return Suggestion.<Suggestion> find("from Suggestion s join fetch s.board where s.author.id = ?1"
                + (withHidden ? "" : " and s.hidden = false") + " order by s.createdAt desc", member.id)
                .page(0, RECENT).list();
    }
}
