package app.fanloop.moderation;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

@QuarkusTest
@TestSecurity(user = "alice", roles = "admin")
class ReviewQueueTest {

    @Inject
    Fixtures fx;

    @Test
    void the_queue_lists_most_reported_first_with_the_item_inline() {
        Board board = fx.board();
        Suggestion once = fx.suggestion(board, fx.someone(), unique("Once"));
        Suggestion twice = fx.suggestion(board, fx.someone(), unique("Twice"));
        fx.report(once.id, null, fx.someone());
        fx.report(twice.id, null, fx.someone());
        fx.report(twice.id, null, fx.someone());

        Document queue = html(page().get("/admin/reports").then().statusCode(200).extract().response());
        String text = queue.select(".report-item h2").text();
        assertTrue(text.indexOf(twice.title) >= 0 && text.indexOf(twice.title) < text.indexOf(once.title));
    }

    @Test
    void dismissing_restores_an_auto_hidden_post_and_closes_its_reports() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Falsely reported"));
        for (int i = 0; i < 3; i++) {
            fx.report(s.id, null, fx.someone());
        }
        fx.autoHide(s.id);

        form().post("/admin/reports/suggestion/" + s.id + "/dismiss").then().statusCode(303);

        assertEquals("false", fx.text("select hidden from suggestion where id = ?1", s.id));
        assertEquals(0, fx.number("select open_reports from suggestion where id = ?1", s.id));
        assertEquals(3, fx.number("select count(*) from report where suggestion_id = ?1 and status = 'DISMISSED'", s.id));
        assertEquals(1, fx.number("select count(*) from audit_entry where action = 'report.dismiss' and target_id = ?1", s.id));
    }

    @Test
    void hide_needs_a_reason_and_hides_from_everyone_but_admins_and_the_author() {
        Member author = fx.member("chen");
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, author, unique("To hide"));

        assertEquals(400, form().post("/admin/reports/suggestion/" + s.id + "/hide").statusCode());
        assertEquals(0, fx.number("select count(*) from audit_entry where action = 'hide' and target_id = ?1", s.id),
                "no entry when the action fails");
        form().formParam("reason", "Advertising").post("/admin/reports/suggestion/" + s.id + "/hide").then().statusCode(303);

        assertEquals("true", fx.text("select hidden from suggestion where id = ?1", s.id));
        Document adminView = html(page().get("/suggestions/" + s.id).then().statusCode(200).extract().response());
        assertTrue(adminView.select(".notice").text().contains("Advertising"));
        assertFalse(html(page().get("/boards/" + board.slug).then().extract().response()).text().contains(s.title));
        assertEquals("Advertising", fx.text("select reason from audit_entry where action = 'hide' and target_id = ?1", s.id));

        form().post("/admin/reports/suggestion/" + s.id + "/restore").then().statusCode(303);
        assertEquals("false", fx.text("select hidden from suggestion where id = ?1", s.id));
    }

    @Test
    void lock_pin_and_move_change_the_suggestion_and_are_audited() {
        Board from = fx.board();
        Board to = fx.board();
        Suggestion s = fx.suggestion(from, fx.someone(), unique("Moderated"));

        form().post("/admin/reports/suggestion/" + s.id + "/lock").then().statusCode(303);
        form().post("/admin/reports/suggestion/" + s.id + "/pin").then().statusCode(303);
        form().formParam("board", to.id).post("/admin/reports/suggestion/" + s.id + "/move").then().statusCode(303);

        assertEquals("true", fx.text("select locked from suggestion where id = ?1", s.id));
        assertEquals("true", fx.text("select pinned from suggestion where id = ?1", s.id));
        assertEquals(to.id, fx.number("select board_id from suggestion where id = ?1", s.id));
        assertEquals(0, fx.suggestionCount(from.id));
        assertEquals(1, fx.suggestionCount(to.id));
        assertEquals(409, form().formParam("on", "true").post("/suggestions/" + s.id + "/vote").statusCode(), "locked: no votes");
        assertEquals(3, fx.number("select count(*) from audit_entry where target_type = 'suggestion' and target_id = ?1"
                + " and action in ('lock', 'pin', 'move')", s.id));
        Document board = html(page().get("/boards/" + to.slug).then().extract().response());
        assertTrue(board.selectFirst(".row").text().contains(s.title), "pinned first");
    }

    @Test
    void purge_needs_the_number_typed_and_deletes_everything_of_the_post() {
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, fx.someone(), unique("Purge me"));
        fx.votes(s.id, 2, java.time.Instant.now());
        Comment c = fx.comment(s.id, fx.someone(), null, "comment", false);
        fx.comment(s.id, fx.someone(), c.id, "reply", false);
        fx.report(s.id, null, fx.someone());

        assertEquals(400, form().formParam("confirm", "nope").post("/admin/reports/suggestion/" + s.id + "/purge").statusCode());
        assertEquals(1, fx.number("select count(*) from suggestion where id = ?1", s.id));

        form().formParam("confirm", String.valueOf(s.id)).post("/admin/reports/suggestion/" + s.id + "/purge")
                .then().statusCode(303);

        assertEquals(0, fx.number("select count(*) from suggestion where id = ?1", s.id));
        assertEquals(0, fx.number("select count(*) from comment where suggestion_id = ?1", s.id));
        assertEquals(0, fx.number("select count(*) from vote where suggestion_id = ?1", s.id));
        assertEquals(0, fx.suggestionCount(board.id));
        assertEquals(1, fx.number("select count(*) from audit_entry where action = 'purge' and target_id = ?1", s.id));
    }

    @Test
    void purging_a_comment_takes_its_replies_and_fixes_the_counts() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Thread"));
        Comment c = fx.comment(s.id, fx.someone(), null, "bad", false);
        fx.comment(s.id, fx.someone(), c.id, "reply", false);
        fx.comment(s.id, fx.someone(), null, "fine", false);

        form().formParam("confirm", String.valueOf(c.id)).post("/admin/reports/comment/" + c.id + "/purge")
                .then().statusCode(303);

        assertEquals(1, fx.number("select count(*) from comment where suggestion_id = ?1", s.id));
        assertEquals(1, fx.counter(s.id, "comment_count"));
    }
}
