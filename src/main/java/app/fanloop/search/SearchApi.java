package app.fanloop.search;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import app.fanloop.limit.AbuseLimited;
import app.fanloop.suggestion.SuggestionJson;
import app.fanloop.web.Cursor;
import app.fanloop.web.Problem;
import app.fanloop.web.ProblemType;
import app.fanloop.web.RequestLocale;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The JSON API of search: the search page's results and the similar-suggestion hints, with the same limits. */
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Search", description = "Full-text search in Chinese and English, and similar suggestions")
public class SearchApi {

    @Schema(name = "Text", description = "A piece of a title or snippet; `match` marks the words searched for.")
    public record Text(String text, boolean match) {
    }

    @Schema(name = "SearchHit", description = "A suggestion, a comment (with its suggestion) or a published release.", example = """
            {"type": "SUGGESTION", "suggestion": {"id": 1024, "title": "夜景模式增加手动快门", "board": "camera", "status": "PLANNED", "votes": 318}, "comment": null, "release": null, "title": [{"text": "夜景", "match": true}, {"text": "模式增加手动快门", "match": false}], "snippet": [{"text": "希望", "match": false}, {"text": "夜景", "match": true}, {"text": "模式可以手动设置快门时间。", "match": false}]}""")
    public record Hit(SearchType type, @Schema(nullable = true) SuggestionJson.Ref suggestion,
            @Schema(nullable = true) Long comment, @Schema(nullable = true) Long release, List<Text> title,
            List<Text> snippet) {

        static Hit of(SearchHit h) {
            return new Hit(h.type(), h.suggestion() == null ? null : SuggestionJson.Ref.of(h.suggestion()),
                    h.comment() == null ? null : h.comment().id, h.release() == null ? null : h.release().id,
                    texts(h.title()), texts(h.snippet()));
        }

        private static List<Text> texts(List<Highlighter.Part> parts) {
            return parts == null ? List.of() : parts.stream().map(p -> new Text(p.text(), p.match())).toList();
        }
    }

    @Schema(name = "SearchResults", description = "One page of results, best first.", example = """
            {"items": [{"type": "SUGGESTION", "suggestion": {"id": 1024, "title": "夜景模式增加手动快门", "board": "camera", "status": "PLANNED", "votes": 318}, "comment": null, "release": null, "title": [{"text": "夜景", "match": true}, {"text": "模式增加手动快门", "match": false}], "snippet": [{"text": "希望", "match": false}, {"text": "夜景", "match": true}, {"text": "模式可以手动设置快门时间。", "match": false}]}], "next": "Mg", "partial": false, "tooBroad": false}""")
    public record Results(List<Hit> items, @Schema(nullable = true) String next,
            @Schema(description = "No result holds every word: these hold most of them.") boolean partial,
            @Schema(description = "The search took too long and stopped; narrow it.") boolean tooBroad) {
    }

    private final SearchService search;
    private final SearchConfig config;
    private final SearchGate gate;
    private final RequestLocale locale;

    SearchApi(SearchService search, SearchConfig config, SearchGate gate, RequestLocale locale) {
        this.search = search;
        this.config = config;
        this.gate = gate;
        this.locale = locale;
    }

    /** Too many searches at once: a quick 503 problem with Retry-After, as the search page answers. */
    @ServerExceptionMapper
    Response busy(SearchGate.Busy e) {
        return Problem.of(ProblemType.UNAVAILABLE, locale.get(), null).response().header("Retry-After", 2).build();
    }

    @GET
    @Path("search")
    @AbuseLimited("search")
    @Operation(summary = "Search", description = "As the search page: the same ranking, filters, visibility and limits. "
            + "Results are ranked, so a cursor here names the next page of the ranking.")
    @APIResponse(responseCode = "200", description = "One page of results")
    @APIResponse(responseCode = "429", description = "Too many searches from this caller")
    @APIResponse(responseCode = "503", description = "Too many searches at once; retry after the seconds given")
    public Results search(@Parameter(description = "The words") @RestQuery String q, @RestQuery String board,
            @RestQuery String status, @RestQuery String kind,
            @Parameter(description = "suggestion, comment or release") @RestQuery String type, @RestQuery String cursor) {
        Cursor after = Cursor.parse(cursor, 1);
        String page = after == null ? null : Long.toString(after.longAt(0));
        SearchQuery query = SearchQuery.of(q, board, status, kind, type, page, config);
        SearchResults results = gate.run(() -> search.search(query));
        return new Results(results.hits().items().stream().map(Hit::of).toList(),
                results.hits().hasNext() ? Cursor.of(results.hits().number() + 1) : null, results.partial(),
                results.tooBroad());
    }

    @GET
    @Path("suggestions/similar")
    @AbuseLimited("hints")
    @Operation(summary = "Similar suggestions", description = "The hints under the new-suggestion form: up to five "
            + "suggestions like the title being typed, those on `board` first among equals; never merged ones.")
    @APIResponse(responseCode = "200", description = "Up to five suggestions")
    public Cursor.Page<Hit> similar(@Parameter(description = "The title being typed (2 characters or more)") @RestQuery String title,
            @RestQuery String board) {
        List<SearchHit> hits = List.of();
        if (title != null && title.strip().codePointCount(0, title.strip().length()) >= 2) {
            Long boardId = search.boardId(board);
            hits = gate.run(() -> search.similar(title, boardId, null, SearchResource.HINTS));
        }
        return Cursor.Page.all(hits.stream().map(Hit::of).toList());
    }
}
