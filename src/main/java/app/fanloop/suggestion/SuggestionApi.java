package app.fanloop.suggestion;

import java.net.URI;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.board.Board;
import app.fanloop.member.Viewer;
import app.fanloop.web.Cursor;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/**
 * The JSON API of suggestions: a board's list, one suggestion, its comments, and every action a page offers
 * on them. Each route calls the service the page calls, so the rules (visibility, permissions, limits,
 * sanctions) are the same ones.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Suggestions", description = "Suggestions and bug reports, votes, follows and comments")
public class SuggestionApi {

    private final PostingService posting;
    private final VotingService voting;
    private final FollowingService following;
    private final CommentingService commenting;
    private final StatusService statuses;
    private final VoteHistory history;
    private final Votes votes;
    private final Follows follows;
    private final Viewer viewer;

    SuggestionApi(PostingService posting, VotingService voting, FollowingService following,
            CommentingService commenting, StatusService statuses, VoteHistory history, Votes votes, Follows follows,
            Viewer viewer) {
        this.posting = posting;
        this.voting = voting;
        this.following = following;
        this.commenting = commenting;
        this.statuses = statuses;
        this.history = history;
        this.votes = votes;
        this.follows = follows;
        this.viewer = viewer;
    }

    @GET
    @Path("boards/{slug}/suggestions")
    @Operation(summary = "A board's suggestions", description = "The board page's list: pinned first, then by the sort; "
            + "filters by status and kind. Pages by cursor.")
    @APIResponse(responseCode = "200", description = "One page of suggestions")
    @APIResponse(responseCode = "404", description = "No such board")
    public Cursor.Page<SuggestionJson.SuggestionSummary> list(@RestPath String slug,
            @Parameter(description = "trending (default), top or new") @RestQuery String sort,
            @Parameter(description = "OPEN, UNDER_REVIEW, PLANNED, IN_PROGRESS, SHIPPED, DECLINED") @RestQuery String status,
            @Parameter(description = "SUGGESTION or BUG") @RestQuery String kind,
            @Parameter(description = "`next` of the previous page") @RestQuery String cursor,
            @Parameter(description = "1-100, default 20") @RestQuery Integer limit) {
        Board board = Board.findBySlug(slug, viewer.visibility()).orElseThrow(NotFoundException::new);
        int size = Cursor.limit(limit);
        List<BoardQuery.Keyed> rows = BoardQuery.of(sort, status, kind, 1).after(board, Cursor.parse(cursor, 3), size);
        Set<Long> voted = votes.votedAmong(viewer.id(), rows.stream().map(k -> k.row().id()).toList());
        return Cursor.Page.of(rows, size, BoardQuery.Keyed::after,
                k -> SuggestionJson.SuggestionSummary.of(k.row(), voted, viewer.isSignedIn()));
    }

    @GET
    @Path("suggestions/{id}")
    @Operation(summary = "One suggestion", description = "With its official response, status timeline, linked feature "
            + "item (staff see any; others only one on the roadmap) and the first page of comment threads.")
    @APIResponse(responseCode = "200", description = "The suggestion")
    @APIResponse(responseCode = "404", description = "No such suggestion, or one the caller may not see")
    public SuggestionJson.Detail show(@RestPath long id) {
        SuggestionPage page = SuggestionPage.load(posting, history, viewer, id, 1, SuggestionPage.CommentDraft.empty(),
                SuggestionPage.StatusDraft.empty());
        Suggestion s = page.suggestion();
        var threads = page.threads().items().stream().map(t -> SuggestionJson.CommentView.of(t, viewer)).toList();
        String next = page.threads().hasNext()
                ? SuggestionJson.CommentView.after(page.threads().items().get(page.threads().items().size() - 1))
                : null;
        SuggestionJson.Mine mine = viewer.member().map(m -> new SuggestionJson.Mine(
                votes.votedAmong(m.id, List.of(s.id)).contains(s.id), follows.isFollowing(s.id, m.id), page.canEdit()))
                .orElse(null);
        return new SuggestionJson.Detail(s.id, s.board.slug, s.kind, s.title, s.body, s.bodyHtml,
                s.kind == SuggestionKind.BUG ? new SuggestionJson.Bug(s.deviceModel, s.systemVersion, s.frequency, s.steps, s.build)
                        : null,
                java.util.stream.Stream.concat(page.files().images().stream(), page.files().logs().stream())
                        .map(SuggestionJson.FileRef::of).toList(),
                s.status, s.voteCount, s.commentCount, s.followerCount, s.pinned, s.locked, s.hidden, s.createdAt,
                s.editedAt, s.statusChangedAt, SuggestionJson.Author.of(s.author),
                s.mergedInto == null ? null : s.mergedInto.id,
                page.official() == null ? null : SuggestionJson.CommentView.of(page.official(), List.of(), viewer),
                page.feature(), page.shippedIn(),
                page.timeline().stream().map(c -> SuggestionJson.TimelineEntry.of(c, viewer)).toList(),
                new Cursor.Page<>(threads, next), mine,
                page.poll() == null ? null : app.fanloop.poll.PollJson.of(page.poll()));
    }

    @GET
    @Path("suggestions/{id}/comments")
    @Operation(summary = "A suggestion's comment threads", description = "Oldest first, each with its replies; pages by cursor.")
    @APIResponse(responseCode = "200", description = "One page of threads")
    @APIResponse(responseCode = "404", description = "No such suggestion, or one the caller may not see")
    public Cursor.Page<SuggestionJson.CommentView> comments(@RestPath long id, @RestQuery String cursor,
            @Parameter(description = "1-100, default 20") @RestQuery Integer limit) {
        Suggestion s = posting.visible(id);
        int size = Cursor.limit(limit);
        return Cursor.Page.of(SuggestionPage.threadsAfter(s.id, Cursor.parse(cursor, 2), size), size,
                SuggestionJson.CommentView::after, t -> SuggestionJson.CommentView.of(t, viewer));
    }

    @POST
    @Path("boards/{slug}/suggestions")
    @Operation(summary = "Post a suggestion or bug report", description = "As the board's form: the caller follows it.")
    @APIResponse(responseCode = "201", description = "Posted; Location names it",
            content = @Content(schema = @Schema(implementation = SuggestionJson.Detail.class)))
    @APIResponse(responseCode = "404", description = "No such board")
    @APIResponse(responseCode = "409", description = "The board is archived")
    @APIResponse(responseCode = "422", description = "Invalid fields")
    public Response create(@RestPath String slug, SuggestionJson.SuggestionInput input) {
        Suggestion s = posting.create(slug, input == null ? emptyForm() : input.form());
        return Response.created(UriBuilder.fromPath("/api/v1/suggestions/{id}").build(s.id)).entity(show(s.id)).build();
    }

    @PUT
    @Path("suggestions/{id}")
    @Operation(summary = "Edit one's own suggestion", description = "Keeps the earlier version as a revision; the kind stays.")
    @APIResponse(responseCode = "200", description = "The suggestion after the edit")
    @APIResponse(responseCode = "403", description = "Not the author (or an admin)")
    @APIResponse(responseCode = "409", description = "Locked, merged, shipped or on an archived board")
    @APIResponse(responseCode = "422", description = "Invalid fields")
    public SuggestionJson.Detail edit(@RestPath long id, SuggestionJson.SuggestionInput input) {
        posting.edit(id, input == null ? emptyForm() : input.form());
        return show(id);
    }

    @PUT
    @Path("suggestions/{id}/vote")
    @Operation(summary = "Vote", description = "Idempotent: voting twice leaves one vote.")
    @APIResponse(responseCode = "200", description = "The vote and the count")
    @APIResponse(responseCode = "409", description = "Locked, merged or on an archived board")
    public SuggestionJson.VoteView vote(@RestPath long id) {
        return vote(id, true);
    }

    @DELETE
    @Path("suggestions/{id}/vote")
    @Operation(summary = "Withdraw one's vote", description = "Idempotent.")
    @APIResponse(responseCode = "200", description = "The vote and the count")
    public SuggestionJson.VoteView unvote(@RestPath long id) {
        return vote(id, false);
    }

    private SuggestionJson.VoteView vote(long id, boolean wanted) {
        VotingService.VoteState state = voting.vote(id, wanted);
        return new SuggestionJson.VoteView(state.id(), state.voted(), state.votes());
    }

    @PUT
    @Path("suggestions/{id}/follow")
    @Operation(summary = "Follow", description = "Idempotent; a follower is told of status changes, answers and shipping.")
    @APIResponse(responseCode = "200", description = "Following, and the count")
    public SuggestionJson.FollowView follow(@RestPath long id) {
        return follow(id, true);
    }

    @DELETE
    @Path("suggestions/{id}/follow")
    @Operation(summary = "Stop following", description = "Idempotent.")
    @APIResponse(responseCode = "200", description = "Not following, and the count")
    public SuggestionJson.FollowView unfollow(@RestPath long id) {
        return follow(id, false);
    }

    private SuggestionJson.FollowView follow(long id, boolean wanted) {
        FollowingService.FollowState state = following.follow(id, wanted);
        return new SuggestionJson.FollowView(state.suggestionId(), state.following(), state.followers());
    }

    @POST
    @Path("suggestions/{id}/comments")
    @Operation(summary = "Comment or reply", description = "A reply names its thread's comment in `parentId`.")
    @APIResponse(responseCode = "201", description = "Posted",
            content = @Content(schema = @Schema(implementation = SuggestionJson.CommentView.class)))
    @APIResponse(responseCode = "409", description = "Locked, merged or on an archived board")
    @APIResponse(responseCode = "422", description = "Invalid fields")
    public Response comment(@RestPath long id, SuggestionJson.CommentInput input) {
        return comment(id, input, false);
    }

    @POST
    @Path("suggestions/{id}/official-response")
    @Operation(summary = "Answer officially (staff)", description = "A comment marked official, shown on top; voters and "
            + "followers are told.")
    @APIResponse(responseCode = "201", description = "Posted",
            content = @Content(schema = @Schema(implementation = SuggestionJson.CommentView.class)))
    @APIResponse(responseCode = "403", description = "Not staff")
    public Response answer(@RestPath long id, SuggestionJson.CommentInput input) {
        return comment(id, input, true);
    }

    private Response comment(long id, SuggestionJson.CommentInput input, boolean official) {
        CommentForm form = input == null ? new CommentForm(null, null, official)
                : new CommentForm(input.body(), input.parentId(), official);
        Comment c = commenting.comment(id, form);
        return Response.created(URI.create("/api/v1/suggestions/" + id + "/comments"))
                .entity(SuggestionJson.CommentView.of(c, List.of(), viewer)).build();
    }

    @PUT
    @Path("comments/{id}")
    @Operation(summary = "Edit one's own comment", description = "Keeps the earlier version as a revision.")
    @APIResponse(responseCode = "200", description = "The comment after the edit")
    @APIResponse(responseCode = "403", description = "Not the author (or an admin)")
    public SuggestionJson.CommentView editComment(@RestPath long id, SuggestionJson.CommentInput input) {
        Comment c = commenting.editComment(id, input == null ? null : input.body());
        return SuggestionJson.CommentView.of(c, List.of(), viewer);
    }

    @POST
    @Path("suggestions/{id}/status")
    @Operation(summary = "Set the status (staff)", description = "With a note (required when declining); the timeline "
            + "keeps it and voters and followers are told.")
    @APIResponse(responseCode = "200", description = "The suggestion after the change")
    @APIResponse(responseCode = "403", description = "Not staff")
    @APIResponse(responseCode = "422", description = "Unknown status, or a decline without a note")
    public SuggestionJson.Detail status(@RestPath long id, SuggestionJson.StatusInput input) {
        statuses.changeStatus(id, input == null ? new StatusForm(null, null) : new StatusForm(input.status(), input.note()));
        return show(id);
    }

    private static SuggestionForm emptyForm() {
        return new SuggestionForm(null, null, null, null, null, null, null, null);
    }
}
