package app.fanloop.search;

import java.util.List;

import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import app.fanloop.limit.AbuseLimited;
import app.fanloop.web.VisitorCached;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The search page, and the similar-suggestion hints under the new-suggestion form. */
@Path("/search")
@Produces(MediaType.TEXT_HTML)
public class SearchResource {

    /** How many similar suggestions the form shows. */
    static final int HINTS = 5;

    /** The hints: suggestions like the title being typed (the member's votes on them are slots, web/PageCache). */
    public record Hints(List<SearchHit> hits) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance search(SearchResults results);

        static native TemplateInstance similar(Hints hints);

        static native TemplateInstance busy(boolean fragment);
    }

    private final SearchService search;
    private final SearchConfig config;
    private final SearchGate gate;

    SearchResource(SearchService search, SearchConfig config,
            SearchGate gate) {
        this.search = search;
        this.gate = gate;
        this.config = config;
    }

    /**
     * A public page like a board's: the same words asked again within {@code fanloop.visitor-cache.ttl} (two
     * seconds) are served from the page cache (web/PageCache), members' own parts filled in; the popular
     * searches are asked far more often than that.
     */
    @GET
    @AbuseLimited("search")
    @VisitorCached
    public TemplateInstance search(@RestQuery String q, @RestQuery String board, @RestQuery String status,
            @RestQuery String kind, @RestQuery String type, @RestQuery String page) {
        SearchQuery query = SearchQuery.of(q, board, status, kind, type, page, config);
        return Templates.search(gate.run(() -> search.search(query)));
    }

    /** An htmx fragment: up to five suggestions like {@code title}, those on {@code board} first among equals. */
    @GET
    @Path("similar")
    @AbuseLimited("hints")
    public TemplateInstance similar(@RestQuery String title, @RestQuery String board) {
        List<SearchHit> hits = List.of();
        if (title != null && title.strip().codePointCount(0, title.strip().length()) >= 2) {
            Long boardId = search.boardId(board);
            hits = gate.run(() -> search.similar(title, boardId, null, HINTS));
        }
        return Templates.similar(new Hints(hits));
    }

    /** Too many searches at once: a quick 503 with Retry-After, a whole page or (for htmx) a line. */
    @ServerExceptionMapper
    Response busy(SearchGate.Busy e, HttpHeaders headers) {
        boolean fragment = headers.getHeaderString("HX-Request") != null;
        return Response.status(503).header("Retry-After", 2).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.busy(fragment)).build();
    }
}
