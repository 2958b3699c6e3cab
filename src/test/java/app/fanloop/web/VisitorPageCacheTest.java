package app.fanloop.web;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.page;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.search.SearchFixtures;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** Visitors share a page rendered moments ago; nobody sees another's CSRF token (members: MemberPagesTest). */
@QuarkusTest
@TestProfile(VisitorPageCacheTest.OneMinute.class)
class VisitorPageCacheTest {

    /** A cache long enough that a test sees it; the other tests run with it off. */
    public static class OneMinute implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A page limit under 100 counts every request (RequestLimit reserves batches only for larger ones),
            // so the test can see each rendered page counted.
            return Map.of("fanloop.visitor-cache.ttl", "PT1M", "fanloop.rate-limit.actions.page.count", "90");
        }
    }

    @Inject
    Fixtures fx;
    @Inject
    SearchFixtures sf;

    /** A returning visitor: the CSRF cookie from an earlier page, in the given language. */
    private static String board(Board board, String language) {
        return visitor(language).get("/boards/" + board.slug).then().statusCode(200).extract().asString();
    }

    private static io.restassured.specification.RequestSpecification visitor(String language) {
        if (returning == null) {
            returning = Browser.csrf();
        }
        return given().header("Accept-Language", language).cookie("fanloop-csrf", returning.cookie());
    }

    private static Browser.Csrf returning;

    @Test
    void a_visitor_gets_the_page_rendered_moments_ago_per_language_and_htmx_is_never_cached() {
        Board board = fx.board();
        Member fan = fx.someone();
        Suggestion first = fx.suggestion(board, fan, unique("First"));
        assertTrue(board(board, "en").contains(first.title));

        Suggestion second = fx.suggestion(board, fan, unique("Second"));
        assertEquals("hit", visitor("en").get("/boards/" + board.slug).header(PageCache.STATUS_HEADER));
        assertNotEquals("hit", page().get("/boards/" + board.slug).header(PageCache.STATUS_HEADER),
                "a first visit (no cookie yet) is rendered, so that it gets its cookie");
        String again = board(board, "en");
        assertTrue(again.contains(first.title));
        assertFalse(again.contains(second.title), "the copy from a moment ago");
        assertTrue(board(board, "zh").contains(second.title), "another language is another copy, rendered now");
        String htmx = visitor("en").header("HX-Request", "true").get("/boards/" + board.slug).then().statusCode(200)
                .extract().asString();
        assertTrue(htmx.contains(second.title), "htmx requests always render");
        assertTrue(visitor("en").get("/boards/" + board.slug + "?sort=new").asString().contains(second.title),
                "another address is another copy");
    }

    @Test
    void a_search_is_a_public_page_too_served_from_the_copy_for_a_moment() {
        Board board = sf.board();
        Member fan = fx.someone();
        String word = "qz" + unique("w").replaceAll("[^a-z]", "") + "x";
        Suggestion first = sf.suggestion(board, fan, "First " + word, "Indexed as the service writes it.");
        assertTrue(visitor("en").queryParam("q", word).get("/search").asString().contains("/suggestions/" + first.id));

        Suggestion second = sf.suggestion(board, fan, "Second " + word, "Indexed as the service writes it.");
        var again = visitor("en").queryParam("q", word).get("/search");
        assertEquals("hit", again.header(PageCache.STATUS_HEADER), "the same words, a moment later");
        assertFalse(again.asString().contains("/suggestions/" + second.id), "the copy from a moment ago");
        assertTrue(visitor("en").queryParam("q", word).queryParam("type", "suggestion").get("/search").asString()
                .contains("/suggestions/" + second.id), "other words or filters are another copy, rendered now");
    }

    @Test
    void every_visitor_finds_their_own_csrf_token_in_the_shared_copy() {
        Browser.Csrf one = Browser.csrf();
        Browser.Csrf two = Browser.csrf();
        assertNotEquals(one.cookie(), two.cookie(), "two visitors, two cookies");
        String path = "/boards/" + fx.board().slug;
        var first = given().header("Accept-Language", "en").cookie("fanloop-csrf", one.cookie()).get(path);
        assertEquals("miss", first.header(PageCache.STATUS_HEADER));
        assertTrue(first.asString().contains(one.token()));
        var again = given().header("Accept-Language", "en").cookie("fanloop-csrf", two.cookie()).get(path);
        assertEquals("hit", again.header(PageCache.STATUS_HEADER));
        String page = again.asString();
        assertTrue(page.contains(two.token()), "the shared copy carries this reader's token");
        assertFalse(page.contains(one.token()), "and not the one of the visitor it was rendered for");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Vote target"));
        // A visitor's vote passes the CSRF check with the token from the cached page and is sent to sign in.
        int status = page().cookie("fanloop-csrf", two.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", two.token()).post("/suggestions/" + s.id + "/vote").statusCode();
        assertEquals(303, status);
        int mixed = page().cookie("fanloop-csrf", two.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam("csrf-token", one.token()).post("/suggestions/" + s.id + "/vote").statusCode();
        assertEquals(400, mixed, "another visitor's token does not pass");
    }

    @Inject
    javax.sql.DataSource dataSource;

    @Inject
    SiteClock clock;

    @org.junit.jupiter.api.AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void only_pages_the_cache_did_not_serve_count_against_the_visitors_page_limit() throws Exception {
        // At the start of a fresh one-minute window (the page limit's), so that the count cannot roll over mid-test.
        clock.advance(java.time.Duration.ofMillis(60_000 - clock.now().toEpochMilli() % 60_000 + 1000));
        Board board = fx.board();
        board(board, "en");
        long before = pageHits();
        for (int i = 0; i < 5; i++) {
            assertEquals("hit", visitor("en").get("/boards/" + board.slug).header(PageCache.STATUS_HEADER));
        }
        assertEquals(before, pageHits(), "served from the cache: no query, not counted");
        visitor("en").get("/boards/" + board.slug + "?sort=top").then().statusCode(200);
        assertEquals(before + 1, pageHits(), "rendered: counted");
    }

    /** This address's page requests in the current window (all tests come from one address). */
    private long pageHits() throws java.sql.SQLException {
        try (var c = dataSource.getConnection(); var q = c.createStatement();
                var rs = q.executeQuery("select coalesce(sum(hits), 0) from rate_window where bucket = 'page' "
                        + "and subject like 'ip:%' and slot = " + (clock.now().toEpochMilli() / 60_000 * 60_000))) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
