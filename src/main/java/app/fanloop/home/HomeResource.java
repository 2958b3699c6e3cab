package app.fanloop.home;

import java.util.List;

import app.fanloop.beta.BetaProgram;
import app.fanloop.beta.BetaPrograms;
import app.fanloop.board.Board;
import app.fanloop.insight.CommunityFigures;
import app.fanloop.member.Viewer;
import app.fanloop.release.Release;
import app.fanloop.release.ReleaseNotes;
import app.fanloop.release.ReleasePublishing;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionRow;
import app.fanloop.web.VisitorCached;
import app.fanloop.web.PageMeta;
import app.fanloop.web.PageMetas;
import app.fanloop.web.RequestLocale;
import app.fanloop.web.WebMessages;
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

    static final int BETAS = 3;

    /** The home page; {@code betas}: closed beta programs recruiting now or soon (public, so fine in the visitors' cache). */
    public record HomePage(List<Board> boards, List<SuggestionRow> trending, List<SuggestionRow> shipped,
            ReleaseNotes latest, List<BetaProgram> betas, CommunityFigures.Figures community) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance home(HomePage page, PageMeta meta);
    }

    private final ReleasePublishing releases;
    private final Viewer viewer;
    private final BetaPrograms betas;
    private final PageMetas metas;
    private final RequestLocale locale;
    private final CommunityFigures community;

    HomeResource(ReleasePublishing releases, Viewer viewer, BetaPrograms betas, PageMetas metas, RequestLocale locale,
            CommunityFigures community) {
        this.community = community;
        this.releases = releases;
        this.viewer = viewer;
        this.betas = betas;
        this.metas = metas;
        this.locale = locale;
    }

    @VisitorCached
    @GET
    public TemplateInstance home() {
        List<Board> boards = Board.all();
        List<SuggestionRow> trending = Suggestion.trendingEverywhere(TRENDING, boards);
        List<SuggestionRow> shipped = Suggestion.recentlyShipped(SHIPPED, boards);
        ReleaseNotes latest = Release.latestPublished(viewer.visibility()).map(r -> ReleaseNotes.load(r, releases)).orElse(null);
        WebMessages words = locale.messages();
        PageMeta meta = metas.page("/").title("Fanloop · " + words.site_tagline()).text(words.site_description()).build();
        return Templates.home(new HomePage(Board.listedAmong(boards, viewer.visibility()), trending, shipped, latest,
                betas.open(BETAS), community.now()), meta);
    }
}
