package app.fanloop.suggestion;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.htmx;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;

@QuarkusTest
@TestSecurity(user = "bob", roles = "fan")
class VotingTest {

    @Inject
    Fixtures fx;

    @Test
    void fan_votes_and_withdraws_with_exact_counts() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Vote on me"));

        Response voted = vote(s, "true");
        assertEquals(303, voted.statusCode());
        assertEquals("/suggestions/" + s.id, location(voted));
        assertEquals(1, fx.counter(s.id, "vote_count"));
        assertTrue(fx.voted(s.id, "bob"));
        Element button = html(page().get("/suggestions/" + s.id).then().statusCode(200).extract().response())
                .selectFirst(".suggestion-head button.vote");
        assertTrue(button.hasClass("voted"));
        assertEquals("true", button.attr("aria-pressed"));
        assertEquals("1", button.selectFirst(".count").text());

        vote(s, "false").then().statusCode(303);
        assertEquals(0, fx.counter(s.id, "vote_count"));
        assertFalse(fx.voted(s.id, "bob"));
        button = html(page().get("/suggestions/" + s.id).then().extract().response()).selectFirst(".suggestion-head button.vote");
        assertFalse(button.hasClass("voted"));
        assertEquals("0", button.selectFirst(".count").text());
    }

    @Test
    void fan_cannot_vote_twice() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Vote twice"));

        vote(s, "true").then().statusCode(303);
        vote(s, "true").then().statusCode(303);

        assertEquals(1, fx.counter(s.id, "vote_count"));
        assertEquals(1, fx.number("select count(*) from vote where suggestion_id = ?1", s.id));

        vote(s, "false").then().statusCode(303);
        vote(s, "false").then().statusCode(303);
        assertEquals(0, fx.counter(s.id, "vote_count"));
    }

    @Test
    void vote_without_a_wish_toggles() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Toggle"));

        form().post("/suggestions/" + s.id + "/vote").then().statusCode(303);
        assertEquals(1, fx.counter(s.id, "vote_count"));
        form().post("/suggestions/" + s.id + "/vote").then().statusCode(303);
        assertEquals(0, fx.counter(s.id, "vote_count"));
    }

    @Test
    void voting_follows_the_suggestion() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Vote follows"));

        vote(s, "true").then().statusCode(303);

        assertTrue(fx.follows(s.id, "bob"));
        assertEquals(1, fx.counter(s.id, "follower_count"));
    }

    @Test
    void htmx_vote_returns_the_vote_button() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Htmx vote"));

        Response response = htmx().formParam("on", "true").post("/suggestions/" + s.id + "/vote");

        assertEquals(200, response.statusCode());
        String body = response.asString();
        assertFalse(body.contains("<html"), "a fragment, not a page");
        Document fragment = Jsoup.parseBodyFragment(body);
        Element box = fragment.selectFirst("div.vote-box#vote-" + s.id);
        assertNotNull(box);
        Element button = box.selectFirst("button.vote.voted");
        assertEquals("1", button.selectFirst(".count").text());
        assertEquals("Voted", button.selectFirst(".label").text());
        Element form = box.selectFirst("form[hx-post=/suggestions/" + s.id + "/vote]");
        assertEquals("false", form.selectFirst("input[name=on]").val(), "the next click withdraws");
        assertFalse(form.selectFirst("input[name=csrf-token]").val().isEmpty());
        assertEquals(1, fx.counter(s.id, "vote_count"));
    }

    @Test
    void vote_returns_to_the_page_it_came_from_but_never_off_site() {
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, fx.someone(), unique("Vote from a list"));

        assertEquals("/boards/" + board.slug, location(vote(s, "true", "/boards/" + board.slug)));
        assertEquals("/", location(vote(s, "true", "https://evil.example/")));
        assertEquals("/", location(vote(s, "true", "//evil.example/")));
        assertEquals("/", location(vote(s, "true", "/\\evil.example/")));
    }

    @Test
    void votes_on_an_archived_board_are_refused() {
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, fx.someone(), unique("Archived vote"));
        fx.archive(board.id);

        vote(s, "true").then().statusCode(409);

        assertEquals(0, fx.counter(s.id, "vote_count"));
        Element button = html(page().get("/suggestions/" + s.id).then().statusCode(200).extract().response())
                .selectFirst(".suggestion-head button.vote");
        assertTrue(button.hasAttr("disabled"));
    }

    @Test
    void vote_on_a_missing_suggestion_is_not_found() {
        form().formParam("on", "true").post("/suggestions/987654321/vote").then().statusCode(404);
    }

    private static Response vote(Suggestion s, String on) {
        return form().formParam("on", on).post("/suggestions/" + s.id + "/vote");
    }

    private static Response vote(Suggestion s, String on, String to) {
        return form().formParam("on", on).formParam("to", to).post("/suggestions/" + s.id + "/vote");
    }
}
