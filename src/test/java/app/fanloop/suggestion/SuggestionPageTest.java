package app.fanloop.suggestion;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** What a visitor sees on a suggestion, and what happens when they try to take part. */
@QuarkusTest
class SuggestionPageTest {

    @Inject
    Fixtures fx;

    @Test
    void suggestion_page_shows_body_votes_timeline_official_response_and_threads() {
        Member author = fx.someone();
        Member pm = fx.someone();
        Member fan = fx.someone();
        Member other = fx.someone();
        Suggestion s = fx.suggestion(fx.board(), author, SuggestionKind.SUGGESTION, unique("Lock screen shortcuts"),
                "Let me pick **any app**.\n\n- payment code\n- torch\n\nSee [the mock-up](https://example.com/mock).",
                Instant.now());
        fx.votes(s.id, 4, Instant.now());
        fx.statusChange(s.id, pm, SuggestionStatus.UNDER_REVIEW, "The team is looking at it.");
        Comment first = fx.comment(s.id, fan, null, "I want this *too*", false);
        Comment reply = fx.comment(s.id, other, first.id, "Same here", false);
        Comment second = fx.comment(s.id, other, null, "What about widgets?", false);
        Comment official = fx.comment(s.id, pm, null, "Planned for **next month**.", true);

        Document doc = html(page().get("/suggestions/" + s.id).then().statusCode(200).extract().response());

        assertEquals(s.title, doc.selectFirst("article h1").text());
        Element body = doc.selectFirst("article .prose");
        assertEquals("any app", body.selectFirst("strong").text());
        assertEquals(List.of("payment code", "torch"), body.select("ul li").eachText());
        assertEquals("https://example.com/mock", body.selectFirst("a").attr("href"));
        assertEquals("4", doc.selectFirst(".suggestion-head .vote .count").text());
        assertEquals("Under review", doc.selectFirst(".suggestion-head .badge").text());

        List<Element> timeline = doc.select("#timeline ol.timeline > li");
        assertEquals(2, timeline.size());
        assertTrue(timeline.get(0).text().startsWith("Posted by " + author.name));
        Element change = timeline.get(1);
        assertTrue(change.text().startsWith(pm.name + " moved it"), change.text());
        assertEquals(List.of("Open", "Under review"), change.select(".badge").eachText());
        assertEquals("The team is looking at it.", change.selectFirst(".note").text());

        Element officialCard = doc.selectFirst("section.official");
        assertNotNull(officialCard, "the official response has its own card");
        assertEquals("next month", officialCard.selectFirst(".prose strong").text());
        assertEquals(pm.name, officialCard.selectFirst(".who").text());
        Element comments = doc.selectFirst("section#comments");
        assertTrue(officialCard.elementSiblingIndex() < comments.elementSiblingIndex(), "official response above comments");

        assertEquals("Comments · 4", comments.selectFirst("h2").text());
        List<Element> threads = comments.select(".thread");
        assertEquals(3, threads.size());
        assertEquals("comment-" + first.id, threads.get(0).child(0).id());
        assertEquals("too", threads.get(0).selectFirst("#comment-" + first.id + " .prose em").text());
        Element replies = threads.get(0).selectFirst(".replies");
        assertNotNull(replies.selectFirst("#comment-" + reply.id), "the reply sits under its comment");
        assertEquals("comment-" + second.id, threads.get(1).child(0).id());
        assertNotNull(threads.get(2).selectFirst("#comment-" + official.id + " .official-badge"));

        // A visitor is invited to sign in rather than shown forms.
        assertTrue(doc.select("form[method=post]").isEmpty());
        assertEquals("/login?to=%2Fsuggestions%2F" + s.id, doc.selectFirst("#comments a.button").attr("href"));
    }

    @Test
    void bug_report_page_shows_its_details() {
        Suggestion bug = fx.suggestion(fx.board(), fx.someone(), SuggestionKind.BUG, unique("Camera crashes"),
                "It crashes.", Instant.now());

        Document doc = html(page().get("/suggestions/" + bug.id).then().statusCode(200).extract().response());

        assertEquals("Bug report", doc.selectFirst(".suggestion-head .kind").text());
        assertEquals(List.of("Xiaomi 14", "HyperOS 2.0", "Often", "1. Open the camera"),
                doc.select("article dl.facts dd").eachText());
    }

    @Test
    void missing_suggestion_is_not_found() {
        page().get("/suggestions/987654321").then().statusCode(404);
        page().get("/suggestions/987654321/revisions").then().statusCode(404);
        page().get("/comments/987654321/revisions").then().statusCode(404);
    }

    @Test
    void visitor_vote_is_sent_to_sign_in_and_stores_nothing() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Visitor votes"));
        String referer = "http://localhost:" + RestAssured.port + "/suggestions/" + s.id;

        Response response = form().header("Referer", referer).formParam("on", "true")
                .post("/suggestions/" + s.id + "/vote");

        assertEquals(303, response.statusCode());
        String location = location(response);
        assertTrue(location.startsWith("/login?to="), location);
        assertEquals("/suggestions/" + s.id,
                URLDecoder.decode(location.substring("/login?to=".length()), StandardCharsets.UTF_8));
        assertEquals(0, fx.counter(s.id, "vote_count"));
        assertEquals(0, fx.number("select count(*) from vote where suggestion_id = ?1", s.id));
    }

    @Test
    void visitor_htmx_vote_is_told_where_to_sign_in() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Visitor htmx votes"));

        Response response = form().header("HX-Request", "true").post("/suggestions/" + s.id + "/vote");

        assertEquals(401, response.statusCode());
        assertTrue(response.getHeader("HX-Redirect").startsWith("/login?to="));
        assertEquals(0, fx.number("select count(*) from vote where suggestion_id = ?1", s.id));
    }

    @Test
    void visitor_actions_store_nothing() {
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, fx.someone(), unique("Visitor acts"));

        form().formParam("body", "hello").post("/suggestions/" + s.id + "/comments").then().statusCode(303);
        form().post("/suggestions/" + s.id + "/follow").then().statusCode(303);
        form().formParam("kind", "SUGGESTION").formParam("title", "Visitor idea").formParam("body", "text")
                .post("/boards/" + board.slug + "/suggestions").then().statusCode(303);
        Response newForm = page().get("/boards/" + board.slug + "/new");
        assertEquals(303, newForm.statusCode());
        assertTrue(location(newForm).startsWith("/login?to="));

        assertEquals(0, fx.number("select count(*) from comment where suggestion_id = ?1", s.id));
        assertEquals(0, fx.number("select count(*) from suggestion_follow where suggestion_id = ?1", s.id));
        assertEquals(1, fx.suggestionCount(board.id));
        assertFalse(page().get("/boards/" + board.slug).asString().contains("Visitor idea"));
        assertNull(fx.text("select title from suggestion where title = 'Visitor idea' and board_id = ?1", board.id));
    }
}
