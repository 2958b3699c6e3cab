package app.fanloop.search;

import static app.fanloop.web.Browser.page;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/** /admin/search: admins see how far the search index's catch-up is, how fast and how long still; nobody else does. */
@QuarkusTest
class SearchIndexPageTest {

    @Inject
    SearchReindex reindex;

    @Inject
    SearchFixtures sf;

    @Inject
    Fixtures fx;

    @AfterEach
    void no_run_is_left_unfinished() {
        reindex.runToEnd();
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void admins_see_the_run_in_progress_and_when_it_is_done_in_both_languages() {
        reindex.reindexStale();
        stale(4);
        assertTrue(reindex.begin(true));
        int read = 0;
        while (read < 1) {
            read += QuarkusTransaction.requiringNew().call(() -> reindex.batch(1)).read();
        }

        Document running = open("en");
        assertEquals("Running", running.selectFirst("#index-state .kind").text());
        assertEquals("1 of 4 rows (25%)", running.selectFirst("#index-rows").text());
        assertEquals("25", running.selectFirst("#index-progress").attr("value"));
        assertEquals("Posts", running.selectFirst("#index-source").text());
        assertTrue(running.selectFirst("#index-rate").text().matches("[0-9,]+ rows/s"), running.selectFirst("#index-rate").text());
        assertTrue(running.selectFirst("#index-left").text().matches("\\d+ min \\d+ s"), running.selectFirst("#index-left").text());
        assertFalse(running.select("#index-node").text().isBlank(), "the node working on it");
        assertEquals("/admin/search", running.selectFirst("nav.tabs a.active").attr("href"));
        Document chinese = open("zh");
        assertEquals("进行中", chinese.selectFirst("#index-state .kind").text());
        assertEquals("1 / 4 条（25%）", chinese.selectFirst("#index-rows").text());

        reindex.runToEnd();
        Document done = open("en");
        assertEquals("Done", done.selectFirst("#index-state .kind").text());
        assertEquals("4 of 4 rows (100%)", done.selectFirst("#index-rows").text());
        assertEquals("100", done.selectFirst("#index-progress").attr("value"));
        assertTrue(done.select("#index-left").isEmpty(), "no time left once done");
        assertTrue(done.selectFirst("#index-finished").text().contains("took"));
        assertEquals("已完成", open("zh").selectFirst("#index-state .kind").text());
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void a_start_that_found_nothing_stale_says_so() {
        reindex.reindexStale();
        fx.sql("""
                insert into search_reindex (version, phase, after_id, suggestion_from, suggestion_upto, comment_from,
                    comment_upto, release_from, release_upto, total_rows, started_at, finished_at)
                values (?1, 'DONE', 0, 0, 0, 0, 0, 0, 0, 0, now(), now())""", SearchIndex.VERSION);
        Document nothing = open("en");
        assertTrue(nothing.selectFirst("#index-state").text().startsWith(
                "Nothing to catch up: every row is indexed with analysis version " + SearchIndex.VERSION + ". Checked"));
        assertTrue(nothing.select("#index-rows").isEmpty());
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void a_run_no_node_works_on_says_it_is_paused() {
        reindex.reindexStale();
        stale(1);
        assertTrue(reindex.begin(true));
        fx.sql("update search_reindex set started_at = now() - interval '2 hours' where phase <> 'DONE'");
        Document paused = open("en");
        assertEquals("Paused", paused.selectFirst("#index-state .kind").text());
        assertEquals("Not known yet", paused.selectFirst("#index-left").text());
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void fans_cannot_see_it() {
        assertEquals(403, page().get("/admin/search").statusCode());
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void product_managers_cannot_see_it() {
        assertEquals(403, page().get("/admin/search").statusCode());
    }

    @Test
    void visitors_are_sent_to_sign_in() {
        var response = page().get("/admin/search");
        assertEquals(303, response.statusCode());
        assertTrue(response.getHeader("Location").contains("/login"));
        assertFalse(response.asString().contains("index-rows"));
    }

    private static Document open(String language) {
        return Jsoup.parse(given().header("Accept-Language", language).redirects().follow(false).get("/admin/search")
                .then().statusCode(200).extract().asString());
    }

    /** Suggestions with no words yet, as before search existed. */
    private void stale(int n) {
        Board board = sf.board();
        Member author = sf.member(SearchFixtures.unique("old"));
        for (int i = 0; i < n; i++) {
            long id = sf.suggestion(board, author, "Old post " + i, "Text").id;
            fx.sql("update suggestion set search_vector = null, search_version = 0 where id = ?1", id);
        }
    }
}
