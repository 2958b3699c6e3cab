package app.fanloop.moderation;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.SiteClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
class RateLimitTest {

    /**
     * Three comments per ten minutes, one for new members; two sign-ins and two anonymous searches per minute
     * per address; three votes per ten minutes; two new pictures a day.
     */
    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("fanloop.rate-limit.actions.comment.count", "3"),
                    Map.entry("fanloop.rate-limit.actions.comment.new-member-count", "1"),
                    Map.entry("fanloop.rate-limit.actions.comment.window", "PT10M"),
                    Map.entry("fanloop.rate-limit.actions.login.count", "2"),
                    Map.entry("fanloop.rate-limit.actions.login.window", "PT1M"),
                    Map.entry("fanloop.rate-limit.actions.search.count", "2"),
                    Map.entry("fanloop.rate-limit.actions.search.window", "PT1M"),
                    Map.entry("fanloop.rate-limit.actions.vote.count", "3"),
                    Map.entry("fanloop.rate-limit.actions.vote.window", "PT10M"),
                    Map.entry("fanloop.rate-limit.actions.avatar.count", "2"),
                    Map.entry("fanloop.rate-limit.actions.avatar.new-member-count", "2"));
        }
    }

    @Inject
    Fixtures fx;

    @Inject
    SiteClock clock;

    @Inject
    javax.sql.DataSource dataSource;

    /** Searches of earlier test classes (under huge limits) may still count for this address. */
    @org.junit.jupiter.api.BeforeEach
    void freshAddressCounters() throws java.sql.SQLException {
        try (var c = dataSource.getConnection(); var delete = c.createStatement()) {
            delete.executeUpdate("delete from rate_window");
        }
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    @TestSecurity(user = "limited-veteran", roles = "fan")
    void the_nth_request_passes_and_the_next_gets_429_with_retry_after_and_is_not_counted() {
        fx.memberSince("limited-veteran", Duration.ofDays(30));
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Busy"));

        for (int i = 0; i < 3; i++) {
            form().formParam("body", "comment " + i).post("/suggestions/" + s.id + "/comments").then().statusCode(303);
        }
        var refused = form().formParam("body", "one too many").post("/suggestions/" + s.id + "/comments");
        assertEquals(429, refused.statusCode());
        assertNotNull(refused.getHeader("Retry-After"));
        assertTrue(Long.parseLong(refused.getHeader("Retry-After")) > 0);
        assertEquals(3, fx.counter(s.id, "comment_count"), "the refused comment was not stored");
        assertEquals(3, fx.number("select count(*) from rate_hit where bucket = 'comment' and subject = 'm' || ?1",
                fx.member("limited-veteran").id), "nor counted");

        clock.advance(Duration.ofMinutes(11));
        form().formParam("body", "later").post("/suggestions/" + s.id + "/comments").then().statusCode(303);
    }

    @Test
    @TestSecurity(user = "limited-voter", roles = "fan")
    void the_vote_past_the_limit_gets_429_is_not_stored_and_a_vote_fits_again_after_the_window() {
        fx.memberSince("limited-voter", Duration.ofDays(30));
        Board board = fx.board();
        Suggestion[] s = new Suggestion[4];
        for (int i = 0; i < 4; i++) {
            s[i] = fx.suggestion(board, fx.someone(), unique("Votable " + i));
        }

        for (int i = 0; i < 3; i++) {
            form().formParam("on", "true").post("/suggestions/" + s[i].id + "/vote").then().statusCode(303);
        }
        var refused = form().formParam("on", "true").post("/suggestions/" + s[3].id + "/vote");
        assertEquals(429, refused.statusCode());
        assertTrue(Long.parseLong(refused.getHeader("Retry-After")) > 0);
        assertEquals(0, fx.counter(s[3].id, "vote_count"), "the refused vote was not stored");
        assertEquals(3, fx.number("select sum(hits) from rate_window where bucket = 'vote' and subject = 'm' || ?1",
                fx.member("limited-voter").id), "nor counted");

        // Two windows later the old ones weigh nothing (the counter is a sliding-window estimate).
        clock.advance(Duration.ofMinutes(21));
        form().formParam("on", "true").post("/suggestions/" + s[3].id + "/vote").then().statusCode(303);
        assertEquals(1, fx.counter(s[3].id, "vote_count"));
    }

    @Test
    void changing_ones_picture_is_limited_and_the_refused_one_is_not_stored() {
        // A bearer token, as a browser's session would be: an upload comes only from someone signed in (web/BodyLimit).
        String subject = unique("limited-pictured");
        String token = app.fanloop.member.DevTokens.accessToken(subject);
        java.util.function.Supplier<io.restassured.specification.RequestSpecification> upload =
                () -> app.fanloop.web.Browser.multipart().auth().oauth2(token);
        for (int i = 0; i < 2; i++) {
            upload.get().multiPart("avatar", "me.png", app.fanloop.attachment.DrawnPictures.png(100 + i, 80), "image/png")
                    .post("/me/avatar").then().statusCode(303);
        }
        long member = fx.member(subject).id;
        String kept = fx.text("select avatar_id from member where id = ?1", member);
        var refused = upload.get()
                .multiPart("avatar", "again.png", app.fanloop.attachment.DrawnPictures.png(90, 90), "image/png")
                .post("/me/avatar");
        assertEquals(429, refused.statusCode());
        assertTrue(Long.parseLong(refused.getHeader("Retry-After")) > 0);
        assertEquals(kept, fx.text("select avatar_id from member where id = ?1", member));
        assertEquals(1, fx.number("select count(*) from attachment where owner_id = ?1", member), "nothing stored");

        clock.advance(Duration.ofHours(25));
        upload.get().multiPart("avatar", "later.png", app.fanloop.attachment.DrawnPictures.png(90, 90), "image/png")
                .post("/me/avatar").then().statusCode(303);
    }

    @Test
    void a_comment_with_a_picture_past_the_limit_gets_429_and_its_picture_is_not_stored() {
        // Files do not get round the post and comment limits (issue 17): the limit refuses the comment that carries them.
        String subject = unique("limited-uploader");
        String token = app.fanloop.member.DevTokens.accessToken(subject);
        long member = fx.memberSince(subject, Duration.ofDays(30)).id;
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Busy with pictures"));
        java.util.function.IntFunction<io.restassured.response.Response> comment = i -> app.fanloop.web.Browser.multipart()
                .auth().oauth2(token).multiPart("body", "picture " + i)
                .multiPart("file", "shot" + i + ".png", app.fanloop.attachment.DrawnPictures.png(60 + i, 40), "image/png")
                .post("/suggestions/" + s.id + "/comments");
        for (int i = 0; i < 3; i++) {
            assertEquals(303, comment.apply(i).statusCode());
        }
        var refused = comment.apply(3);
        assertEquals(429, refused.statusCode());
        assertTrue(Long.parseLong(refused.getHeader("Retry-After")) > 0);
        assertEquals(3, fx.counter(s.id, "comment_count"), "the refused comment was not stored");
        assertEquals(3, fx.number("select count(*) from attachment where owner_id = ?1 and comment_id is not null", member),
                "its picture is on no comment");
        assertEquals(0, fx.number("select count(*) from attachment where owner_id = ?1 and attached_at is null", member),
                "nor stored: the limit is checked before the files are");
        assertEquals(3, fx.number("select count(*) from attachment where owner_id = ?1", member), "nor counted in the quota");
    }

    @Test
    @TestSecurity(user = "limited-newcomer", roles = "fan")
    void new_members_get_the_stricter_limit() {
        fx.memberSince("limited-newcomer", Duration.ofHours(1));
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Newcomer"));

        form().formParam("body", "first").post("/suggestions/" + s.id + "/comments").then().statusCode(303);
        assertEquals(429, form().formParam("body", "second").post("/suggestions/" + s.id + "/comments").statusCode());
    }

    @Test
    void anonymous_searches_are_limited_per_address_and_get_429_with_retry_after() {
        for (int i = 0; i < 2; i++) {
            io.restassured.RestAssured.given().queryParam("q", "limit " + i).get("/search").then().statusCode(200);
        }
        var refused = io.restassured.RestAssured.given().queryParam("q", "limit 3").get("/search");
        assertEquals(429, refused.statusCode());
        assertNotNull(refused.getHeader("Retry-After"));
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void staff_are_exempt() {
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, fx.someone(), unique("Staff"));
        for (int i = 0; i < 5; i++) {
            form().formParam("body", "answer " + i).post("/suggestions/" + s.id + "/comments").then().statusCode(303);
        }
    }
}
