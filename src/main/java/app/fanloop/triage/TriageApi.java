package app.fanloop.triage;

import java.net.URI;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.member.Viewer;
import app.fanloop.suggestion.SuggestionJson;
import app.fanloop.web.Cursor;
import app.fanloop.web.SiteClock;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON API of the PM's work: the public roadmap, feature items (staff), merging duplicates (staff). */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Triage", description = "The roadmap, feature items and merges")
public class TriageApi {

    @Schema(name = "RoadmapItem", description = "A feature item on the roadmap with its public suggestions.")
    public record RoadmapItem(long id, String title, FeatureItemStatus status, int demand,
            @Schema(nullable = true) String targetRelease, List<SuggestionJson.Ref> suggestions) {
    }

    @Schema(name = "RoadmapColumn")
    public record RoadmapColumn(FeatureItemStatus status, List<RoadmapItem> items) {
    }

    @Schema(name = "Roadmap", description = "Planned, in progress and recently shipped, by demand.", example = """
            {"columns": [{"status": "PLANNED", "items": [{"id": 88, "title": "Manual night shutter", "status": "PLANNED", "demand": 402, "targetRelease": "OS2.1", "suggestions": [{"id": 1024, "title": "夜景模式增加手动快门", "board": "camera", "status": "PLANNED", "votes": 318}]}]}, {"status": "IN_PROGRESS", "items": []}, {"status": "SHIPPED", "items": []}]}""")
    public record RoadmapView(List<RoadmapColumn> columns) {
    }

    @Schema(name = "FeatureItem", description = "A PM's tracked unit of work (staff only).", example = """
            {"id": 88, "title": "Manual night shutter", "description": "From the camera board.", "descriptionHtml": "<p>From the camera board.</p>", "status": "PLANNED", "priority": 1, "ownerId": 7, "targetRelease": "OS2.1", "cancelReason": null, "demand": 402, "createdAt": "2026-11-22T09:00:00Z", "statusChangedAt": "2026-11-22T09:00:00Z", "suggestions": [{"id": 1024, "title": "夜景模式增加手动快门", "board": "camera", "status": "PLANNED", "votes": 318}]}""")
    public record FeatureItemView(long id, String title, String description, String descriptionHtml,
            FeatureItemStatus status, int priority, @Schema(nullable = true) Long ownerId,
            @Schema(nullable = true) String targetRelease, @Schema(nullable = true) String cancelReason,
            @Schema(description = "Distinct voters over its suggestions.") int demand, Instant createdAt,
            Instant statusChangedAt, @Schema(nullable = true) List<SuggestionJson.Ref> suggestions) {

        static FeatureItemView of(FeatureItem f, List<SuggestionJson.Ref> suggestions) {
            return new FeatureItemView(f.id, f.title, f.description, f.descriptionHtml, f.status, f.priority,
                    f.owner == null ? null : f.owner.id, f.targetRelease, f.cancelReason, f.demand, f.createdAt,
                    f.statusChangedAt, suggestions);
        }
    }

    @Schema(name = "FeatureItemInput", description = "A feature item as a PM writes it; `suggestionIds` are linked on creation.", example = """
            {"title": "Manual night shutter", "description": "From the camera board.", "priority": 1, "ownerId": 7, "targetRelease": "OS2.1", "suggestionIds": [1024, 1187]}""")
    public record FeatureItemInput(@Schema(required = true, maxLength = 160) String title,
            @Schema(nullable = true, maxLength = 20000) String description,
            @Schema(minimum = "0", maximum = "3", defaultValue = "2", nullable = true) Integer priority,
            @Schema(nullable = true) Long ownerId, @Schema(nullable = true, maxLength = 60) String targetRelease,
            @Schema(nullable = true) List<Long> suggestionIds) {

        FeatureItemForm form() {
            return new FeatureItemForm(title, description, priority == null ? 2 : priority, ownerId, targetRelease,
                    suggestionIds);
        }
    }

    @Schema(name = "FeatureStatusInput", description = "A new status; CANCELLED needs a reason.", example = """
            {"status": "IN_PROGRESS", "reason": null}""")
    public record FeatureStatusInput(@Schema(required = true, enumeration = { "BACKLOG", "PLANNED", "IN_PROGRESS",
            "CANCELLED" }) String status, @Schema(nullable = true, maxLength = 2000) String reason) {
    }

    @Schema(name = "MergeInput", description = "The suggestion this one duplicates, and a note for the timeline.", example = """
            {"into": 1024, "note": "同一个需求"}""")
    public record MergeInput(@Schema(required = true) Long into, @Schema(nullable = true) String note) {
    }

    private final FeatureItemService features;
    private final MergeService merges;
    private final Viewer viewer;
    private final TriageConfig config;
    private final SiteClock clock;

    TriageApi(FeatureItemService features, MergeService merges, Viewer viewer, TriageConfig config, SiteClock clock) {
        this.features = features;
        this.merges = merges;
        this.viewer = viewer;
        this.config = config;
        this.clock = clock;
    }

    @GET
    @Path("roadmap")
    @Operation(summary = "The public roadmap", description = "As the roadmap page: planned, in progress and recently "
            + "shipped feature items by demand, each with its public suggestions.")
    @APIResponse(responseCode = "200", description = "The roadmap")
    public RoadmapView roadmap() {
        return new RoadmapView(RoadmapResource.current(config, clock).columns().stream()
                .map(c -> new RoadmapColumn(c.status(), c.entries().stream()
                        .map(e -> new RoadmapItem(e.item().id, e.item().title, e.item().status, e.item().demand,
                                e.item().targetRelease, e.suggestions().stream().map(SuggestionJson.Ref::of).toList()))
                        .toList()))
                .toList());
    }

    @GET
    @Path("feature-items")
    @Operation(summary = "Feature items (staff)", description = "By demand, highest first; filter by status; pages by cursor.")
    @APIResponse(responseCode = "200", description = "One page of feature items")
    @APIResponse(responseCode = "403", description = "Not staff")
    public Cursor.Page<FeatureItemView> list(@RestQuery String status, @RestQuery String cursor,
            @Parameter(description = "1-100, default 20") @RestQuery Integer limit) {
        viewer.requireStaff();
        int size = Cursor.limit(limit);
        FeatureItemStatus filter = FeatureItemStatus.parse(status);
        Cursor after = Cursor.parse(cursor, 2);
        String where = (filter == null ? "1 = 1" : "f.status = :status")
                + (after == null ? "" : " and (f.demand, f.id) < (:demand, :id)");
        var query = FeatureItem.getEntityManager().createQuery("from FeatureItem f left join fetch f.owner where "
                + where + " order by f.demand desc, f.id desc", FeatureItem.class);
        if (filter != null) {
            query.setParameter("status", filter);
        }
        if (after != null) {
            query.setParameter("demand", (int) after.longAt(0)).setParameter("id", after.longAt(1));
        }
        return Cursor.Page.of(query.setMaxResults(size + 1).getResultList(), size, f -> Cursor.of(f.demand, f.id),
                f -> FeatureItemView.of(f, null));
    }

    @GET
    @Path("feature-items/{id}")
    @Operation(summary = "One feature item (staff)", description = "With its linked suggestions.")
    @APIResponse(responseCode = "200", description = "The feature item")
    @APIResponse(responseCode = "403", description = "Not staff")
    @APIResponse(responseCode = "404", description = "No such feature item")
    public FeatureItemView show(@RestPath long id) {
        FeatureItem item = features.load(id);
        return FeatureItemView.of(item, FeatureItemService.linked(item.id).stream().map(SuggestionJson.Ref::of).toList());
    }

    @POST
    @Path("feature-items")
    @Operation(summary = "Create a feature item (staff)", description = "Linking the suggestions named.")
    @APIResponse(responseCode = "201", description = "Created; Location names it",
            content = @Content(schema = @Schema(implementation = FeatureItemView.class)))
    @APIResponse(responseCode = "403", description = "Not staff")
    @APIResponse(responseCode = "422", description = "Invalid fields")
    public Response create(FeatureItemInput input) {
        FeatureItem item = features.create(input == null ? new FeatureItemInput(null, null, null, null, null, null).form()
                : input.form());
        return Response.created(URI.create("/api/v1/feature-items/" + item.id)).entity(show(item.id)).build();
    }

    @PUT
    @Path("feature-items/{id}")
    @Operation(summary = "Edit a feature item (staff)")
    @APIResponse(responseCode = "200", description = "The feature item after the edit")
    @APIResponse(responseCode = "422", description = "Invalid fields")
    public FeatureItemView update(@RestPath long id, FeatureItemInput input) {
        features.update(id, input == null ? new FeatureItemInput(null, null, null, null, null, null).form() : input.form());
        return show(id);
    }

    @POST
    @Path("feature-items/{id}/status")
    @Operation(summary = "Move a feature item (staff)", description = "Its linked suggestions follow; their voters and "
            + "followers are told.")
    @APIResponse(responseCode = "200", description = "The feature item after the change")
    @APIResponse(responseCode = "422", description = "A status not settable, the same status, or CANCELLED without a reason")
    public FeatureItemView status(@RestPath long id, FeatureStatusInput input) {
        features.changeStatus(id, input == null ? null : input.status(), input == null ? null : input.reason());
        return show(id);
    }

    @PUT
    @Path("feature-items/{id}/suggestions/{suggestionId}")
    @Operation(summary = "Link a suggestion to a feature item (staff)")
    @APIResponse(responseCode = "200", description = "The feature item with its suggestions")
    public FeatureItemView link(@RestPath long id, @RestPath long suggestionId) {
        features.link(id, suggestionId);
        return show(id);
    }

    @DELETE
    @Path("feature-items/{id}/suggestions/{suggestionId}")
    @Operation(summary = "Unlink a suggestion from a feature item (staff)")
    @APIResponse(responseCode = "200", description = "The feature item with its suggestions")
    @APIResponse(responseCode = "409", description = "The suggestion is not linked to it")
    public FeatureItemView unlink(@RestPath long id, @RestPath long suggestionId) {
        features.unlink(id, suggestionId);
        return show(id);
    }

    @PUT
    @Path("suggestions/{id}/merge")
    @Operation(summary = "Merge a duplicate (staff)", description = "Its votes and followers move to the suggestion it "
            + "duplicates; reversible.")
    @APIResponse(responseCode = "204", description = "Merged")
    @APIResponse(responseCode = "409", description = "Already merged")
    @APIResponse(responseCode = "422", description = "No such target, itself, or a merged target")
    public void merge(@RestPath long id, MergeInput input) {
        if (input == null || input.into() == null) {
            throw new app.fanloop.web.FormInvalid("into", app.fanloop.web.FieldErrors.REQUIRED);
        }
        merges.merge(id, input.into(), input.note());
    }

    @DELETE
    @Path("suggestions/{id}/merge")
    @Operation(summary = "Undo a merge (staff)", description = "Votes, followers and status come back.")
    @APIResponse(responseCode = "204", description = "Taken out again")
    @APIResponse(responseCode = "409", description = "Not merged")
    public void unmerge(@RestPath long id, @Parameter(description = "A note for the timeline") @RestQuery String note) {
        merges.unmerge(id, note);
    }
}
