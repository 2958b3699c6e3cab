package app.fanloop.moderation;

import java.util.List;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.member.DisplayNames;
import app.fanloop.member.Member;
import app.fanloop.member.NameChange;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.web.RequestLocale;
import app.fanloop.web.SiteClock;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/** Admins find members, see their posts, reports and sanctions, sanction them and grant roles. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class MemberAdminResource {

    static final int LIST_SIZE = 50;
    static final int POSTS = 30;

    /** One member as an admin sees them. */
    public record MemberPage(Member member, List<Suggestion> posts, List<Report> reportsAgainst, List<Sanction> sanctions,
            java.time.Instant now, FieldErrors errors, String kind, String until, String reason, List<NameChange> names,
            String newName) {
        public boolean hasLocalRole(String role) {
            return java.util.Arrays.asList(member.localRoles).contains(role);
        }

        public boolean hasTokenRole(String role) {
            return java.util.Arrays.asList(member.tokenRoles).contains(role);
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<Member> members, String q);

        static native TemplateInstance show(MemberPage page);
    }

    private final MemberAdminService service;
    private final SiteClock clock;
    private final RequestLocale locale;
    private final DisplayNames names;

    MemberAdminResource(MemberAdminService service, SiteClock clock, RequestLocale locale, DisplayNames names) {
        this.names = names;
        this.service = service;
        this.clock = clock;
        this.locale = locale;
    }

    @GET
    @Path("admin/members")
    public TemplateInstance list(@RestQuery String q) {
        return Templates.list(service.search(q, LIST_SIZE), q == null ? "" : q);
    }

    @GET
    @Path("admin/members/{id}")
    public TemplateInstance show(@RestPath long id) {
        return Templates.show(page(service.load(id), FieldErrors.none(), "SILENCE", "", ""));
    }

    /** An admin renames a member: the same rules as their own change, without the wait; kept in the name history. */
    @POST
    @Path("admin/members/{id}/name")
    public Response rename(@RestPath long id, @RestForm String name) {
        Member member = service.load(id);
        try {
            names.rename(member.id, name);
            return back(id);
        } catch (FormInvalid invalid) {
            return Forms.badRequest(Templates.show(page(member, locale.errors(invalid), "SILENCE", "", "", name)));
        }
    }

    @POST
    @Path("admin/members/{id}/sanctions")
    public Response sanction(@RestPath long id, @RestForm String kind, @RestForm String until, @RestForm boolean permanent,
            @RestForm String reason) {
        try {
            service.sanction(id, kind, until, permanent, reason);
            return back(id);
        } catch (FormInvalid invalid) {
            return Forms.badRequest(Templates.show(page(service.load(id),
                    locale.errors(invalid), kind, until, reason)));
        }
    }

    @POST
    @Path("admin/members/{id}/sanctions/{sanction}/lift")
    public Response lift(@RestPath long id, @RestPath long sanction) {
        service.lift(id, sanction);
        return back(id);
    }

    @POST
    @Path("admin/members/{id}/roles")
    public Response role(@RestPath long id, @RestForm String role, @RestForm boolean granted) {
        service.setRole(id, role, granted);
        return back(id);
    }

    private MemberPage page(Member member, FieldErrors errors, String kind, String until, String reason) {
        return page(member, errors, kind, until, reason, member.name);
    }

    private MemberPage page(Member member, FieldErrors errors, String kind, String until, String reason, String newName) {
        List<Suggestion> posts = Suggestion.<Suggestion> find(
                "from Suggestion s join fetch s.board where s.author.id = ?1 order by s.createdAt desc", member.id)
                .page(0, POSTS).list();
        List<Report> against = Report.list("""
                from Report r join fetch r.reporter left join fetch r.suggestion left join fetch r.comment c
                where r.suggestion.author.id = ?1 or c.author.id = ?1 order by r.createdAt desc""", member.id);
        return new MemberPage(member, posts, against, Sanction.of(member.id), clock.now(), errors,
                kind == null ? "" : kind, until == null ? "" : until, reason == null ? "" : reason, NameChange.of(member.id),
                newName == null ? "" : newName);
    }

    private static Response back(long id) {
        return Response.seeOther(UriBuilder.fromPath("/admin/members/{id}").build(id)).build();
    }
}
