package app.fanloop.search;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.suggestion.SuggestionStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/**
 * A word in more posts than search ranks (fanloop.search.candidates, 100): the board here holds 260 popular posts
 * that only mention 相机 (and a made-up common word) in their text, and a few less popular ones that are what a
 * reader looks for. Search ranks candidates, not every match (SearchService, "Two phases"); these are the cases
 * it must still get right.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommonWordSearchTest {

    private static final int POPULAR = 260;

    @Inject
    SearchFixtures sf;
    @Inject
    SearchCandidates candidates;
    @Inject
    SearchConfig config;

    private Board board;
    private Member author;
    private String common;
    private String rare;
    private final List<Long> popular = new ArrayList<>();
    private Suggestion crash;
    private Suggestion titled;
    private Suggestion hiddenTitled;
    private Suggestion hintTarget;

    @BeforeAll
    void manyPostsSayTheCommonWord() {
        board = sf.board();
        author = sf.member(SearchFixtures.unique("common"));
        common = SearchPageTest.word();
        rare = SearchPageTest.word();
        for (int i = 0; i < POPULAR; i++) {
            popular.add(sf.suggestion(board, author, SuggestionKind.SUGGESTION, "设置里增加一个开关 " + i,
                    "每次用相机的时候都会想到这个，" + common + " 也是。", null, null, null, 100 + i, SuggestionStatus.OPEN).id);
        }
        crash = sf.suggestion(board, author, SuggestionKind.BUG, "拍照时闪退", "打开相机拍照，过几秒就闪退。",
                null, null, null, 0, SuggestionStatus.OPEN);
        titled = sf.suggestion(board, author, SuggestionKind.SUGGESTION, "相机启动黑屏", "偶尔出现，重启后恢复。",
                null, null, null, 1, SuggestionStatus.OPEN);
        hiddenTitled = sf.suggestion(board, author, SuggestionKind.SUGGESTION, "相机广告贴", "广告内容",
                null, null, null, 5000, SuggestionStatus.OPEN);
        sf.hide(hiddenTitled);
        hintTarget = sf.suggestion(board, author, SuggestionKind.SUGGESTION, common + " " + rare + " please",
                "Both words here.", null, null, null, 0, SuggestionStatus.OPEN);
    }

    @Test
    void a_common_word_is_walked_by_votes_not_read_whole() {
        String word = SearchTerms.quote(common);
        List<Long> ids = QuarkusTransaction.requiringNew().call(() -> candidates.suggestions(word,
                "not s.hidden and s.board_id = " + board.id, true, q -> {
                }, 50));
        // 50 by votes, and the title walk's 50: 262 posts hold the word, the most-voted 50 are among the candidates.
        assertTrue(ids.size() <= 100, "walked, not read whole: " + ids.size());
        assertTrue(ids.containsAll(popular.subList(POPULAR - 50, POPULAR)), "the most-voted 50 are candidates");
        assertTrue(ids.contains(hintTarget.id), "the title walk finds the one with the word in its title");
    }

    @Test
    void a_post_with_both_words_comes_first_among_posts_that_only_say_the_common_one() {
        List<Long> results = search("相机 闪退", 1);
        assertEquals(crash.id, results.get(0), "the crash report holds both words");
        assertEquals(1, results.size(), "nothing else holds 闪退: " + results);
    }

    @Test
    void a_title_that_says_the_word_outranks_popular_posts_that_only_mention_it() {
        List<Long> results = search("相机", 1);
        assertEquals(titled.id, results.get(0), "相机 in the title weighs most, even with 1 vote against 100–359");
        assertEquals(20, results.size());
        assertTrue(results.subList(1, results.size()).stream().allMatch(id -> popular.contains(id) || id.equals(crash.id)),
                "then the mentions: " + results);
        assertTrue(results.containsAll(popular.subList(POPULAR - 18, POPULAR)), "the most-voted of them: " + results);
    }

    @Test
    void the_relaxed_search_prefers_the_post_holding_more_of_the_words() {
        // No post holds all three units; the crash report holds two (相机, 闪退), the popular ones one.
        List<Long> results = search("相机 闪退 " + SearchPageTest.word(), 1);
        assertEquals(crash.id, results.get(0), "the post with two of the three words first: " + results);
    }

    @Test
    void deeper_pages_rank_more_candidates_and_repeat_nothing() {
        int lastOfBlock = config.candidates() / config.pageSize();
        List<Long> last = search(common, lastOfBlock);
        List<Long> next = search(common, lastOfBlock + 1);
        assertEquals(20, last.size());
        assertFalse(next.isEmpty(), "past the first block of candidates, the next page ranks the next block");
        assertTrue(next.stream().noneMatch(last::contains), "no result twice: " + last + " / " + next);
    }

    @Test
    void a_hidden_post_is_no_candidate_for_a_visitor() {
        assertFalse(search("相机 广告", 1).contains(hiddenTitled.id));
        assertFalse(search("相机", 1).contains(hiddenTitled.id));
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void an_admin_finds_the_hidden_post_among_the_candidates() {
        assertEquals(hiddenTitled.id, search("相机 广告", 1).get(0));
    }

    @Test
    void the_hints_put_the_post_with_every_word_first() {
        String html = given().header("Accept-Language", "en").header("HX-Request", "true")
                .queryParam("title", common + " " + rare)
                .when().get("/search/similar").then().statusCode(200).extract().asString();
        List<String> hrefs = Jsoup.parseBodyFragment(html).select(".similar li a.row-title").eachAttr("href");
        assertFalse(hrefs.isEmpty(), html);
        assertTrue(hrefs.get(0).startsWith("/suggestions/" + hintTarget.id), "with both words first: " + hrefs);
        assertEquals(5, hrefs.size(), "then popular posts with one of them fill the hints: " + hrefs);
    }

    private List<Long> search(String q, int page) {
        String html = given().header("Accept-Language", "zh").queryParam("q", q).queryParam("board", board.slug)
                .queryParam("page", page).when().get("/search").then().statusCode(200).extract().asString();
        return Jsoup.parse(html).select("li.search-hit a.row-title").stream()
                .map(a -> Long.parseLong(a.attr("href").replaceAll("^/suggestions/(\\d+).*$", "$1")))
                .toList();
    }
}
