package app.fanloop.search;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.suggestion.SuggestionStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** GET /search: results, visibility, filters, pages, the empty page and hostile input, on the real HTML. */
@QuarkusTest
class SearchPageTest {

    @Inject
    SearchFixtures sf;

    /** A word no other test uses, so a search for it finds only this test's data. */
    static String word() {
        StringBuilder w = new StringBuilder("qz");
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            w.append((char) ('a' + random.nextInt(26)));
        }
        // Ends in x: no English suffix rule (…s, …ed, …y, …ate, …e) applies, so the stemmer keeps the word whole
        // and a test may look for it as written (a random ending such as "…ies" came back stemmed now and then).
        return w.append('x').toString();
    }

    private Member someone() {
        return sf.member(SearchFixtures.unique("someone"));
    }

    private static Document search(Map<String, ?> params) {
        String html = given().header("Accept-Language", "en").queryParams(params)
                .when().get("/search").then().statusCode(200).extract().asString();
        return Jsoup.parse(html);
    }

    private static Document search(String q) {
        return search(Map.of("q", q));
    }

    /** The results' links: /suggestions/{id} or /suggestions/{id}#comment-{id}. */
    private static List<String> results(Document page) {
        return page.select("li.search-hit a.row-title").eachAttr("href");
    }

    private static String path(Suggestion s) {
        return "/suggestions/" + s.id;
    }

    private static String path(Suggestion s, Comment c) {
        return "/suggestions/" + s.id + "#comment-" + c.id;
    }

    @Test
    void results_show_highlighted_title_and_snippet_with_board_status_and_counts() {
        String w = word();
        Board board = sf.board();
        Suggestion s = sf.suggestion(board, someone(), SuggestionKind.BUG, "Charging sound " + w,
                "Every night the phone plays a loud sound when I plug in the charger. " + w + " happens on every charger.",
                null, null, null, 7, SuggestionStatus.PLANNED);
        sf.comment(s, someone(), "Same here");

        Document page = search("charge sounds " + w);

        Element hit = page.selectFirst("li.search-hit");
        assertNotNull(hit, page.html());
        assertEquals(path(s), hit.selectFirst("a.row-title").attr("href"));
        assertEquals(List.of("Charging sound " + w), hit.select("a.row-title mark").eachText());
        assertTrue(hit.select(".snippet mark").eachText().contains(w), hit.html());
        assertTrue(hit.select(".snippet mark").eachText().contains("sound"), hit.html());
        assertEquals("Planned", hit.selectFirst(".badge").text());
        assertEquals("Bug report", hit.selectFirst(".kind").text());
        assertEquals("/boards/" + board.slug, hit.selectFirst(".row-meta a").attr("href"));
        assertEquals("7", hit.select(".count-with-icon").get(0).text());
        assertEquals("1", hit.select(".count-with-icon").get(1).text());
    }

    @Test
    void chinese_results_are_highlighted_by_word() {
        Board board = sf.board();
        Suggestion s = sf.suggestion(board, someone(), "锁屏显示农历", "希望锁屏的时间下面显示农历，今天气温也一起显示。");

        assertEquals(List.of(), results(search(Map.of("q", "天气", "board", board.slug))), "天气 is not in 今天气温");
        Document page = search(Map.of("q", "农历 天气", "board", board.slug));
        assertEquals(List.of(path(s)), results(page), "no result holds both words: those with one of them");
        assertNotNull(page.selectFirst("p.notice"));
        assertEquals(List.of("农历"), page.select("li.search-hit .snippet mark").eachText());

        page = search(Map.of("q", "锁屏农历", "board", board.slug));
        assertEquals(List.of(path(s)), results(page));
        assertEquals(List.of("锁屏", "农历"), page.select("li.search-hit a.row-title mark").eachText());
        assertTrue(page.select("li.search-hit .snippet mark").eachText().contains("农历"));
    }

    @Test
    void comments_are_found_and_lead_to_the_comment_on_its_suggestion() {
        String w = word();
        Board board = sf.board();
        Suggestion s = sf.suggestion(board, someone(), "Dark mode schedule", "At sunset, please.");
        Comment c = sf.comment(s, someone(), "I would like it to follow " + w + " as well.");

        Document page = search(w);

        assertEquals(List.of(path(s, c)), results(page));
        Element hit = page.selectFirst("li.search-hit");
        assertEquals("Comment on", hit.selectFirst(".hit-type").text());
        assertEquals(List.of(w), hit.select(".snippet mark").eachText());
    }

    /** A visible suggestion, a hidden one by bob, one merged into the first, a hidden comment by chen, a comment on bob's hidden one. */
    private record Scenario(String word, Suggestion visible, Suggestion hidden, Suggestion merged, Comment hiddenComment,
            Comment commentOnHidden) {
    }

    private Scenario scenario() {
        String w = word();
        Board board = sf.board();
        Member bob = sf.member("bob");
        Member chen = sf.member("chen");
        Suggestion visible = sf.suggestion(board, someone(), "Visible " + w, "Text");
        Suggestion hidden = sf.suggestion(board, bob, "Hidden " + w, "Text");
        sf.hide(hidden);
        Suggestion merged = sf.suggestion(board, someone(), "Merged " + w, "Text");
        sf.merge(merged, visible);
        Comment hiddenComment = sf.comment(visible, chen, "Hidden comment " + w);
        sf.hide(hiddenComment);
        Comment commentOnHidden = sf.comment(hidden, someone(), "Comment on a hidden post " + w);
        return new Scenario(w, visible, hidden, merged, hiddenComment, commentOnHidden);
    }

    @Test
    void visitors_never_see_hidden_or_merged_posts_nor_hidden_comments() {
        Scenario x = scenario();
        assertEquals(List.of(path(x.visible())), results(search(x.word())));
        assertEquals(List.of(), results(search(Map.of("q", x.word(), "status", "MERGED"))));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void authors_see_their_own_hidden_post_and_what_is_on_it() {
        Scenario x = scenario();
        List<String> found = results(search(x.word()));
        assertEquals(new HashSet<>(List.of(path(x.visible()), path(x.hidden()), path(x.hidden(), x.commentOnHidden()))),
                new HashSet<>(found));
        assertEquals(3, found.size());
    }

    @Test
    @TestSecurity(user = "chen", roles = "fan")
    void authors_see_their_own_hidden_comment_but_not_others_hidden_posts() {
        Scenario x = scenario();
        assertEquals(new HashSet<>(List.of(path(x.visible()), path(x.visible(), x.hiddenComment()))),
                new HashSet<>(results(search(x.word()))));
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void admins_see_everything_marked_as_hidden() {
        Scenario x = scenario();
        Document page = search(x.word());
        assertEquals(new HashSet<>(List.of(path(x.visible()), path(x.hidden()), path(x.merged()),
                path(x.visible(), x.hiddenComment()), path(x.hidden(), x.commentOnHidden()))), new HashSet<>(results(page)));
        assertEquals(3, page.select("li.search-hit .row-meta .badge:not([class*=status-])").size());
        assertEquals(List.of(path(x.merged())), results(search(Map.of("q", x.word(), "status", "MERGED"))));
    }

    @Test
    void filters_by_board_status_kind_and_type_and_keeps_them_in_the_form() {
        String w = word();
        Board a = sf.board();
        Board b = sf.board();
        Suggestion idea = sf.suggestion(a, someone(), "Idea " + w, "Text");
        Suggestion bug = sf.suggestion(a, someone(), SuggestionKind.BUG, "Bug " + w, "Text", null, null, null, 0,
                SuggestionStatus.PLANNED);
        Suggestion elsewhere = sf.suggestion(b, someone(), "Elsewhere " + w, "Text");
        Comment c = sf.comment(idea, someone(), "A comment " + w);

        assertEquals(new HashSet<>(List.of(path(idea), path(bug), path(idea, c))),
                new HashSet<>(results(search(Map.of("q", w, "board", a.slug)))));
        assertEquals(List.of(path(bug)), results(search(Map.of("q", w, "status", "PLANNED"))));
        assertEquals(List.of(path(bug)), results(search(Map.of("q", w, "kind", "BUG"))));
        assertEquals(List.of(path(idea, c)), results(search(Map.of("q", w, "type", "comment"))));
        assertEquals(new HashSet<>(List.of(path(idea), path(bug), path(elsewhere))),
                new HashSet<>(results(search(Map.of("q", w, "type", "suggestion")))));

        Document page = search(Map.of("q", w, "board", a.slug, "status", "PLANNED", "kind", "BUG", "type", "suggestion"));
        assertEquals(List.of(path(bug)), results(page));
        assertEquals(a.slug, page.selectFirst("select[name=board] option[selected]").attr("value"));
        assertEquals("PLANNED", page.selectFirst("select[name=status] option[selected]").attr("value"));
        assertEquals("BUG", page.selectFirst("select[name=kind] option[selected]").attr("value"));
        assertEquals("suggestion", page.selectFirst("select[name=type] option[selected]").attr("value"));
    }

    @Test
    void results_come_in_pages_of_twenty_that_keep_the_query() {
        String w = word();
        Board board = sf.board();
        Member author = someone();
        for (int i = 0; i < 25; i++) {
            sf.suggestion(board, author, SuggestionKind.SUGGESTION, "Post " + w, "Same text", null, null, null, i,
                    SuggestionStatus.OPEN);
        }
        Document first = search(Map.of("q", w, "board", board.slug));
        assertEquals(20, results(first).size());
        Element next = first.selectFirst("a[rel=next]");
        assertNotNull(next);
        assertTrue(next.attr("href").contains("q=" + w) && next.attr("href").contains("board=" + board.slug)
                && next.attr("href").endsWith("page=2"), next.attr("href"));
        assertEquals(w, first.selectFirst("#search-q").val());
        assertEquals(w, first.selectFirst(".topsearch input[name=q]").val());

        Document second = search(Map.of("q", w, "board", board.slug, "page", "2"));
        assertEquals(5, results(second).size());
        assertNotNull(second.selectFirst("a[rel=prev]"));
        assertNull(second.selectFirst("a[rel=next]"));
        List<String> all = new ArrayList<>(results(first));
        all.addAll(results(second));
        assertEquals(25, new HashSet<>(all).size());
    }

    @Test
    void equally_relevant_results_are_ordered_by_votes() {
        String w = word();
        Board board = sf.board();
        Member author = someone();
        Suggestion few = sf.suggestion(board, author, SuggestionKind.SUGGESTION, "Same " + w, "Same", null, null,
                null, 3, SuggestionStatus.OPEN);
        Suggestion many = sf.suggestion(board, author, SuggestionKind.SUGGESTION, "Same " + w, "Same", null, null,
                null, 30, SuggestionStatus.OPEN);
        Suggestion some = sf.suggestion(board, author, SuggestionKind.SUGGESTION, "Same " + w, "Same", null, null,
                null, 10, SuggestionStatus.OPEN);
        Suggestion bodyOnly = sf.suggestion(board, author, SuggestionKind.SUGGESTION, "Another title", "Text " + w,
                null, null, null, 99, SuggestionStatus.OPEN);
        assertEquals(List.of(path(many), path(some), path(few), path(bodyOnly)), results(search(w)));
    }

    @Test
    void no_results_is_a_friendly_page_that_offers_to_file_a_suggestion() {
        Board board = sf.board();
        String w = word();
        Document page = search(w);
        Element empty = page.selectFirst(".search-empty");
        assertNotNull(empty);
        assertTrue(empty.selectFirst("h2").text().contains(w));
        assertTrue(empty.select("a").eachAttr("href").contains("/boards/" + board.slug + "/new"));

        page = search(Map.of("q", w, "board", board.slug));
        empty = page.selectFirst(".search-empty");
        assertEquals(List.of("/search?q=" + w, "/boards/" + board.slug + "/new"), empty.select("a").eachAttr("href"));
    }

    @Test
    void an_empty_search_shows_the_box_and_no_results() {
        Document page = search(Map.of());
        assertNotNull(page.selectFirst("#search-q"));
        assertEquals(List.of(), results(page));
        assertNull(page.selectFirst(".search-empty"));
    }

    @Test
    void hostile_queries_never_fail() {
        Board board = sf.board();
        sf.suggestion(board, someone(), "A normal post", "Text");
        List<String> hostile = List.of("a & b | !c", "'); drop table suggestion; --", "foo:* <-> bar <2> baz", "\\'\\",
                "((((", ")))", "::", "!", "<->", "'", "\"", "%", "_", "\u0000", "😀😀", "!!! ??? ，。、…",
                "the of and", "的了吗", "x".repeat(3_000), "相机".repeat(150), "a ".repeat(600), "s".repeat(199) + "😀",
                "a-b-c-d-e-f-g-h-i-j-k", "<script>alert(1)</script>");
        for (String q : hostile) {
            Response r = given().header("Accept-Language", "en").queryParam("q", q).queryParam("board", board.slug)
                    .when().get("/search");
            assertEquals(200, r.statusCode(), q.length() > 40 ? q.substring(0, 40) + "…" : q);
            Document page = Jsoup.parse(r.asString());
            assertTrue(page.selectFirst("#search-q").val().length() <= 200);
            assertEquals(4, page.select("script[src]").size(), "only the site's own scripts (htmx, files.js, mentions.js, access.js)");
            assertEquals(4, page.select("script").size());
        }
        // Beyond the HTTP server's limit on a request line, the server answers 414 before the app sees it.
        assertEquals(414, given().queryParam("q", "x".repeat(10_000)).when().get("/search").statusCode());
        for (Map<String, String> params : List.of(Map.of("q", "post", "page", "abc"), Map.of("q", "post", "page", "-3"),
                Map.of("q", "post", "page", "99999999999"), Map.of("q", "post", "status", "NOPE"),
                Map.of("q", "post", "board", "../../etc"), Map.of("q", "post", "kind", "x", "type", "<b>"),
                Map.of("q", "post", "board", "no-such-board"))) {
            given().header("Accept-Language", "en").queryParams(params).when().get("/search").then().statusCode(200);
        }
    }

    @Test
    void member_text_is_escaped_in_titles_and_snippets() {
        String w = word();
        Board board = sf.board();
        sf.suggestion(board, someone(), "<script>alert(1)</script> " + w,
                "<img src=x onerror=alert(1)> **" + w + "** <b>bold</b>");
        Response r = given().header("Accept-Language", "en").queryParam("q", w).when().get("/search");
        Document page = Jsoup.parse(r.asString());
        assertEquals(4, page.select("script").size(), "only the site's own scripts (htmx, files.js, mentions.js, access.js)");
        assertTrue(page.select("img").isEmpty());
        assertTrue(page.select(".snippet b").isEmpty());
        assertTrue(page.selectFirst("li.search-hit a.row-title").text().startsWith("<script>alert(1)</script>"));
        assertFalse(r.asString().contains("<img src=x"));
    }

    @Test
    void every_page_has_a_search_box_in_the_header() {
        Document home = Jsoup.parse(given().header("Accept-Language", "zh").when().get("/").then().statusCode(200)
                .extract().asString());
        Element form = home.selectFirst("header form.topsearch");
        assertNotNull(form);
        assertEquals("/search", form.attr("action"));
        assertEquals("get", form.attr("method"));
        assertEquals("", form.selectFirst("input[name=q]").val());
    }

    private static void assertNull(Object value) {
        assertTrue(value == null, String.valueOf(value));
    }
}
