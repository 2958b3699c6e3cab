package app.fanloop.notification;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/** /me lists what the member follows (suggestions, boards, channels) and lets them stop following. */
@QuarkusTest
class MeFollowingTest {

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Test
    @TestSecurity(user = "follower-me", roles = "fan")
    void me_lists_what_i_follow_and_unfollows_it() {
        Member me = fx.member("follower-me");
        Board board = fx.board();
        Suggestion voted = fx.suggestion(board, fx.someone(), unique("Voted on"));

        form().formParam("on", "true").post("/suggestions/" + voted.id + "/vote").then().statusCode(303);
        var followBoard = form().formParam("on", "true").post("/boards/" + board.slug + "/follow");
        assertEquals(303, followBoard.statusCode());
        assertEquals("/boards/" + board.slug, location(followBoard));
        rf.followChannel(me, ReleaseChannel.DEV);

        Document page = html(page().get("/me").then().statusCode(200).extract().response());
        Element following = page.selectFirst("#following");
        assertNotNull(following.selectFirst("a[href=/suggestions/" + voted.id + "]"), "voting follows");
        assertNotNull(following.selectFirst("a[href=/boards/" + board.slug + "]"));
        assertEquals("Following", following.selectFirst("form.follow-row:has(input[value=DEV]) button").text());
        assertEquals("Follow", following.selectFirst("form.follow-row:has(input[value=STABLE]) button").text());

        var unfollowed = form().formParam("on", "false").formParam("to", "/me#following")
                .post("/suggestions/" + voted.id + "/follow");
        assertEquals("/me#following", location(unfollowed));
        form().formParam("on", "false").formParam("to", "/me#following").post("/boards/" + board.slug + "/follow")
                .then().statusCode(303);
        form().formParam("channel", "DEV").formParam("on", "false").formParam("to", "/me#following")
                .post("/releases/follow").then().statusCode(303);

        Element after = html(page().get("/me").then().extract().response()).selectFirst("#following");
        assertTrue(after.select("a[href=/suggestions/" + voted.id + "]").isEmpty());
        assertTrue(after.select("a[href=/boards/" + board.slug + "]").isEmpty());
        assertEquals("Follow", after.selectFirst("form.follow-row:has(input[value=DEV]) button").text());
        assertTrue(fx.voted(voted.id, "follower-me"), "unfollowing keeps the vote");
    }

    @Test
    @TestSecurity(user = "follower-board", roles = "fan")
    void the_board_page_has_a_follow_button_that_toggles() {
        Board board = fx.board();
        Element button = html(page().get("/boards/" + board.slug).then().extract().response())
                .selectFirst("form[action=/boards/" + board.slug + "/follow] button");
        assertEquals("Follow board", button.text());

        form().formParam("on", "true").post("/boards/" + board.slug + "/follow").then().statusCode(303);
        form().formParam("on", "true").post("/boards/" + board.slug + "/follow").then().statusCode(303);
        assertEquals(1, fx.number("select count(*) from board_follow where board_id = ?1", board.id), "once");
        button = html(page().get("/boards/" + board.slug).then().extract().response())
                .selectFirst("form[action=/boards/" + board.slug + "/follow] button");
        assertEquals("Following", button.text());
        assertEquals("true", button.attr("aria-pressed"));
        assertEquals(404, form().formParam("on", "true").post("/boards/no-such-board/follow").statusCode());
    }

    @Test
    @TestSecurity(user = "follower-email", roles = "fan")
    void the_email_setting_is_saved_and_shown() {
        Member me = fx.member("follower-email");
        Document page = html(page().get("/me").then().extract().response());
        assertEquals("WEEKLY", page.selectFirst("#email input[name=emailMode][checked]").val(), "weekly by default");

        var saved = form().formParam("emailMode", "IMMEDIATE").post("/me/email");
        assertEquals(303, saved.statusCode());
        assertTrue(location(saved).startsWith("/me?saved=email"), location(saved));
        assertEquals("IMMEDIATE", fx.text("select email_mode from notification_preference where member_id = ?1", me.id));
        page = html(page().get("/me?saved=email").then().extract().response());
        assertEquals("IMMEDIATE", page.selectFirst("#email input[name=emailMode][checked]").val());
        assertFalse(page.select("#email [role=status]").isEmpty(), "it says it was saved");
        assertEquals(400, form().formParam("emailMode", "HOURLY").post("/me/email").statusCode());
    }
}
