package app.fanloop.beta;

import java.util.List;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.web.Pages;
import app.fanloop.web.RequestLocale;
import app.fanloop.web.SiteConfig;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/**
 * /triage/beta: the PM's programs (list and the form that opens one) and a program's console (applicants by tester
 * score with its explanation, decisions one by one or the top N, participation, removals, closing, the build going
 * public). Staff only: the services check it.
 */
@Path("/triage/beta")
@Produces(MediaType.TEXT_HTML)
public class BetaConsoleResource {

    /** The programs and the new-program form as typed, with its errors. */
    public record ProgramsPage(List<BetaProgram> running, List<BetaProgram> closed, BetaProgramForm form,
            FieldErrors errors, String zone) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance programs(ProgramsPage page);

        static native TemplateInstance console(BetaConsole.View page);
    }

    private final BetaPrograms programs;
    private final BetaApplications applications;
    private final BetaConsole console;
    private final RequestLocale locale;
    private final SiteConfig site;

    BetaConsoleResource(BetaPrograms programs, BetaApplications applications, BetaConsole console, RequestLocale locale,
            SiteConfig site) {
        this.programs = programs;
        this.applications = applications;
        this.console = console;
        this.locale = locale;
        this.site = site;
    }

    @GET
    public TemplateInstance list() {
        console.requireStaff();
        BetaPrograms.Listing all = programs.listing();
        return Templates.programs(new ProgramsPage(all.running(), all.closed(), programs.emptyForm(), FieldErrors.none(),
                site.zone().getId()));
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response create(@BeanParam BetaProgramForm form) {
        try {
            BetaProgram p = programs.create(form);
            return Response.seeOther(UriBuilder.fromPath(p.consolePath()).build()).build();
        } catch (FormInvalid invalid) {
            BetaPrograms.Listing all = programs.listing();
            return Forms.badRequest(Templates.programs(new ProgramsPage(all.running(), all.closed(), form,
                    locale.errors(invalid), site.zone().getId())));
        }
    }

    @GET
    @Path("{slug}")
    public TemplateInstance console(@RestPath String slug, @RestQuery String sort, @RestQuery String state,
            @RestQuery String device, @RestQuery Integer page, @RestQuery String done, @RestQuery Integer a,
            @RestQuery Integer b) {
        return Templates.console(console.view(slug, query(sort, state, device, page), FieldErrors.none(), done(done, a, b)));
    }

    /** Accepts, waitlists or declines one applicant ({@code state}: ACCEPTED, WAITLISTED or DECLINED). */
    @POST
    @Path("{slug}/applications/{id}/decision")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response decide(@RestPath String slug, @RestPath long id, @RestForm String state) {
        return act(slug, () -> {
            applications.decide(slug, id, ApplicationState.parse(state));
            return done(slug, "saved", 0, 0);
        });
    }

    @POST
    @Path("{slug}/applications/{id}/remove")
    public Response remove(@RestPath String slug, @RestPath long id) {
        return act(slug, () -> done(slug, "removed", 1, applications.remove(slug, id)));
    }

    @POST
    @Path("{slug}/remove-behind")
    public Response removeBehind(@RestPath String slug) {
        return act(slug, () -> {
            int removed = applications.removeBehind(slug);
            return done(slug, "removed", removed, 0);
        });
    }

    /** Accepts the top {@code n} by score; {@code waitlistRest} puts everyone else who applied on the waitlist. */
    @POST
    @Path("{slug}/top")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response acceptTop(@RestPath String slug, @RestForm Integer n, @RestForm String waitlistRest) {
        return act(slug, () -> {
            BetaApplications.TopN top = applications.acceptTop(slug, n == null ? 0 : n,
                    "on".equals(waitlistRest) || "true".equals(waitlistRest));
            return done(slug, "accepted", top.accepted(), top.waitlisted());
        });
    }

    @POST
    @Path("{slug}/close")
    public Response close(@RestPath String slug) {
        return act(slug, () -> {
            programs.close(slug);
            return done(slug, "closed", 0, 0);
        });
    }

    @POST
    @Path("{slug}/build-public")
    public Response buildPublic(@RestPath String slug) {
        return act(slug, () -> done(slug, "build", programs.publishBuild(slug), 0));
    }

    /** Runs a console action: a 303 back to the console with what was done, or the console with the refusal (400). */
    private Response act(String slug, java.util.function.Supplier<Response> action) {
        try {
            return action.get();
        } catch (FormInvalid invalid) {
            return Forms.badRequest(Templates.console(console.view(slug, query(null, null, null, null),
                    locale.errors(invalid), null)));
        }
    }

    private static Response done(String slug, String what, int a, int b) {
        return Response.seeOther(UriBuilder.fromPath("/triage/beta/{slug}").queryParam("done", what).queryParam("a", a)
                .queryParam("b", b).build(slug)).build();
    }

    private String done(String what, Integer a, Integer b) {
        if (what == null) {
            return null;
        }
        BetaMessages msg = locale.messages(BetaMessages.class);
        int x = a == null ? 0 : a;
        int y = b == null ? 0 : b;
        return switch (what) {
            case "accepted" -> msg.console_done_accepted(x, y);
            case "removed" -> msg.console_done_removed(x, y);
            case "closed" -> msg.console_done_closed();
            case "build" -> msg.console_done_build(x);
            default -> msg.console_done_saved();
        };
    }

    private static TesterScores.Query query(String sort, String state, String device, Integer page) {
        return new TesterScores.Query(ApplicationState.parse(state), device == null ? "" : device.strip(),
                TesterScores.Sort.parse(sort), Pages.clamp(page, 10000));
    }
}
