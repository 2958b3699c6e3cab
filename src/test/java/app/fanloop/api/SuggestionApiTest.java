package app.fanloop.api;

import static app.fanloop.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.DevTokens;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

@QuarkusTest
class SuggestionApiTest {

    @Inject
    Fixtures fx;

    static RequestSpecification as(String user) {
        return given().auth().oauth2(DevTokens.accessToken(user)).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    @Test
    void board_list_pages_by_cursor_without_repeating_when_posts_arrive() {
        Board board = fx.board();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(fx.suggestion(board, fx.someone(), unique("Cursor " + i)).id);
        }
        var first = given().get("/api/v1/boards/{slug}/suggestions?sort=new&limit=2", board.slug).then().statusCode(200)
                .body("items.id", contains(ids.get(4).intValue(), ids.get(3).intValue()))
                .body("next", notNullValue()).extract();
        // A new post arrives between the pages: the next page still starts right after the last one seen.
        fx.suggestion(board, fx.someone(), unique("Arrived meanwhile"));
        var second = given().get("/api/v1/boards/{slug}/suggestions?sort=new&limit=2&cursor={c}", board.slug,
                first.path("next").toString()).then().statusCode(200)
                .body("items.id", contains(ids.get(2).intValue(), ids.get(1).intValue())).extract();
        given().get("/api/v1/boards/{slug}/suggestions?sort=new&limit=2&cursor={c}", board.slug,
                second.path("next").toString()).then().statusCode(200)
                .body("items.id", contains(ids.get(0).intValue())).body("next", nullValue());
    }

    @Test
    void board_list_by_votes_and_trending_walks_every_row_once() {
        Board board = fx.board();
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Suggestion s = fx.suggestion(board, fx.someone(), unique("Top " + i));
            fx.votes(s.id, i % 3, java.time.Instant.parse("2026-11-01T00:00:00Z").plusSeconds(i * 3600L));
            ids.add(s.id);
        }
        for (String sort : List.of("top", "trending")) {
            List<Integer> seen = new ArrayList<>();
            String cursor = null;
            do {
                var page = given().queryParam("sort", sort).queryParam("limit", 2)
                        .queryParam("cursor", cursor == null ? "" : cursor)
                        .get("/api/v1/boards/{slug}/suggestions", board.slug).then().statusCode(200).extract();
                seen.addAll(page.path("items.id"));
                cursor = page.path("next");
            } while (cursor != null);
            List<Integer> whole = given().queryParam("sort", sort).queryParam("limit", 100)
                    .get("/api/v1/boards/{slug}/suggestions", board.slug).then().extract().path("items.id");
            assertEquals(whole, seen, sort);
            assertEquals(5, seen.size(), sort);
        }
    }

    @Test
    void board_list_filters_by_status_and_kind_and_shows_only_public_posts() {
        Board board = fx.board();
        Suggestion planned = fx.suggestion(board, fx.someone(), unique("Planned"));
        fx.status(planned.id, app.fanloop.suggestion.SuggestionStatus.PLANNED);
        Suggestion open = fx.suggestion(board, fx.someone(), unique("Open"));
        Suggestion hidden = fx.suggestion(board, fx.someone(), unique("Hidden"));
        fx.hide(hidden.id);
        given().get("/api/v1/boards/{slug}/suggestions?status=PLANNED", board.slug).then().statusCode(200)
                .body("items.id", contains(planned.id.intValue()));
        given().get("/api/v1/boards/{slug}/suggestions", board.slug).then().statusCode(200)
                .body("items.id", hasItem(open.id.intValue())).body("items.id", not(hasItem(hidden.id.intValue())))
                .body("items[0].voted", nullValue());
    }

    @Test
    void bad_cursor_and_limit_are_the_clients_error() {
        Board board = fx.board();
        given().get("/api/v1/boards/{slug}/suggestions?cursor=not-a-cursor", board.slug).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("cursor"));
        given().get("/api/v1/boards/{slug}/suggestions?limit=1000", board.slug).then().statusCode(400)
                .contentType("application/problem+json").body("errors.field", hasItem("limit"));
        given().get("/api/v1/boards/{slug}/suggestions", "no-such-board").then().statusCode(404);
    }

    @Test
    void fan_posts_votes_idempotently_and_withdraws() {
        Board board = fx.board();
        String title = unique("From the app");
        var created = as("bob").body("{\"title\":\"" + title + "\",\"body\":\"Please\"}")
                .post("/api/v1/boards/{slug}/suggestions", board.slug).then().statusCode(201)
                .header("Location", startsWith("http")).body("title", equalTo(title))
                .body("author.id", equalTo(fx.member("bob").id.intValue())).body("mine.following", equalTo(true)).extract();
        int id = created.path("id");
        as("chen").put("/api/v1/suggestions/{id}/vote", id).then().statusCode(200)
                .body("voted", equalTo(true)).body("votes", equalTo(1));
        as("chen").put("/api/v1/suggestions/{id}/vote", id).then().statusCode(200).body("votes", equalTo(1));
        assertEquals(1, fx.counter(id, "vote_count"));
        as("chen").get("/api/v1/boards/{slug}/suggestions", board.slug).then().body("items[0].voted", equalTo(true));
        as("chen").delete("/api/v1/suggestions/{id}/vote", id).then().statusCode(200)
                .body("voted", equalTo(false)).body("votes", equalTo(0));
        as("chen").delete("/api/v1/suggestions/{id}/vote", id).then().statusCode(200).body("votes", equalTo(0));
    }

    @Test
    void invalid_post_is_refused_with_field_errors_and_nothing_stored() {
        Board board = fx.board();
        long before = fx.suggestionCount(board.id);
        as("bob").body("{\"title\":\"\",\"body\":\"\"}").post("/api/v1/boards/{slug}/suggestions", board.slug)
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.field", org.hamcrest.Matchers.hasItems("title", "body"));
        assertEquals(before, fx.suggestionCount(board.id));
    }

    @Test
    void visitor_cannot_write() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("No visitors"));
        given().put("/api/v1/suggestions/{id}/vote", s.id).then().statusCode(401);
        assertEquals(0, fx.counter(s.id, "vote_count"));
    }

    @Test
    void suggestion_shows_timeline_answer_and_threads_hiding_what_the_reader_may_not_see() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Detailed"));
        var paula = fx.member("paula");
        fx.statusChange(s.id, paula, app.fanloop.suggestion.SuggestionStatus.UNDER_REVIEW, "Looking");
        fx.officialAnswer(s.id, paula, java.time.Instant.parse("2026-11-02T00:00:00Z"));
        var shown = fx.comment(s.id, fx.someone(), null, "Shown comment", false);
        var hidden = fx.comment(s.id, fx.someone(), null, "Secret comment", false);
        fx.hideComment(hidden.id);
        fx.comment(s.id, fx.someone(), shown.id, "A reply", false);
        var body = given().get("/api/v1/suggestions/{id}", s.id).then().statusCode(200)
                .body("status", equalTo("UNDER_REVIEW")).body("timeline[0].to", equalTo("UNDER_REVIEW"))
                .body("timeline[0].note", equalTo("Looking")).body("officialResponse.official", equalTo(true))
                .body("mine", nullValue()).extract();
        List<Integer> threadIds = body.path("threads.items.id");
        assertTrue(threadIds.contains(hidden.id.intValue()));
        int at = threadIds.indexOf(hidden.id.intValue());
        assertNull(body.path("threads.items[" + at + "].body"));
        assertEquals(true, body.path("threads.items[" + at + "].hidden"));
        int shownAt = threadIds.indexOf(shown.id.intValue());
        assertEquals("A reply", body.path("threads.items[" + shownAt + "].replies[0].body"));
        assertTrue(!body.asString().contains("Secret comment"));
    }

    @Test
    void comments_page_by_cursor_and_hidden_suggestion_is_404_for_others() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Threads"));
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ids.add(fx.comment(s.id, fx.someone(), null, "Thread " + i, false).id);
        }
        var first = given().get("/api/v1/suggestions/{id}/comments?limit=2", s.id).then().statusCode(200)
                .body("items.id", contains(ids.get(0).intValue(), ids.get(1).intValue())).extract();
        given().get("/api/v1/suggestions/{id}/comments?limit=2&cursor={c}", s.id, first.path("next").toString())
                .then().statusCode(200).body("items.id", contains(ids.get(2).intValue())).body("next", nullValue());
        fx.hide(s.id);
        given().get("/api/v1/suggestions/{id}", s.id).then().statusCode(404);
        given().get("/api/v1/suggestions/{id}/comments", s.id).then().statusCode(404);
        as("chen").put("/api/v1/suggestions/{id}/vote", s.id).then().statusCode(404);
    }

    @Test
    void get_answers_304_to_its_own_etag() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Tagged"));
        String tag = given().get("/api/v1/suggestions/{id}", s.id).then().statusCode(200)
                .header("ETag", notNullValue()).extract().header("ETag");
        given().header("If-None-Match", tag).get("/api/v1/suggestions/{id}", s.id).then().statusCode(304);
        fx.votes(s.id, 1, java.time.Instant.parse("2026-11-01T00:00:00Z"));
        String changed = given().header("If-None-Match", tag).get("/api/v1/suggestions/{id}", s.id).then().statusCode(200)
                .extract().header("ETag");
        assertNotEquals(tag, changed);
    }

    @Test
    void staff_sets_status_and_answers_fans_may_not() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Triage me"));
        as("bob").body("{\"status\":\"PLANNED\"}").post("/api/v1/suggestions/{id}/status", s.id).then().statusCode(403);
        as("bob").body("{\"body\":\"Official?\"}").post("/api/v1/suggestions/{id}/official-response", s.id)
                .then().statusCode(403);
        as("paula").body("{\"status\":\"PLANNED\",\"note\":\"Next\"}").post("/api/v1/suggestions/{id}/status", s.id)
                .then().statusCode(200).body("status", equalTo("PLANNED"));
        as("paula").body("{\"body\":\"We are on it\"}").post("/api/v1/suggestions/{id}/official-response", s.id)
                .then().statusCode(201).body("official", equalTo(true));
        given().get("/api/v1/suggestions/{id}", s.id).then().body("officialResponse.body", equalTo("We are on it"));
    }

    @Test
    void author_edits_own_comment_and_suggestion_others_may_not() {
        Suggestion s = fx.suggestion(fx.board(), fx.member("bob"), unique("Mine"));
        as("chen").body("{\"title\":\"Taken over\",\"body\":\"x\"}").put("/api/v1/suggestions/{id}", s.id)
                .then().statusCode(403);
        as("bob").body("{\"title\":\"Better title\",\"body\":\"More\"}").put("/api/v1/suggestions/{id}", s.id)
                .then().statusCode(200).body("title", equalTo("Better title"));
        int comment = as("chen").body("{\"body\":\"First\"}").post("/api/v1/suggestions/{id}/comments", s.id)
                .then().statusCode(201).extract().path("id");
        as("bob").body("{\"body\":\"Not yours\"}").put("/api/v1/comments/{id}", comment).then().statusCode(403);
        as("chen").body("{\"body\":\"Second thought\"}").put("/api/v1/comments/{id}", comment).then().statusCode(200)
                .body("body", equalTo("Second thought"));
        as("bob").body("{\"body\":\"Reply\",\"parentId\":" + comment + "}").post("/api/v1/suggestions/{id}/comments", s.id)
                .then().statusCode(201).body("parentId", equalTo(comment));
    }
}
