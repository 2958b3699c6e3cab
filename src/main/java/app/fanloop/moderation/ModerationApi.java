package app.fanloop.moderation;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The JSON API of moderation: reporting a post (members), hiding and restoring it (admins). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Moderation", description = "Reports (举报) and hiding posts")
public class ModerationApi {

    @Schema(name = "ReportInput", description = "Why the post is reported; `text` is required for OTHER.", example = """
            {"reason": "SPAM", "text": null}""")
    public record ReportInput(@Schema(required = true, enumeration = { "SPAM", "ABUSE", "OFF_TOPIC", "DUPLICATE",
            "OTHER" }) String reason, @Schema(nullable = true, maxLength = 1000) String text) {
    }

    @Schema(name = "HideInput", description = "Why the post is hidden; its author reads it.", example = """
            {"reason": "广告"}""")
    public record HideInput(@Schema(required = true, maxLength = 500) String reason) {
    }

    private final ModerationService moderation;

    ModerationApi(ModerationService moderation) {
        this.moderation = moderation;
    }

    @POST
    @Path("suggestions/{id}/reports")
    @Operation(summary = "Report a suggestion", description = "Reports from several members hide it until an admin reviews it.")
    @APIResponse(responseCode = "204", description = "Reported")
    @APIResponse(responseCode = "409", description = "One's own post, or reported by the caller already")
    @APIResponse(responseCode = "422", description = "No reason, or OTHER without a text")
    public void reportSuggestion(@RestPath long id, ReportInput input) {
        report(ModerationService.Target.SUGGESTION, id, input);
    }

    @POST
    @Path("comments/{id}/reports")
    @Operation(summary = "Report a comment")
    @APIResponse(responseCode = "204", description = "Reported")
    @APIResponse(responseCode = "409", description = "One's own post, or reported by the caller already")
    @APIResponse(responseCode = "422", description = "No reason, or OTHER without a text")
    public void reportComment(@RestPath long id, ReportInput input) {
        report(ModerationService.Target.COMMENT, id, input);
    }

    private void report(ModerationService.Target target, long id, ReportInput input) {
        moderation.report(target, id, input == null ? null : input.reason(), input == null ? null : input.text());
    }

    @POST
    @Path("suggestions/{id}/hide")
    @Operation(summary = "Hide a suggestion (admin)", description = "With a reason; open reports on it are upheld. Nothing "
            + "is deleted: its author and admins still see it.")
    @APIResponse(responseCode = "204", description = "Hidden")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "409", description = "Hidden already")
    public void hideSuggestion(@RestPath long id, HideInput input) {
        moderation.hide(ModerationService.Target.SUGGESTION, id, input == null ? null : input.reason());
    }

    @POST
    @Path("comments/{id}/hide")
    @Operation(summary = "Hide a comment (admin)", description = "With a reason; open reports on it are upheld.")
    @APIResponse(responseCode = "204", description = "Hidden")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "409", description = "Hidden already")
    public void hideComment(@RestPath long id, HideInput input) {
        moderation.hide(ModerationService.Target.COMMENT, id, input == null ? null : input.reason());
    }

    @POST
    @Path("suggestions/{id}/restore")
    @Operation(summary = "Show a hidden suggestion again (admin)", description = "Open reports on it are dismissed.")
    @APIResponse(responseCode = "204", description = "Shown again")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "409", description = "Not hidden")
    public void restoreSuggestion(@RestPath long id) {
        moderation.restore(ModerationService.Target.SUGGESTION, id);
    }

    @POST
    @Path("comments/{id}/restore")
    @Operation(summary = "Show a hidden comment again (admin)", description = "Open reports on it are dismissed.")
    @APIResponse(responseCode = "204", description = "Shown again")
    @APIResponse(responseCode = "403", description = "Not an admin")
    @APIResponse(responseCode = "409", description = "Not hidden")
    public void restoreComment(@RestPath long id) {
        moderation.restore(ModerationService.Target.COMMENT, id);
    }
}
