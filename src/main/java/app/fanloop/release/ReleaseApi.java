package app.fanloop.release;

import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.suggestion.SuggestionJson;
import app.fanloop.web.Cursor;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The JSON API of release notes: the published list, one release with its lines and credits, following a channel. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Releases", description = "Weekly release notes (更新日志) and the fans they credit")
public class ReleaseApi {

    @Schema(name = "ReleaseSummary", description = "A release as the list shows it.", example = """
            {"id": 61, "version": "OS2.0.20.0.DEV", "channel": "DEV", "week": "2026-W48", "summary": "夜景手动快门上线", "state": "PUBLISHED", "publishedAt": "2026-11-27T10:00:00Z"}""")
    public record ReleaseSummary(long id, String version, ReleaseChannel channel, String week, String summary,
            ReleaseState state, @Schema(nullable = true) Instant publishedAt) {
        static ReleaseSummary of(Release r) {
            return new ReleaseSummary(r.id, r.version, r.channel, r.week, r.summary, r.state, r.publishedAt);
        }
    }

    @Schema(name = "ReleaseLine", description = "One line of the notes, its public feature item and the suggestions behind it.")
    public record Line(String text, String textHtml, @Schema(nullable = true) Long featureItem,
            List<SuggestionJson.Ref> suggestions) {
    }

    @Schema(name = "ReleaseNotesSection")
    public record Section(ReleaseSection section, List<Line> lines) {
    }

    @Schema(name = "Credit", description = "A fan whose suggestions this release ships (来自米粉的建议); a fan who keeps "
            + "honours private is credited without a name.")
    public record Credit(@Schema(nullable = true) Long memberId, @Schema(nullable = true) String name,
            List<SuggestionJson.Ref> suggestions) {
    }

    @Schema(name = "Release", description = "One release with its sections and credits.", example = """
            {"id": 61, "version": "OS2.0.20.0.DEV", "channel": "DEV", "week": "2026-W48", "summary": "夜景手动快门上线", "summaryHtml": "<p>夜景手动快门上线</p>", "state": "PUBLISHED", "publishedAt": "2026-11-27T10:00:00Z", "sections": [{"section": "NEW", "lines": [{"text": "相机夜景支持手动快门", "textHtml": "<p>相机夜景支持手动快门</p>", "featureItem": 88, "suggestions": [{"id": 1024, "title": "夜景模式增加手动快门", "board": "camera", "status": "SHIPPED", "votes": 318}]}]}], "credits": [{"memberId": 42, "name": "米粉小王", "suggestions": [{"id": 1024, "title": "夜景模式增加手动快门", "board": "camera", "status": "SHIPPED", "votes": 318}]}, {"memberId": null, "name": null, "suggestions": []}]}""")
    public record Detail(long id, String version, ReleaseChannel channel, String week, String summary,
            String summaryHtml, ReleaseState state, @Schema(nullable = true) Instant publishedAt,
            List<Section> sections, List<Credit> credits) {
    }

    @Schema(name = "ChannelFollow", description = "Whether the caller follows the channel after the call.", example = """
            {"channel": "STABLE", "following": true}""")
    public record FollowView(ReleaseChannel channel, boolean following) {
    }

    private final ReleaseEditing editing;
    private final ReleasePublishing publishing;
    private final ChannelFollowing channels;

    private final app.fanloop.member.Viewer viewer;

    ReleaseApi(ReleaseEditing editing, ReleasePublishing publishing, ChannelFollowing channels,
            app.fanloop.member.Viewer viewer) {
        this.viewer = viewer;
        this.editing = editing;
        this.publishing = publishing;
        this.channels = channels;
    }

    @GET
    @Path("releases")
    @Operation(summary = "Published releases", description = "Newest first; filter by channel; pages by cursor.")
    @APIResponse(responseCode = "200", description = "One page of releases")
    public Cursor.Page<ReleaseSummary> list(@Parameter(description = "dev or stable") @RestQuery String channel,
            @RestQuery String cursor, @Parameter(description = "1-100, default 20") @RestQuery Integer limit) {
        int size = Cursor.limit(limit);
        ReleaseChannel filter = ReleaseChannel.parse(channel);
        Cursor after = Cursor.parse(cursor, 2);
        String where = "r.state = :published and " + viewer.visibility().jpqlProgram("r")
                + (filter == null ? "" : " and r.channel = :channel")
                + (after == null ? "" : " and (r.publishedAt, r.id) < (:at, :id)");
        var query = Release.getEntityManager().createQuery("from Release r where " + where
                + " order by r.publishedAt desc, r.id desc", Release.class).setParameter("published", ReleaseState.PUBLISHED);
        if (filter != null) {
            query.setParameter("channel", filter);
        }
        if (after != null) {
            query.setParameter("at", after.instantAt(0)).setParameter("id", after.longAt(1));
        }
        return Cursor.Page.of(query.setMaxResults(size + 1).getResultList(), size, r -> Cursor.of(r.publishedAt, r.id),
                ReleaseSummary::of);
    }

    @GET
    @Path("releases/{id}")
    @Operation(summary = "One release", description = "Its lines by section and the fans it credits; staff also see "
            + "drafts and scheduled releases.")
    @APIResponse(responseCode = "200", description = "The release")
    @APIResponse(responseCode = "404", description = "No such release, or one not published yet")
    public Detail show(@RestPath long id) {
        Release release = editing.visible(id);
        ReleaseNotes notes = ReleaseNotes.load(release, publishing);
        return new Detail(release.id, release.version, release.channel, release.week, release.summary,
                release.summaryHtml, release.state, release.publishedAt,
                notes.sections().stream().map(s -> new Section(s.section(), s.lines().stream()
                        .map(l -> new Line(l.item().text, l.item().textHtml,
                                l.featureOnRoadmap() ? l.item().featureItem.id : null,
                                l.suggestions().stream().map(SuggestionJson.Ref::of).toList()))
                        .toList())).toList(),
                notes.credits().stream().map(c -> new Credit(c.isAnonymous() ? null : c.author().id,
                        c.isAnonymous() ? null : c.author().name,
                        c.suggestions().stream().map(SuggestionJson.Ref::of).toList())).toList());
    }

    @PUT
    @Path("channels/{channel}/follow")
    @Operation(summary = "Follow a release channel", description = "Idempotent; each release published there is notified.")
    @APIResponse(responseCode = "200", description = "Following")
    @APIResponse(responseCode = "404", description = "No such channel")
    public FollowView follow(@Parameter(description = "dev or stable") @RestPath String channel) {
        return follow(channel, true);
    }

    @DELETE
    @Path("channels/{channel}/follow")
    @Operation(summary = "Stop following a release channel", description = "Idempotent.")
    @APIResponse(responseCode = "200", description = "Not following")
    public FollowView unfollow(@RestPath String channel) {
        return follow(channel, false);
    }

    private FollowView follow(String channel, boolean wanted) {
        ReleaseChannel parsed = ReleaseChannel.parse(channel);
        if (parsed == null) {
            throw new NotFoundException();
        }
        return new FollowView(parsed, channels.follow(channel, wanted));
    }
}
