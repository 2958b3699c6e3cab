package app.fanloop.moderation;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
class ReportingTest {

    @Inject
    Fixtures fx;

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void reports_below_the_threshold_leave_the_post_visible_and_one_member_counts_once() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Reported"));
        fx.report(s.id, null, fx.someone());

        form().formParam("reason", "SPAM").post("/suggestions/" + s.id + "/report").then().statusCode(303);
        assertEquals(409, form().formParam("reason", "ABUSE").post("/suggestions/" + s.id + "/report").statusCode(),
                "one open report per member");

        assertEquals(2, fx.number("select open_reports from suggestion where id = ?1", s.id));
        assertEquals(2, fx.number("select count(*) from report where suggestion_id = ?1", s.id));
        assertEquals("false", fx.text("select hidden from suggestion where id = ?1", s.id));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void the_third_distinct_reporter_hides_the_post_at_once_and_its_author_is_told() {
        Member author = fx.someone();
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, author, unique("Spammy"));
        fx.report(s.id, null, fx.someone());
        fx.report(s.id, null, fx.someone());

        form().formParam("reason", "SPAM").post("/suggestions/" + s.id + "/report").then().statusCode(303);

        assertEquals("true", fx.text("select hidden_by_reports from suggestion where id = ?1", s.id));
        assertEquals(404, page().get("/suggestions/" + s.id).statusCode(), "other fans no longer see it");
        assertFalse(html(page().get("/boards/" + board.slug).then().extract().response()).text().contains(s.title));
        assertEquals(1, fx.number("""
                select count(*) from domain_event e join domain_event_audience a on a.event_id = e.id
                where e.kind = 'CONTENT_HIDDEN' and e.suggestion_id = ?1 and a.member_id = ?2""", s.id, author.id));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void a_comment_can_be_reported_and_other_reasons_need_words() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("With comment"));
        Comment c = fx.comment(s.id, fx.someone(), null, "rude words", false);

        var missing = form().formParam("reason", "OTHER").post("/comments/" + c.id + "/report");
        assertEquals(400, missing.statusCode());
        assertTrue(html(missing).select("#text-error").size() == 1);
        form().formParam("reason", "OTHER").formParam("text", "insulting").post("/comments/" + c.id + "/report")
                .then().statusCode(303);
        assertEquals(1, fx.number("select open_reports from comment where id = ?1", c.id));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void nobody_reports_their_own_post() {
        Suggestion own = fx.suggestion(fx.board(), fx.member("bob"), unique("Mine"));
        assertEquals(409, form().formParam("reason", "SPAM").post("/suggestions/" + own.id + "/report").statusCode());
    }
}
