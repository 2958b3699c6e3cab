package app.fanloop.search;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.suggestion.SuggestionStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.enterprise.context.control.ActivateRequestContext;
import jakarta.inject.Inject;

/** The similar-suggestion hints under the new-suggestion form, and the same list for PMs. */
@QuarkusTest
class SimilarHintsTest {

    @Inject
    SearchFixtures sf;
    @Inject
    SearchService search;

    private static String word() {
        return SearchPageTest.word();
    }

    private Member someone() {
        return sf.member(SearchFixtures.unique("someone"));
    }

    private static Document hints(String title, String board) {
        var request = given().header("Accept-Language", "en").header("HX-Request", "true").queryParam("title", title);
        if (board != null) {
            request.queryParam("board", board);
        }
        return Jsoup.parseBodyFragment(request.when().get("/search/similar").then().statusCode(200).extract().asString());
    }

    private static List<String> titles(Document hints) {
        return hints.select(".similar li a.row-title").eachAttr("href");
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void the_form_asks_for_hints_while_the_title_is_typed() {
        Board board = sf.board();
        Document form = Jsoup.parse(given().header("Accept-Language", "en").when().get("/boards/" + board.slug + "/new")
                .then().statusCode(200).extract().asString());
        Element title = form.selectFirst("input#title");
        assertEquals("/search/similar", title.attr("hx-get"));
        assertEquals("input changed delay:400ms", title.attr("hx-trigger"));
        assertEquals("#similar", title.attr("hx-target"));
        assertEquals("{\"board\": \"" + board.slug + "\"}", title.attr("hx-vals"));
        assertNotNull(form.selectFirst("#similar"));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void up_to_five_similar_suggestions_with_status_votes_and_a_vote_button() {
        String w = word();
        Board board = sf.board();
        Member author = someone();
        for (int i = 0; i < 7; i++) {
            sf.suggestion(board, author, SuggestionKind.SUGGESTION, "Lunar calendar " + w + " " + i, "Text", null,
                    null, null, i, SuggestionStatus.UNDER_REVIEW);
        }
        Document hints = hints("Show the lunar calendar " + w, board.slug);
        List<Element> rows = hints.select(".similar li");
        assertEquals(5, rows.size());
        for (Element row : rows) {
            assertEquals("Under review", row.selectFirst(".badge").text());
            Element vote = row.selectFirst("form[action$=/vote]");
            assertNotNull(vote, row.html());
            assertEquals("closest .vote-box", vote.attr("hx-target"));
            assertNotNull(vote.selectFirst("input[name=csrf-token]"));
        }
        assertEquals("6", rows.get(0).selectFirst(".vote .count").text(), "most votes first among equals");
        assertEquals(List.of("Lunar calendar " + w), rows.get(0).select("a.row-title mark").eachText());
    }

    @Test
    void a_word_still_being_typed_counts_and_half_the_words_are_enough() {
        String w = word();
        Board board = sf.board();
        Suggestion s = sf.suggestion(board, someone(), "Notification " + w + " grouping by app", "Text");
        // "notif" is still being typed; "colour" and "whatever" are not in the suggestion.
        assertEquals("/suggestions/" + s.id, titles(hints(w + " notif", null)).get(0));
        assertEquals("/suggestions/" + s.id, titles(hints(w + " grouping colour", null)).get(0));
        assertEquals(List.of(), titles(hints(w + " colour whatever nothing", null)));
    }

    @Test
    void merged_and_hidden_suggestions_are_never_hinted_and_short_titles_ask_for_nothing() {
        String w = word();
        Board board = sf.board();
        Suggestion kept = sf.suggestion(board, someone(), "Dual apps " + w, "Text");
        Suggestion merged = sf.suggestion(board, someone(), "Dual apps " + w, "Text");
        sf.merge(merged, kept);
        Suggestion hidden = sf.suggestion(board, someone(), "Dual apps " + w, "Text");
        sf.hide(hidden);
        assertEquals(List.of("/suggestions/" + kept.id), titles(hints("dual apps " + w, board.slug)));
        assertTrue(hints("a", board.slug).select(".similar").isEmpty());
        assertTrue(hints("", board.slug).select(".similar").isEmpty());
        assertTrue(hints("!!!", board.slug).select(".similar").isEmpty());
    }

    @Test
    void the_same_board_comes_first_among_equals() {
        String w = word();
        Board mine = sf.board();
        Board other = sf.board();
        Suggestion there = sf.suggestion(other, someone(), SuggestionKind.SUGGESTION, "相机 " + w, "Text", null, null,
                null, 50, SuggestionStatus.OPEN);
        Suggestion here = sf.suggestion(mine, someone(), SuggestionKind.SUGGESTION, "相机 " + w, "Text", null, null,
                null, 1, SuggestionStatus.OPEN);
        assertEquals(List.of("/suggestions/" + here.id, "/suggestions/" + there.id),
                titles(hints("相机 " + w, mine.slug)).subList(0, 2));
        assertEquals(List.of("/suggestions/" + there.id, "/suggestions/" + here.id),
                titles(hints("相机 " + w, other.slug)).subList(0, 2));
    }

    @Test
    @ActivateRequestContext
    void pms_get_the_same_list_without_the_suggestion_they_are_looking_at() {
        String w = word();
        Board board = sf.board();
        Suggestion a = sf.suggestion(board, someone(), "Per-app battery saver " + w, "Text");
        Suggestion b = sf.suggestion(board, someone(), "Battery saver rules per app " + w, "Text");
        List<Long> similar = search.similar(a.title, a.id, 5).stream().map(h -> h.suggestion().id).toList();
        assertEquals(b.id, similar.get(0));
        assertTrue(!similar.contains(a.id));
    }
}
