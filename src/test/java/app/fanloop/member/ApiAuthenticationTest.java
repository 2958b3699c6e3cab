package app.fanloop.member;

import static app.fanloop.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.security.MatrixFixtures;
import app.fanloop.web.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Who a request to /api is: the member of a provider's access token (the same member row the pages use), or nobody;
 * the browser's session cookie does not count there, so the API has nothing a forged cross-site request could use.
 */
@QuarkusTest
class ApiAuthenticationTest {

    static final String JSON = "application/json";

    @Inject
    Fixtures fx;

    @Inject
    MatrixFixtures mx;

    @Test
    void an_access_token_reads_and_writes_as_the_member_the_pages_know() {
        String name = unique("api-reader");
        String token = DevTokens.accessToken(name);
        Browser.page().auth().oauth2(token).get("/me").then().statusCode(200);
        Member member = fx.member(name);

        Response me = given().auth().oauth2(token).get("/api/v1/me");
        assertEquals(200, me.statusCode(), me.asString());
        assertEquals(member.id.longValue(), me.jsonPath().getLong("id"), "the same member row as the pages");
        assertEquals(false, me.jsonPath().getBoolean("bot"));
        assertEquals(List.of("read", "write"), me.jsonPath().getList("scopes"));
        assertEquals(List.of(), me.jsonPath().getList("roles"));
        assertEquals(List.of("admin"), given().auth().oauth2(DevTokens.accessToken("alice")).get("/api/v1/me").jsonPath().getList("roles"));

        long first = mx.notification(member, fx.suggestion(fx.board(), fx.someone(), unique("Told")).id);
        long second = mx.notification(member, fx.suggestion(fx.board(), fx.someone(), unique("Told")).id);
        given().auth().oauth2(token).contentType(JSON).body("{\"ids\":[" + first + "]}").post("/api/v1/me/notifications/read")
                .then().statusCode(200).body("unread", org.hamcrest.Matchers.equalTo(1));
        assertEquals(1, fx.number("select count(*) from notification where id = ?1 and read_at is not null", first));
        given().auth().oauth2(token).contentType(JSON).body("{}").post("/api/v1/me/notifications/read")
                .then().statusCode(200).body("unread", org.hamcrest.Matchers.equalTo(0));
        assertEquals(1, fx.number("select count(*) from notification where id = ?1 and read_at is not null", second));

        long foreign = mx.notification(fx.someone(), fx.suggestion(fx.board(), fx.someone(), unique("Not yours")).id);
        given().auth().oauth2(token).contentType(JSON).body("{\"ids\":[" + foreign + "]}").post("/api/v1/me/notifications/read")
                .then().statusCode(404);
        assertEquals(0, fx.number("select count(*) from notification where id = ?1 and read_at is not null", foreign));
    }

    @Test
    void the_session_cookie_alone_is_a_visitor_on_the_api_and_cannot_write() {
        Map<String, String> cookies = BrowserSignIn.cookies("chen");
        Browser.page().cookies(cookies).get("/me").then().statusCode(200);
        Member chen = fx.member("chen");
        long unread = mx.notification(chen, fx.suggestion(fx.board(), fx.someone(), unique("Cookie")).id);
        Browser.Csrf csrf = Browser.csrf();

        Response read = given().cookies(cookies).get("/api/v1/me");
        assertEquals(401, read.statusCode(), "the session does not sign in on /api");
        assertTrue(read.getHeader("WWW-Authenticate").startsWith("Bearer"));
        for (Response write : List.of(
                given().cookies(cookies).contentType(JSON).body("{}").post("/api/v1/me/notifications/read"),
                given().cookies(cookies).cookie(Browser.CSRF_COOKIE, csrf.cookie()).header("X-CSRF-TOKEN", csrf.token())
                        .contentType(JSON).body("{}").post("/api/v1/me/notifications/read"),
                given().cookies(cookies).contentType("text/plain").body("{}").post("/api/v1/me/notifications/read"))) {
            assertTrue(write.statusCode() == 401 || write.statusCode() == 415, write.statusCode() + " " + write.asString());
        }
        assertEquals(0, fx.number("select count(*) from notification where id = ?1 and read_at is not null", unread));
    }

    @Test
    void notifications_page_by_cursor_newest_first_and_stay_stable_while_new_ones_arrive() {
        String name = unique("api-pager");
        String token = DevTokens.accessToken(name);
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200);
        Member member = fx.member(name);
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            ids.add(mx.notification(member, fx.suggestion(fx.board(), fx.someone(), unique("Page " + i)).id));
        }

        Response first = given().auth().oauth2(token).header("Accept-Language", "en").get("/api/v1/me/notifications?limit=2");
        assertEquals(200, first.statusCode(), first.asString());
        assertEquals(List.of(ids.get(4), ids.get(3)), longs(first.jsonPath().getList("items.id")));
        assertEquals(false, first.jsonPath().getBoolean("items[0].read"));
        assertTrue(first.jsonPath().getString("items[0].headline").length() > 0);
        assertTrue(first.jsonPath().getString("items[0].link").startsWith("/suggestions/"));
        String next = first.jsonPath().getString("next");
        assertNotNull(next);

        mx.notification(member, fx.suggestion(fx.board(), fx.someone(), unique("Arrived meanwhile")).id);
        Response second = given().auth().oauth2(token).get("/api/v1/me/notifications?limit=2&cursor=" + next);
        assertEquals(List.of(ids.get(2), ids.get(1)), longs(second.jsonPath().getList("items.id")), "no shift, no repeat");
        Response last = given().auth().oauth2(token).get("/api/v1/me/notifications?limit=2&cursor=" + second.jsonPath().getString("next"));
        assertEquals(List.of(ids.get(0)), longs(last.jsonPath().getList("items.id")));
        assertNull(last.jsonPath().getString("next"), "the last page has no next");
    }

    @Test
    void a_public_profile_shows_what_the_html_profile_shows() {
        Member open = fx.member(unique("api-open"));
        fx.suggestion(fx.board(), open, unique("Visible idea"));
        long hidden = fx.suggestion(fx.board(), open, unique("Hidden idea")).id;
        fx.hide(hidden);
        Response profile = given().get("/api/v1/members/" + open.id);
        assertEquals(200, profile.statusCode(), profile.asString());
        assertEquals(open.name, profile.jsonPath().getString("name"));
        assertEquals(false, profile.jsonPath().getBoolean("bare"));
        assertEquals(1, profile.jsonPath().getList("suggestions").size(), "a visitor does not see the hidden one");
        assertEquals(2, given().auth().oauth2(DevTokens.accessToken("alice")).get("/api/v1/members/" + open.id)
                .jsonPath().getList("suggestions").size(), "an admin does");

        Member shy = fx.member(unique("api-shy"));
        fx.keepHonoursPrivate(shy);
        Response bare = given().get("/api/v1/members/" + shy.id);
        assertEquals(true, bare.jsonPath().getBoolean("bare"));
        assertNull(bare.jsonPath().get("level"));
        assertNull(bare.jsonPath().get("joinedAt"));
    }

    private static List<Long> longs(List<Object> values) {
        return values.stream().map(v -> ((Number) v).longValue()).toList();
    }
}
