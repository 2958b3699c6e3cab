package app.fanloop.suggestion;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.htmx;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;

@QuarkusTest
@TestSecurity(user = "bob", roles = "fan")
class FollowingTest {

    @Inject
    Fixtures fx;

    @Test
    void fan_follows_and_unfollows_with_exact_counts() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Follow me"));

        Response followed = form().post("/suggestions/" + s.id + "/follow");
        assertEquals(303, followed.statusCode());
        assertEquals("/suggestions/" + s.id, location(followed));
        assertTrue(fx.follows(s.id, "bob"));
        assertEquals(1, fx.counter(s.id, "follower_count"));

        form().formParam("on", "true").post("/suggestions/" + s.id + "/follow").then().statusCode(303);
        assertEquals(1, fx.counter(s.id, "follower_count"), "following twice counts once");
        Element button = html(page().get("/suggestions/" + s.id).then().extract().response())
                .selectFirst("#follow-" + s.id + " button");
        assertEquals("Following · 1", button.text());
        assertEquals("true", button.attr("aria-pressed"));

        form().formParam("on", "false").post("/suggestions/" + s.id + "/follow").then().statusCode(303);
        assertFalse(fx.follows(s.id, "bob"));
        assertEquals(0, fx.counter(s.id, "follower_count"));
        form().formParam("on", "false").post("/suggestions/" + s.id + "/follow").then().statusCode(303);
        assertEquals(0, fx.counter(s.id, "follower_count"));
        assertEquals("Follow · 0", html(page().get("/suggestions/" + s.id).then().extract().response())
                .selectFirst("#follow-" + s.id + " button").text());
    }

    @Test
    void htmx_follow_returns_the_follow_button() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Htmx follow"));

        Response response = htmx().formParam("on", "true").post("/suggestions/" + s.id + "/follow");

        assertEquals(200, response.statusCode());
        assertFalse(response.asString().contains("<html"));
        Element button = Jsoup.parseBodyFragment(response.asString()).selectFirst("form.follow-box button");
        assertEquals("Following · 1", button.text());
    }

    @Test
    void unfollowing_after_a_vote_keeps_the_vote() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Vote then unfollow"));
        form().formParam("on", "true").post("/suggestions/" + s.id + "/vote").then().statusCode(303);
        assertTrue(fx.follows(s.id, "bob"));

        form().formParam("on", "false").post("/suggestions/" + s.id + "/follow").then().statusCode(303);

        assertFalse(fx.follows(s.id, "bob"));
        assertEquals(0, fx.counter(s.id, "follower_count"));
        assertEquals(1, fx.counter(s.id, "vote_count"));
    }
}
