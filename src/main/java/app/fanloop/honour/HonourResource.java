package app.fanloop.honour;

import java.util.List;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.web.Page;
import app.fanloop.web.PageMeta;
import app.fanloop.web.PageMetas;
import app.fanloop.web.RequestLocale;
import app.fanloop.web.Pages;
import app.fanloop.web.VisitorCached;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/** /honours: the contributor boards and the shipped wall; /honours/rules: how points, levels and medals work. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class HonourResource {

    static final int WALL_PER_PAGE = 30;

    public record HonourPage(List<HonourBoards.Standing> week, String weekStart, List<HonourBoards.Standing> allTime,
            Page<HonourBoards.Shipped> wall) {
    }

    /** One line of the points table. */
    public record Rule(PointReason reason, int points) {
    }

    /** One line of the levels table: the level and the points it starts at. */
    public record Level(int level, int from) {
    }

    public record Rules(List<Rule> points, List<Level> levels, List<Medal> medals) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance honours(HonourPage page, PageMeta meta);

        static native TemplateInstance rules(Rules rules);
    }

    private final HonourBoards boards;
    private final HonourConfig config;
    private final Honours honours;

    private final PageMetas metas;
    private final RequestLocale locale;

    HonourResource(HonourBoards boards, HonourConfig config, Honours honours, PageMetas metas, RequestLocale locale) {
        this.metas = metas;
        this.locale = locale;
        this.boards = boards;
        this.config = config;
        this.honours = honours;
    }

    @VisitorCached
    @GET
    @Path("honours")
    public TemplateInstance honours(@RestQuery Integer page) {
        int number = Pages.clamp(page, 10_000);
        return Templates.honours(new HonourPage(boards.thisWeek(boards.boardSize()), boards.thisWeek().toString(),
                boards.allTime(boards.boardSize()), Page.of(boards.wall(number, WALL_PER_PAGE), number, WALL_PER_PAGE)),
                meta(number));
    }

    @VisitorCached
    @GET
    @Path("honours/rules")
    public TemplateInstance rules() {
        List<Rule> points = java.util.Arrays.stream(PointReason.values()).map(r -> new Rule(r, config.points(r))).toList();
        List<Integer> thresholds = config.levels();
        List<Level> levels = java.util.stream.IntStream.range(0, thresholds.size())
                .mapToObj(i -> new Level(i + 1, thresholds.get(i))).toList();
        return Templates.rules(new Rules(points, levels, Medal.ALL));
    }

    /** Saves the privacy setting from /me. */
    @POST
    @Path("me/privacy")
    public Response privacy(@RestForm String honoursPrivate) {
        honours.keepPrivate("on".equals(honoursPrivate) || "true".equals(honoursPrivate));
        return Response.seeOther(UriBuilder.fromPath("/me").fragment("privacy").queryParam("saved", "privacy").build())
                .build();
    }

    /** The hall's tags for search engines; its canonical keeps the page number of the shipped wall. */
    private PageMeta meta(int number) {
        UriBuilder path = UriBuilder.fromPath("/honours");
        if (number > 1) {
            path.queryParam("page", number);
        }
        HonourMessages words = locale.messages(HonourMessages.class);
        return metas.page(path.build().toString()).title(words.honours_title()).text(words.honours_intro()).build();
    }
}
