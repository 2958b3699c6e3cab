package app.fanloop.board;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestPath;

import app.fanloop.member.Viewer;
import app.fanloop.web.Cursor;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The JSON API of boards: the list fans see, one board, following a board. Rooted at /api/v1 like the other API
 * classes: a class rooted at /api/v1/boards would capture /api/v1/boards/{slug}/suggestions and answer it 404.
 */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Boards", description = "Boards (版块) and following them")
public class BoardApi {

    @Schema(name = "Board", description = "A board; names and descriptions in Chinese and English.", example = """
            {"slug": "camera", "name": "相机", "nameEn": "Camera", "description": "拍照与录像", "descriptionEn": "Photos and video", "acceptsSuggestions": true, "acceptsBugs": true, "archived": false, "suggestions": 12873, "following": false}""")
    public record BoardView(String slug, String name, @Schema(nullable = true) String nameEn,
            @Schema(nullable = true) String description, @Schema(nullable = true) String descriptionEn,
            boolean acceptsSuggestions, boolean acceptsBugs, boolean archived, int suggestions,
            @Schema(description = "Whether the caller follows it; null for visitors.", nullable = true) Boolean following) {

        static BoardView of(Board b, Boolean following) {
            return new BoardView(b.slug, b.name, b.nameEn, b.description, b.descriptionEn, b.acceptsSuggestions,
                    b.acceptsBugs, b.archived, b.suggestionCount, following);
        }
    }

    @Schema(name = "BoardFollow", description = "Whether the caller follows the board after the call.", example = """
            {"board": "camera", "following": true}""")
    public record FollowView(String board, boolean following) {
    }

    private final BoardFollows follows;
    private final Viewer viewer;

    BoardApi(BoardFollows follows, Viewer viewer) {
        this.follows = follows;
        this.viewer = viewer;
    }

    @GET
    @Path("boards")
    @Operation(summary = "The boards", description = "Those listed to fans (not archived), in the admins' order.")
    @APIResponse(responseCode = "200", description = "Every listed board")
    public Cursor.Page<BoardView> list() {
        List<Board> boards = Board.listed(viewer.visibility());
        java.util.Set<Long> followed = viewer.id() == null ? java.util.Set.of()
                : follows.followedBy(viewer.id()).stream().map(b -> b.id).collect(java.util.stream.Collectors.toSet());
        return Cursor.Page.all(boards.stream().map(b -> BoardView.of(b, viewer.isSignedIn() ? followed.contains(b.id) : null))
                .toList());
    }

    @GET
    @Path("boards/{slug}")
    @Operation(summary = "One board", description = "Archived boards too (read-only).")
    @APIResponse(responseCode = "200", description = "The board")
    @APIResponse(responseCode = "404", description = "No such board")
    public BoardView show(@RestPath String slug) {
        Board board = Board.findBySlug(slug, viewer.visibility()).orElseThrow(NotFoundException::new);
        return BoardView.of(board, viewer.isSignedIn() ? follows.isFollowing(board.id, viewer.id()) : null);
    }

    @PUT
    @Path("boards/{slug}/follow")
    @Operation(summary = "Follow a board", description = "Idempotent; new suggestions there are notified.")
    @APIResponse(responseCode = "200", description = "Following")
    public FollowView follow(@RestPath String slug) {
        return new FollowView(slug, follows.follow(slug, true));
    }

    @DELETE
    @Path("boards/{slug}/follow")
    @Operation(summary = "Stop following a board", description = "Idempotent.")
    @APIResponse(responseCode = "200", description = "Not following")
    public FollowView unfollow(@RestPath String slug) {
        return new FollowView(slug, follows.follow(slug, false));
    }
}
