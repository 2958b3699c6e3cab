package app.fanloop.suggestion;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/** Hidden posts answer 404 to everyone but their author and admins; locked posts take no more votes or comments. */
@QuarkusTest
class VisibilityTest {

    @Inject
    Fixtures fx;

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void hidden_suggestion_is_not_found_for_other_members() {
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, fx.someone(), unique("Hidden"));
        fx.hide(s.id);

        page().get("/suggestions/" + s.id).then().statusCode(404);
        page().get("/suggestions/" + s.id + "/revisions").then().statusCode(404);
        form().formParam("on", "true").post("/suggestions/" + s.id + "/vote").then().statusCode(404);
        form().formParam("body", "Psst").post("/suggestions/" + s.id + "/comments").then().statusCode(404);
        assertTrue(html(page().get("/boards/" + board.slug).then().statusCode(200).extract().response())
                .select("ul.list li.row").isEmpty());
        assertEquals(0, fx.counter(s.id, "vote_count"));
        assertEquals(0, fx.counter(s.id, "comment_count"));
    }

    @Test
    void hidden_suggestion_is_not_found_for_visitors() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Hidden from visitors"));
        fx.hide(s.id);

        page().get("/suggestions/" + s.id).then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void author_still_sees_their_hidden_suggestion_with_the_reason() {
        Suggestion s = fx.suggestion(fx.board(), fx.member("bob"), unique("My hidden post"));
        fx.hide(s.id);

        Document doc = html(page().get("/suggestions/" + s.id).then().statusCode(200).extract().response());

        assertEquals("This post is hidden; only you and the moderators can see it. · spam",
                doc.selectFirst("article p.notice").text());
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void admin_sees_hidden_suggestions() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Hidden, for admins"));
        fx.hide(s.id);

        page().get("/suggestions/" + s.id).then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void locked_suggestion_takes_no_votes_or_comments() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Locked"));
        fx.lock(s.id);

        form().formParam("on", "true").post("/suggestions/" + s.id + "/vote").then().statusCode(409);
        form().formParam("body", "Late").post("/suggestions/" + s.id + "/comments").then().statusCode(409);

        assertEquals(0, fx.counter(s.id, "vote_count"));
        assertEquals(0, fx.counter(s.id, "comment_count"));
        Document doc = html(page().get("/suggestions/" + s.id).then().statusCode(200).extract().response());
        assertEquals("This post is locked: no more votes or comments.", doc.selectFirst("article p.notice").text());
        assertNotNull(doc.selectFirst(".suggestion-head button.vote[disabled]"));
        assertNull(doc.selectFirst("#comment-form"));
        assertEquals("Comments are closed.", doc.selectFirst("#comments p.muted.small").text());
    }
}
