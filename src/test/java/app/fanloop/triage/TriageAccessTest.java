package app.fanloop.triage;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

@QuarkusTest
class TriageAccessTest {

    @Inject
    Fixtures fx;

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void fan_gets_403_on_every_triage_action_and_nothing_changes() {
        Board board = fx.board();
        Suggestion a = fx.suggestion(board, fx.someone(), unique("A"));
        Suggestion b = fx.suggestion(board, fx.someone(), unique("B"));
        long item = fx.featureItem(unique("Item"), a.id);
        long events = fx.number("select count(*) from domain_event");

        for (String path : new String[] { "/triage", "/triage/needs-answer", "/triage/features", "/triage/features/new",
                "/triage/features/" + item, "/triage/inbox.csv", "/triage/features.csv" }) {
            assertEquals(403, page().get(path).statusCode(), path);
        }
        assertEquals(403, form().formParam("ids", a.id).formParam("status", "PLANNED").post("/triage/bulk").statusCode());
        assertEquals(403, form().formParam("title", "x").formParam("ids", b.id).post("/triage/features").statusCode());
        assertEquals(403, form().formParam("title", "x").post("/triage/features/" + item).statusCode());
        assertEquals(403, form().formParam("status", "PLANNED").post("/triage/features/" + item + "/status").statusCode());
        assertEquals(403, form().formParam("suggestionId", b.id).post("/triage/features/" + item + "/link").statusCode());
        assertEquals(403, form().formParam("suggestionId", a.id).post("/triage/features/" + item + "/unlink").statusCode());
        assertEquals(403, form().formParam("target", a.id).post("/suggestions/" + b.id + "/merge").statusCode());
        assertEquals(403, form().post("/suggestions/" + b.id + "/unmerge").statusCode());
        assertEquals(403, form().formParam("status", "PLANNED").post("/suggestions/" + a.id + "/status").statusCode());

        assertEquals("UNDER_REVIEW", fx.text("select status from suggestion where id = ?1", a.id));
        assertEquals("OPEN", fx.text("select status from suggestion where id = ?1", b.id));
        assertEquals(0, fx.number("select count(*) from suggestion where id = ?1 and feature_item_id is not null", b.id));
        assertEquals(events, fx.number("select count(*) from domain_event"));
    }

    @Test
    void visitor_is_sent_to_sign_in() {
        var response = page().get("/triage");
        assertEquals(303, response.statusCode());
        assertEquals("/login?to=%2Ftriage", location(response));
        var post = form().formParam("ids", 1).formParam("status", "PLANNED").post("/triage/bulk");
        assertEquals(303, post.statusCode());
        assertTrue(location(post).startsWith("/login"));
    }

    @Test
    void the_roadmap_is_public() {
        page().get("/roadmap").then().statusCode(200);
    }
}
