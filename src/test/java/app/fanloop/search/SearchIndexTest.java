package app.fanloop.search;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import app.fanloop.board.Board;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** What members write through the pages is found at once: the index is written in the same transaction. */
@QuarkusTest
class SearchIndexTest {

    private static final String CSRF_COOKIE = "fanloop-csrf";
    private static final String CSRF_FIELD = "csrf-token";

    @Inject
    SearchFixtures sf;
    @Inject
    SearchIndex index;
    @Inject
    EntityManager em;

    private static String word() {
        return SearchPageTest.word();
    }

    private record Csrf(String cookie, String token) {
    }

    /** The CSRF cookie and form token of a page with a form. */
    private static Csrf csrf(String path) {
        Response page = given().header("Accept-Language", "en").when().get(path);
        assertEquals(200, page.statusCode());
        Document doc = Jsoup.parse(page.asString());
        return new Csrf(page.getCookie(CSRF_COOKIE), doc.selectFirst("input[name=" + CSRF_FIELD + "]").val());
    }

    private static Response post(String formPage, String action, String... fields) {
        Csrf csrf = csrf(formPage);
        var request = given().header("Accept-Language", "en").redirects().follow(false)
                .contentType("application/x-www-form-urlencoded; charset=UTF-8")
                .cookie(CSRF_COOKIE, csrf.cookie()).formParam(CSRF_FIELD, csrf.token());
        for (int i = 0; i < fields.length; i += 2) {
            request.formParam(fields[i], fields[i + 1]);
        }
        return request.when().post(action);
    }

    private static List<String> results(String q) {
        String html = given().header("Accept-Language", "en").queryParam("q", q).when().get("/search")
                .then().statusCode(200).extract().asString();
        return Jsoup.parse(html).select("li.search-hit a.row-title").eachAttr("href");
    }

    private static long idFrom(Response redirect) {
        return Long.parseLong(redirect.getHeader("Location").replaceAll("^.*/suggestions/(\\d+).*$", "$1"));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void posts_edits_and_comments_are_found_as_soon_as_they_are_saved() {
        Board board = sf.board();
        String first = word();
        String second = word();
        Response created = post("/boards/" + board.slug + "/new", "/boards/" + board.slug + "/suggestions",
                "kind", "SUGGESTION", "title", "息屏显示 " + first, "body", "希望息屏可以显示农历");
        assertEquals(303, created.statusCode());
        long id = idFrom(created);
        assertEquals(List.of("/suggestions/" + id), results(first));
        assertEquals(List.of("/suggestions/" + id), results("息屏 农历 " + first));

        Response edited = post("/suggestions/" + id + "/edit", "/suggestions/" + id + "/edit",
                "kind", "SUGGESTION", "title", "息屏显示 " + second, "body", "希望息屏可以显示天气");
        assertEquals(303, edited.statusCode());
        assertEquals(List.of(), results(first));
        assertEquals(List.of("/suggestions/" + id), results(second + " 天气"));

        String third = word();
        Response commented = post("/suggestions/" + id, "/suggestions/" + id + "/comments", "body", "Me too " + third);
        assertEquals(303, commented.statusCode());
        String comment = commented.getHeader("Location").replaceAll("^.*#comment-(\\d+)$", "$1");
        assertEquals(List.of("/suggestions/" + id + "#comment-" + comment), results(third));

        String fourth = word();
        Response commentEdited = post("/comments/" + comment + "/edit", "/comments/" + comment + "/edit",
                "body", "Me too, " + fourth);
        assertEquals(303, commentEdited.statusCode());
        assertEquals(List.of(), results(third));
        assertEquals(List.of("/suggestions/" + id + "#comment-" + comment), results(fourth));
    }

    @Test
    void rows_written_before_search_existed_are_indexed_by_the_catch_up() throws InterruptedException {
        String w = word();
        Board board = sf.board();
        Suggestion s = sf.suggestion(board, sf.member(SearchFixtures.unique("old")), "Old post " + w, "Text");
        Comment c = sf.comment(s, sf.member(SearchFixtures.unique("old")), "Old comment " + w);
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("update suggestion set search_vector = null, search_version = 0 where id = :id")
                    .setParameter("id", s.id).executeUpdate();
            em.createNativeQuery("update comment set search_vector = null, search_version = 0 where id = :id")
                    .setParameter("id", c.id).executeUpdate();
        });
        assertEquals(List.of(), results(w));

        index.reindexStale();
        // The start-up catch-up may still be running in the background (fixture rows are written without a
        // vector) and may hold these two rows for its batch (skip locked): wait for whichever indexes them.
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (results(w).size() < 2 && System.nanoTime() < deadline) {
            index.reindexStale();
            Thread.sleep(50);
        }

        assertEquals(2, results(w).size());
        assertTrue(sf.indexed("suggestion", s.id, w));
        assertTrue(sf.indexed("comment", c.id, w));
        assertFalse(sf.indexed("suggestion", s.id, "nothing"));
    }
}
