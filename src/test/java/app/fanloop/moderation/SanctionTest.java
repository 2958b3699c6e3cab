package app.fanloop.moderation;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.SiteClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

@QuarkusTest
@TestSecurity(user = "sanctioned-fan", roles = "fan")
class SanctionTest {

    @Inject
    Fixtures fx;

    @Inject
    SiteClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
        fx.liftAll("sanctioned-fan");
    }

    @Test
    void a_silenced_member_can_read_and_follow_but_every_write_is_refused_and_nothing_stored() {
        Member me = fx.member("sanctioned-fan");
        Board board = fx.board();
        Suggestion mine = fx.suggestion(board, me, unique("Mine"));
        Comment myComment = fx.comment(mine.id, me, null, "my words", false);
        Suggestion other = fx.suggestion(board, fx.someone(), unique("Other"));
        fx.sanction(me, "SILENCE", Instant.now().plus(Duration.ofDays(2)), "calm down");
        long rows = rows();

        assertEquals(403, form().formParam("kind", "SUGGESTION").formParam("title", "New one").formParam("body", "text")
                .post("/boards/" + board.slug + "/suggestions").statusCode());
        assertEquals(403, form().formParam("on", "true").post("/suggestions/" + other.id + "/vote").statusCode());
        assertEquals(403, form().formParam("body", "hello").post("/suggestions/" + other.id + "/comments").statusCode());
        assertEquals(403, form().formParam("reason", "SPAM").post("/suggestions/" + other.id + "/report").statusCode());
        assertEquals(403, form().formParam("kind", "SUGGESTION").formParam("title", "Changed").formParam("body", "changed")
                .post("/suggestions/" + mine.id + "/edit").statusCode());
        assertEquals(403, form().formParam("body", "changed").post("/comments/" + myComment.id + "/edit").statusCode());
        var refused = form().formParam("on", "true").post("/suggestions/" + other.id + "/vote");
        assertTrue(html(refused).text().contains("calm down"), "the page says why");
        assertEquals(rows, rows(), "nothing stored");

        page().get("/suggestions/" + other.id).then().statusCode(200);
        form().formParam("on", "true").post("/suggestions/" + other.id + "/follow").then().statusCode(303);
        assertTrue(fx.follows(other.id, "sanctioned-fan"));
    }

    @Test
    void a_banned_member_cannot_even_follow_and_sees_why_and_until_when() {
        Member me = fx.member("sanctioned-fan");
        Suggestion other = fx.suggestion(fx.board(), fx.someone(), unique("Other"));
        fx.sanction(me, "BAN", null, "spam ring");

        var refused = form().formParam("on", "true").post("/suggestions/" + other.id + "/follow");
        assertEquals(403, refused.statusCode());
        assertTrue(html(refused).text().contains("spam ring"));
        assertTrue(html(refused).text().contains("Permanently"));
        assertTrue(html(page().get("/").then().extract().response()).select(".sanction-notice").text().contains("spam ring"));
    }

    @Test
    void a_sanction_ends_by_itself_when_its_time_is_up() {
        Member me = fx.member("sanctioned-fan");
        Suggestion other = fx.suggestion(fx.board(), fx.someone(), unique("Other"));
        fx.sanction(me, "SILENCE", Instant.now().plus(Duration.ofHours(1)), "short");

        assertEquals(403, form().formParam("on", "true").post("/suggestions/" + other.id + "/vote").statusCode());
        clock.advance(Duration.ofHours(2));
        form().formParam("on", "true").post("/suggestions/" + other.id + "/vote").then().statusCode(303);
        assertEquals(1, fx.counter(other.id, "vote_count"));
    }

    private long rows() {
        return fx.number("select (select count(*) from suggestion) + (select count(*) from vote) + (select count(*) from comment)"
                + " + (select count(*) from report) + (select count(*) from revision)");
    }
}
