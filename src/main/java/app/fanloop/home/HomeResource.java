package app.fanloop.home;

import java.util.List;

import app.fanloop.board.Board;
import app.fanloop.member.Viewer;
import app.fanloop.release.Release;
import app.fanloop.release.ReleaseNotes;
import app.fanloop.release.ReleasePublishing;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionRow;
import app.fanloop.web.VisitorCached;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The home page: boards, what is trending, the latest release and what fans' suggestions recently shipped. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HomeResource {

    static final int TRENDING = 10;
    static final int SHIPPED = 5;

    public record HomePage(List<Board> boards, List<SuggestionRow> trending, List<SuggestionRow> shipped,
            ReleaseNotes latest) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(HomePage page);
    }

    private final ReleasePublishing releases;
    private final Viewer viewer;

    HomeResource(ReleasePublishing releases, Viewer viewer) {
        this.releases = releases;
        this.viewer = viewer;
    }

    @VisitorCached
    @GET
    public TemplateInstance home() {
        List<Board> boards = Board.all();
        List<SuggestionRow> trending = Suggestion.trendingEverywhere(TRENDING, boards);
        List<SuggestionRow> shipped = Suggestion.recentlyShipped(SHIPPED, boards);
        ReleaseNotes latest = Release.latestPublished().map(r -> ReleaseNotes.load(r, releases)).orElse(null);
        return Templates.home(new HomePage(Board.listedAmong(boards, viewer.visibility()), trending, shipped, latest));
    }
}
