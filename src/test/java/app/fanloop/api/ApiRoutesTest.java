package app.fanloop.api;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.api.SuggestionApiTest.as;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.release.Release;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.search.SearchFixtures;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The API's routes beyond suggestions: boards, roadmap, feature items, merges, releases, search and moderation. */
@QuarkusTest
class ApiRoutesTest {

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures releases;

    @Inject
    SearchFixtures search;

    @Test
    void boards_list_listed_ones_and_members_follow_idempotently() {
        Board board = fx.board();
        Board archived = fx.board();
        fx.archive(archived.id);
        given().get("/api/v1/boards").then().statusCode(200).body("items.slug", hasItem(board.slug))
                .body("items.slug", not(hasItem(archived.slug))).body("next", nullValue());
        given().get("/api/v1/boards/{slug}", archived.slug).then().statusCode(200).body("archived", equalTo(true));
        as("bob").put("/api/v1/boards/{slug}/follow", board.slug).then().statusCode(200).body("following", equalTo(true));
        as("bob").put("/api/v1/boards/{slug}/follow", board.slug).then().statusCode(200).body("following", equalTo(true));
        as("bob").get("/api/v1/boards/{slug}", board.slug).then().body("following", equalTo(true));
        as("bob").delete("/api/v1/boards/{slug}/follow", board.slug).then().statusCode(200).body("following", equalTo(false));
        given().put("/api/v1/boards/{slug}/follow", board.slug).then().statusCode(401);
    }

    @Test
    void roadmap_shows_planned_items_with_public_suggestions_only() {
        Suggestion shown = fx.suggestion(fx.board(), fx.someone(), unique("On the roadmap"));
        Suggestion hidden = fx.suggestion(fx.board(), fx.someone(), unique("Hidden on the roadmap"));
        long item = fx.featureItem(unique("Roadmap item"), shown.id, hidden.id);
        fx.hide(hidden.id);
        fx.sql("update feature_item set status = 'PLANNED' where id = ?1", item);
        var roadmap = given().get("/api/v1/roadmap").then().statusCode(200).extract();
        List<Integer> planned = roadmap.path("columns.find { it.status == 'PLANNED' }.items.id");
        assertTrue(planned.contains((int) item));
        List<Integer> behind = roadmap.path("columns.find { it.status == 'PLANNED' }.items.find { it.id == " + item
                + " }.suggestions.id");
        assertEquals(List.of(shown.id.intValue()), behind);
    }

    @Test
    void feature_items_are_staff_only_and_staff_create_move_link_and_unlink() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Wanted"));
        Suggestion other = fx.suggestion(fx.board(), fx.someone(), unique("Also wanted"));
        as("bob").get("/api/v1/feature-items").then().statusCode(403);
        given().get("/api/v1/feature-items").then().statusCode(401);
        as("bob").body("{\"title\":\"Nope\"}").post("/api/v1/feature-items").then().statusCode(403);
        int id = as("paula").body("{\"title\":\"" + unique("Dark mode") + "\",\"priority\":1,\"suggestionIds\":[" + s.id + "]}")
                .post("/api/v1/feature-items").then().statusCode(201).body("priority", equalTo(1))
                .body("suggestions.id", contains(s.id.intValue())).extract().path("id");
        as("paula").body("{\"status\":\"PLANNED\"}").post("/api/v1/feature-items/{id}/status", id).then().statusCode(200)
                .body("status", equalTo("PLANNED"));
        assertEquals("PLANNED", fx.text("select status from suggestion where id = ?1", s.id));
        as("paula").body("{\"status\":\"CANCELLED\"}").post("/api/v1/feature-items/{id}/status", id)
                .then().statusCode(422).body("errors.field", hasItem("reason"));
        as("paula").put("/api/v1/feature-items/{id}/suggestions/{s}", id, other.id).then().statusCode(200)
                .body("suggestions.id", hasItem(other.id.intValue()));
        as("paula").delete("/api/v1/feature-items/{id}/suggestions/{s}", id, other.id).then().statusCode(200)
                .body("suggestions.id", not(hasItem(other.id.intValue())));
        as("paula").body("{\"title\":\"Renamed\",\"priority\":0}").put("/api/v1/feature-items/{id}", id).then()
                .statusCode(200).body("title", equalTo("Renamed"));
        as("paula").get("/api/v1/feature-items?status=PLANNED&limit=100").then().statusCode(200).body("items.id", hasItem(id));
        as("paula").get("/api/v1/feature-items/{id}", 999_999_999).then().statusCode(404);
    }

    @Test
    void feature_items_page_by_cursor_in_order_of_demand() {
        long low = fx.featureItem(unique("Low"));
        Suggestion voted = fx.suggestion(fx.board(), fx.someone(), unique("Voted"));
        fx.votes(voted.id, 2, java.time.Instant.parse("2026-11-01T00:00:00Z"));
        long high = fx.featureItem(unique("High"), voted.id);
        List<Integer> seen = new java.util.ArrayList<>();
        String cursor = null;
        do {
            var page = as("paula").queryParam("limit", 1).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/v1/feature-items").then().statusCode(200).extract();
            seen.addAll(page.path("items.id"));
            cursor = page.path("next");
        } while (cursor != null);
        assertTrue(seen.indexOf((int) high) < seen.indexOf((int) low));
        assertEquals(seen.size(), new java.util.HashSet<>(seen).size());
    }

    @Test
    void staff_merge_and_unmerge_fans_may_not() {
        Suggestion dup = fx.suggestion(fx.board(), fx.someone(), unique("Duplicate"));
        Suggestion target = fx.suggestion(fx.board(), fx.someone(), unique("Original"));
        as("bob").body("{\"into\":" + target.id + "}").put("/api/v1/suggestions/{id}/merge", dup.id).then().statusCode(403);
        as("paula").body("{\"into\":" + target.id + ",\"note\":\"Same\"}").put("/api/v1/suggestions/{id}/merge", dup.id)
                .then().statusCode(204);
        given().get("/api/v1/suggestions/{id}", dup.id).then().body("status", equalTo("MERGED"))
                .body("mergedInto", equalTo(target.id.intValue()));
        as("paula").body("{\"into\":" + target.id + "}").put("/api/v1/suggestions/{id}/merge", dup.id).then().statusCode(409);
        as("paula").delete("/api/v1/suggestions/{id}/merge?note=Not the same", dup.id).then().statusCode(204);
        given().get("/api/v1/suggestions/{id}", dup.id).then().body("status", equalTo("OPEN"));
        as("paula").body("{}").put("/api/v1/suggestions/{id}/merge", dup.id)
                .then().statusCode(422).body("errors.field", hasItem("into"));
    }

    @Test
    void releases_list_published_ones_and_credit_fans() {
        Suggestion s = fx.suggestion(fx.board(), fx.member("chen"), unique("Shipped idea"));
        Release published = releases.draft(ReleaseChannel.DEV, unique("v"), null, s.id);
        releases.publish(published.id);
        releases.publish(releases.draft(ReleaseChannel.STABLE, unique("v"), null).id);
        Release draft = releases.draft(ReleaseChannel.DEV, unique("draft"), null);
        given().get("/api/v1/releases?channel=dev&limit=100").then().statusCode(200)
                .body("items.id", hasItem(published.id.intValue())).body("items.id", not(hasItem(draft.id.intValue())));
        given().get("/api/v1/releases/{id}", published.id).then().statusCode(200).body("state", equalTo("PUBLISHED"))
                .body("sections[0].lines[0].suggestions.id", contains(s.id.intValue()))
                .body("credits.memberId", hasItem(fx.member("chen").id.intValue()));
        given().get("/api/v1/releases/{id}", draft.id).then().statusCode(404);
        as("paula").get("/api/v1/releases/{id}", draft.id).then().statusCode(200).body("state", equalTo("DRAFT"));
        var first = given().get("/api/v1/releases?limit=1").then().statusCode(200).body("next", notNullValue()).extract();
        given().get("/api/v1/releases?limit=1&cursor={c}", first.path("next").toString()).then().statusCode(200)
                .body("items.id", not(hasItem((Integer) first.path("items[0].id"))));
        as("bob").put("/api/v1/channels/stable/follow").then().statusCode(200).body("following", equalTo(true));
        as("bob").delete("/api/v1/channels/stable/follow").then().statusCode(200).body("following", equalTo(false));
        as("bob").put("/api/v1/channels/nightly/follow").then().statusCode(404);
    }

    @Test
    void search_and_hints_follow_the_visibility_rule() {
        String word = "zqx" + Long.toString(System.nanoTime() % 100000, 36);
        Board board = search.board();
        Suggestion shown = search.suggestion(board, search.member(unique("author")), "Battery " + word, "Drains " + word);
        Suggestion hidden = search.suggestion(board, search.member(unique("author")), "Hidden " + word, "Secret " + word);
        fx.hide(hidden.id);
        given().get("/api/v1/search?q={q}", word).then().statusCode(200)
                .body("items.suggestion.id", hasItem(shown.id.intValue()))
                .body("items.suggestion.id", not(hasItem(hidden.id.intValue())))
                .body("items[0].title.find { it.match }.text", notNullValue());
        given().get("/api/v1/suggestions/similar?title={t}", "Battery " + word).then().statusCode(200)
                .body("items.suggestion.id", hasItem(shown.id.intValue()))
                .body("items.suggestion.id", not(hasItem(hidden.id.intValue())));
        given().get("/api/v1/search?q={q}&cursor=bad!", word).then()
                .statusCode(400).contentType("application/problem+json");
    }

    @Test
    void members_report_and_admins_hide_and_restore() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Reported"));
        as("bob").body("{\"reason\":\"SPAM\"}").post("/api/v1/suggestions/{id}/reports", s.id).then().statusCode(204);
        as("bob").body("{\"reason\":\"SPAM\"}").post("/api/v1/suggestions/{id}/reports", s.id).then().statusCode(409);
        as("chen").body("{\"reason\":\"OTHER\"}").post("/api/v1/suggestions/{id}/reports", s.id)
                .then().statusCode(422).body("errors.field", hasItem("text"));
        as("paula").body("{\"reason\":\"Spam\"}").post("/api/v1/suggestions/{id}/hide", s.id).then().statusCode(403);
        as("alice").body("{\"reason\":\"Spam\"}").post("/api/v1/suggestions/{id}/hide", s.id).then().statusCode(204);
        given().get("/api/v1/suggestions/{id}", s.id).then().statusCode(404);
        as("alice").get("/api/v1/suggestions/{id}", s.id).then().statusCode(200).body("hidden", equalTo(true));
        as("alice").post("/api/v1/suggestions/{id}/restore", s.id).then().statusCode(204);
        given().get("/api/v1/suggestions/{id}", s.id).then().statusCode(200);
        var c = fx.comment(s.id, fx.someone(), null, "Rude words", false);
        as("chen").body("{\"reason\":\"ABUSE\"}").post("/api/v1/comments/{id}/reports", c.id).then().statusCode(204);
        as("alice").body("{\"reason\":\"Rude\"}").post("/api/v1/comments/{id}/hide", c.id).then().statusCode(204);
        assertTrue(!given().get("/api/v1/suggestions/{id}", s.id).asString().contains("Rude words"));
        as("alice").post("/api/v1/comments/{id}/restore", c.id).then().statusCode(204);
        assertEquals(SuggestionStatus.OPEN.name(), fx.text("select status from suggestion where id = ?1", s.id));
    }
}
