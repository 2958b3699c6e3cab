package app.fanloop.beta;

import java.util.Optional;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.member.Viewer;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.web.RequestLocale;
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

/** /beta: the programs fans may apply to, a program's page with the viewer's application, and applying. */
@Path("/beta")
@Produces(MediaType.TEXT_HTML)
public class BetaResource {

    /**
     * A program's page: the program, the viewer's application (null if none), the form as typed with its errors,
     * the private board's address for its testers and staff (else null), and whether an application just went in.
     */
    public record ProgramPage(BetaProgram program, BetaApplication mine, ApplicationForm form, FieldErrors errors,
            String boardPath, boolean applied) {
        public boolean mayApply() {
            return mine == null && program.isTakingApplications();
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(BetaPrograms.Listing page);

        static native TemplateInstance program(ProgramPage page);
    }

    private final BetaPrograms programs;
    private final BetaApplications applications;
    private final Viewer viewer;
    private final RequestLocale locale;

    BetaResource(BetaPrograms programs, BetaApplications applications, Viewer viewer, RequestLocale locale) {
        this.programs = programs;
        this.applications = applications;
        this.viewer = viewer;
        this.locale = locale;
    }

    @GET
    public TemplateInstance list() {
        return Templates.list(programs.listing());
    }

    @GET
    @Path("{slug}")
    public TemplateInstance program(@RestPath String slug, @RestQuery String applied) {
        return page(slug, null, FieldErrors.none(), applied != null);
    }

    @POST
    @Path("{slug}/applications")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response apply(@RestPath String slug, @BeanParam ApplicationForm form) {
        try {
            applications.apply(slug, form);
            return Response.seeOther(UriBuilder.fromPath("/beta/{slug}").queryParam("applied", "1")
                    .fragment("application").build(slug)).build();
        } catch (FormInvalid invalid) {
            TemplateInstance again = page(slug, form, locale.errors(invalid), false);
            // A sanction refuses the member as a sanction does everywhere (403), with the reason on the form.
            boolean sanctioned = invalid.problems().stream().anyMatch(p -> "beta_sanctioned".equals(p.code()));
            return sanctioned ? Response.status(Response.Status.FORBIDDEN).entity(again).build() : Forms.badRequest(again);
        }
    }

    private TemplateInstance page(String slug, ApplicationForm form, FieldErrors errors, boolean applied) {
        BetaProgram program = programs.program(slug);
        Optional<BetaApplication> mine = applications.mine(program);
        boolean tester = mine.map(a -> a.state == ApplicationState.ACCEPTED).orElse(false);
        String board = tester || viewer.isStaff() ? "/boards/" + programs.boardSlug(program) : null;
        return Templates.program(new ProgramPage(program, mine.orElse(null), form == null ? ApplicationForm.empty() : form,
                errors, board, applied && mine.isPresent()));
    }
}
