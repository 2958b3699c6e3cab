package app.fanloop.suggestion;

import java.net.URI;
import java.util.List;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.board.Board;
import app.fanloop.board.BoardFollows;
import app.fanloop.member.Viewer;
import app.fanloop.web.Page;
import app.fanloop.web.SafeRedirect;
import app.fanloop.web.VisitorCached;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/**
 * A board's list of suggestions (in suggestion, not board, because it lists suggestions). Rooted at "/" like
 * SuggestionResource: a class rooted at "/boards" would capture /boards/{slug}/new and /boards/{slug}/suggestions
 * and answer them 404.
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class BoardResource {

    /** What the board page shows. */
    public record BoardPage(Board board, List<Board> boards, BoardQuery query, Page<SuggestionRow> suggestions) {
        public List<SuggestionSort> sorts() {
            return List.of(SuggestionSort.values());
        }

        public List<SuggestionStatus> statuses() {
            return SuggestionStatus.FILTERS;
        }

        public List<SuggestionKind> kinds() {
            return List.of(SuggestionKind.values());
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance show(BoardPage page);
    }

    private final BoardFollows follows;
    private final Viewer viewer;

    BoardResource(BoardFollows follows, Viewer viewer) {
        this.follows = follows;
        this.viewer = viewer;
    }

    @VisitorCached
    @GET
    @Path("boards/{slug}")
    public TemplateInstance show(@RestPath String slug, @RestQuery String sort, @RestQuery String status,
            @RestQuery String kind, @RestQuery Integer page) {
        // A program's private board is there only for its testers and staff (a copy of the page is shared only
        // between readers of the same programs: web/PageCache).
        Board board = Board.findBySlug(slug, viewer.visibility()).orElseThrow(NotFoundException::new);
        BoardQuery query = BoardQuery.of(sort, status, kind, page);
        Page<SuggestionRow> rows = query.run(board);
        // The member's votes and follow are slots of the page ({#personal}), filled in by web/PageCache.
        return Templates.show(new BoardPage(board, Board.listed(viewer.visibility()), query, rows));
    }

    /** Follows or unfollows the board (new suggestions there are notified), then goes back. */
    @POST
    @Path("boards/{slug}/follow")
    public Response follow(@RestPath String slug, @RestForm Boolean on, @RestForm String to) {
        follows.follow(slug, on);
        return Response.seeOther(to == null ? UriBuilder.fromPath("/boards/{slug}").build(slug)
                : URI.create(SafeRedirect.localPath(to))).build();
    }
}
