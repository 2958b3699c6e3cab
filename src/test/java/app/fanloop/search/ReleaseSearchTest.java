package app.fanloop.search;

import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.location;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/**
 * Release notes as a search source: written through the release editor (the real write path, which
 * indexes in the same transaction), found only once published, kept current through edits of the
 * head and of every line, and told apart by the type filter.
 */
@QuarkusTest
@TestSecurity(user = "paula", roles = "pm")
class ReleaseSearchTest {

    @Inject
    Fixtures fx;

    @Inject
    SearchFixtures sf;

    @Inject
    SearchIndex index;

    private static Document search(Map<String, ?> params) {
        String html = given().header("Accept-Language", "en").queryParams(params)
                .when().get("/search").then().statusCode(200).extract().asString();
        return Jsoup.parse(html);
    }

    private static List<String> results(String q) {
        return results(Map.of("q", q));
    }

    private static List<String> results(Map<String, ?> params) {
        return search(params).select("li.search-hit a.row-title").eachAttr("href");
    }

    /** A release written in the editor as paula; returns its id. */
    private static long release(String version, String summary) {
        String editor = location(form().formParam("version", version).formParam("channel", "DEV")
                .formParam("week", "2026-W47").formParam("summary", summary).post("/triage/releases"));
        return Long.parseLong(editor.substring(editor.lastIndexOf('/') + 1));
    }

    private long line(long releaseId, String section, String text) {
        form().formParam("section", section).formParam("text", text)
                .post("/triage/releases/" + releaseId + "/items").then().statusCode(303);
        return fx.number("select max(id) from release_item where release_id = ?1", releaseId);
    }

    private static void publish(long releaseId) {
        form().post("/triage/releases/" + releaseId + "/publish").then().statusCode(303);
    }

    @Test
    void published_notes_are_found_by_version_summary_and_lines_in_chinese_and_english() {
        String w = SearchPageTest.word();
        String version = Fixtures.unique("HyperOS 2.0.") + w;
        long id = release(version, "本周更新：息屏显示新增时钟样式 " + w);
        line(id, "FIXED", "修复了部分机型相机闪退的问题");
        line(id, "IMPROVED", "Cameras open faster from the lock screen");
        String path = "/releases/" + id;

        assertEquals(List.of(), results(w), "a draft is not searchable, not even for the PM writing it");
        publish(id);

        assertEquals(List.of(path), results(w), "by a word of the summary and the version");
        assertEquals(List.of(path), results(w + " 相机"), "a Chinese word of a line, segmented");
        assertEquals(List.of(path), results("闪退 " + w), "another segmented word");
        assertEquals(List.of(path), results(w + " camera"), "English is stemmed: camera finds Cameras");
        Document partial = search(Map.of("q", w + " 耳机"));
        assertFalse(partial.select("p.notice").isEmpty(), "a word missing: only a partial match, and the page says so");

        Document page = search(Map.of("q", w + " 相机"));
        assertEquals("Release notes " + version, page.selectFirst("li.release-hit a.row-title").text());
        assertTrue(page.select("li.release-hit .snippet mark").eachText().contains("相机"),
                page.select("li.release-hit .snippet").outerHtml());
        assertEquals("Dev build", page.selectFirst("li.release-hit .channel-badge").text());
    }

    @Test
    void editing_the_head_or_a_line_and_deleting_a_line_keep_the_index_current() {
        String w = SearchPageTest.word();
        String before = SearchPageTest.word();
        String after = SearchPageTest.word();
        String gone = SearchPageTest.word();
        String summary = SearchPageTest.word();
        String corrected = SearchPageTest.word();
        long id = release(Fixtures.unique("OS-edit-") + " " + w, "Summary " + summary);
        long item = line(id, "NEW", "Line " + before);
        long other = line(id, "NEW", "Line " + gone);
        form().formParam("section", "IMPROVED").formParam("text", "Line " + after)
                .post("/triage/releases/" + id + "/items/" + item).then().statusCode(303);
        form().post("/triage/releases/" + id + "/items/" + other + "/delete").then().statusCode(303);
        publish(id);
        String path = "/releases/" + id;

        assertEquals(List.of(), results(before), "an edited line's old words are gone");
        assertEquals(List.of(), results(gone), "a deleted line's words are gone");
        assertEquals(List.of(path), results(after));
        assertEquals(List.of(path), results(summary));

        // Once published, the head (version, week, summary) can still be corrected.
        form().formParam("version", Fixtures.unique("OS-edit-") + " " + w).formParam("channel", "DEV")
                .formParam("week", "2026-W47").formParam("summary", "Summary " + corrected)
                .post("/triage/releases/" + id).then().statusCode(303);

        assertEquals(List.of(), results(summary), "the old summary is gone");
        assertEquals(List.of(path), results(corrected));
        assertEquals(List.of(path), results(after), "the lines are still there");
        assertEquals(List.of(path), results(w), "and the version");
    }

    @Test
    void the_type_filter_tells_release_notes_from_posts_and_suggestion_filters_leave_them_out() {
        String w = SearchPageTest.word();
        Board board = sf.board();
        Suggestion s = sf.suggestion(board, sf.member(SearchFixtures.unique("fan")), "Dark mode " + w,
                "Please add a dark mode " + w);
        long id = release(Fixtures.unique("OS-type-"), "Dark mode arrives " + w);
        line(id, "NEW", "Dark mode for every app");
        publish(id);
        String release = "/releases/" + id;
        String post = "/suggestions/" + s.id;

        List<String> all = results(w);
        assertEquals(2, all.size(), all.toString());
        assertTrue(all.containsAll(List.of(release, post)), all.toString());
        assertEquals(List.of(release), results(Map.of("q", w, "type", "release")));
        assertEquals(List.of(post), results(Map.of("q", w, "type", "suggestion")));
        assertEquals(List.of(), results(Map.of("q", w, "type", "comment")));
        assertEquals(List.of(post), results(Map.of("q", w, "board", board.slug)), "a board filter is about posts");
        assertEquals(List.of(post), results(Map.of("q", w, "kind", "SUGGESTION")), "so is the kind");
        assertEquals(List.of(), results(Map.of("q", w, "status", "SHIPPED")), "and the status");

        Document page = search(Map.of("q", w));
        assertTrue(page.select("select[name=type] option").eachAttr("value").contains("release"));
        assertFalse(page.select("li.release-hit").isEmpty());
    }

    @Test
    void releases_written_before_search_knew_them_are_indexed_by_the_catch_up() {
        String w = SearchPageTest.word();
        long id = release(Fixtures.unique("OS-old-"), "Old notes " + w);
        line(id, "FIXED", "Fewer crashes");
        publish(id);
        fx.number("with reset as (update release set search_vector = null, search_version = 0 where id = ?1 returning id)"
                + " select count(*) from reset", id);
        assertEquals(List.of(), results(w), "not indexed, not found");

        assertTrue(index.reindexStale() >= 1);

        assertEquals(List.of("/releases/" + id), results(w));
        assertEquals(SearchIndex.VERSION, fx.number("select search_version from release where id = ?1", id));
    }
}
