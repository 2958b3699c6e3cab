package app.fanloop.moderation;

import java.util.List;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;

import app.fanloop.member.Viewer;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.PostingService;
import app.fanloop.suggestion.CommentingService;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.web.RequestLocale;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/** Members report a suggestion or a comment. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ReportResource {

    /** The report form for one post. */
    public record ReportPage(Suggestion suggestion, Comment comment, String action, String reason, String text,
            FieldErrors errors) {
        public List<ReportReason> reasons() {
            return List.of(ReportReason.values());
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance form(ReportPage page);

        static native TemplateInstance thanks(Suggestion suggestion);
    }

    private final ModerationService moderation;
    private final PostingService posting;
    private final CommentingService commenting;
    private final Viewer viewer;
    private final RequestLocale locale;

    ReportResource(ModerationService moderation, PostingService posting, CommentingService commenting, Viewer viewer, RequestLocale locale) {
        this.moderation = moderation;
        this.posting = posting;
        this.commenting = commenting;
        this.viewer = viewer;
        this.locale = locale;
    }

    @GET
    @Path("suggestions/{id}/report")
    public TemplateInstance suggestionForm(@RestPath long id) {
        viewer.requireVoice();
        Suggestion s = posting.visible(id);
        return Templates.form(new ReportPage(s, null, s.path() + "/report", "", "", FieldErrors.none()));
    }

    @GET
    @Path("comments/{id}/report")
    public TemplateInstance commentForm(@RestPath long id) {
        viewer.requireVoice();
        Comment c = commenting.visibleComment(id);
        return Templates.form(new ReportPage(c.suggestion, c, "/comments/" + c.id + "/report", "", "", FieldErrors.none()));
    }

    @POST
    @Path("suggestions/{id}/report")
    public Response reportSuggestion(@RestPath long id, @RestForm String reason, @RestForm String text) {
        try {
            moderation.report(ModerationService.Target.SUGGESTION, id, reason, text);
            return thanks(id);
        } catch (FormInvalid invalid) {
            Suggestion s = posting.visible(id);
            return Forms.badRequest(Templates.form(new ReportPage(s, null, s.path() + "/report", reason, text,
                    locale.errors(invalid))));
        }
    }

    @POST
    @Path("comments/{id}/report")
    public Response reportComment(@RestPath long id, @RestForm String reason, @RestForm String text) {
        try {
            Comment c = commenting.visibleComment(id);
            moderation.report(ModerationService.Target.COMMENT, id, reason, text);
            return thanks(c.suggestion.id);
        } catch (FormInvalid invalid) {
            Comment c = commenting.visibleComment(id);
            return Forms.badRequest(Templates.form(new ReportPage(c.suggestion, c, "/comments/" + id + "/report",
                    reason, text, locale.errors(invalid))));
        }
    }

    @GET
    @Path("reported/{id}")
    public TemplateInstance reported(@RestPath long id) {
        return Templates.thanks(suggestionOrNull(id));
    }

    private Suggestion suggestionOrNull(long id) {
        try {
            return posting.visible(id);
        } catch (jakarta.ws.rs.NotFoundException hidden) {
            return null;
        }
    }

    private static Response thanks(long suggestionId) {
        return Response.seeOther(UriBuilder.fromPath("/reported/{id}").build(suggestionId)).build();
    }
}
