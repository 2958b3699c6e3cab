package app.fanloop.apikey;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.member.DevTokens;
import app.fanloop.member.Member;
import app.fanloop.security.MatrixFixtures;
import app.fanloop.web.Browser;
import app.fanloop.web.SiteClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** The admin page that makes API keys, and what a key may do on the API. */
@QuarkusTest
class ApiKeyTest {

    static final String JSON = "application/json";

    @Inject
    Fixtures fx;

    @Inject
    ApiKeyFixtures keys;

    @Inject
    SiteClock clock;

    @Inject
    MatrixFixtures db;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void an_admin_makes_a_key_that_is_shown_once_and_stored_only_as_its_digest() {
        String admin = DevTokens.accessToken("alice");
        String name = unique("Tracker sync");
        Response made = Browser.form().auth().oauth2(admin).formParam("name", name).formParam("role", "pm")
                .formParam("scopes", "read").formParam("scopes", "write").post("/admin/api-keys");
        assertEquals(303, made.statusCode(), made.asString());
        assertEquals("/admin/api-keys", location(made));
        String carried = made.getCookie("fanloop-new-api-key");
        assertNotNull(carried, "the key goes to the next page only");

        Response shown = Browser.page().auth().oauth2(admin).cookie("fanloop-new-api-key", carried).get("/admin/api-keys");
        assertEquals(200, shown.statusCode());
        assertEquals("no-store", shown.getHeader("Cache-Control"));
        Document page = html(shown);
        String key = page.selectFirst("#new-api-key").text();
        assertTrue(key.matches("fl_[A-Za-z0-9_-]{43}"), key);
        assertEquals("", shown.getDetailedCookie("fanloop-new-api-key").getValue(), "the page forgets the key");
        assertTrue(page.select("table.api-keys td").eachText().stream().anyMatch(t -> t.startsWith(name)), "listed by name");
        Document again = html(Browser.page().auth().oauth2(admin).get("/admin/api-keys").then().statusCode(200).extract().response());
        assertNull(again.selectFirst("#new-api-key"), "shown once");
        assertFalse(again.html().contains(key));

        long id = fx.number("select id from api_key where name = ?1", name);
        assertEquals(key.substring(0, 9), fx.text("select hint from api_key where id = ?1", id), "the hint is the key's beginning");
        assertEquals(List.of(), keys.tablesHolding(key), "the plain key is in no row of any table");
        assertEquals(1, fx.number("select count(*) from api_key where id = ?1 and digest = sha256(convert_to(?2, 'UTF8'))", id, key));
        assertEquals(1, fx.number("select count(*) from member m join api_key k on k.member_id = m.id where k.id = ?1 and m.bot"
                + " and m.local_roles = '{pm}' and m.name = ?2 and k.scopes = '{read,write}'", id, name));
        assertEquals(1, fx.number("select count(*) from audit_entry where action = 'api_key.create' and target_id = ?1", id));

        given().auth().oauth2(key).get("/api/v1/me").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.equalTo(name))
                .body("bot", org.hamcrest.Matchers.equalTo(true))
                .body("roles", org.hamcrest.Matchers.equalTo(List.of("pm")))
                .body("scopes", org.hamcrest.Matchers.equalTo(List.of("read", "write")));
    }

    @Test
    void a_read_only_key_reads_but_a_write_gets_403_insufficient_scope_and_stores_nothing() {
        ApiKeyFixtures.Key key = keys.create("admin", "read");
        given().auth().oauth2(key.secret()).get("/api/v1/me/notifications").then().statusCode(200);
        long unread = notificationFor(key.memberId());

        Response write = given().auth().oauth2(key.secret()).header("Accept-Language", "en").contentType(JSON).body("{}")
                .post("/api/v1/me/notifications/read");
        assertEquals(403, write.statusCode(), write.asString());
        assertEquals("application/problem+json", write.contentType());
        assertEquals("/problems/insufficient-scope", write.jsonPath().getString("type"));
        assertEquals("Insufficient scope", write.jsonPath().getString("title"));
        assertTrue(write.getHeader("WWW-Authenticate").contains("error=\"insufficient_scope\""), write.getHeader("WWW-Authenticate"));
        assertEquals(0, fx.number("select count(*) from notification where id = ?1 and read_at is not null", unread));
    }

    @Test
    void a_write_key_acts_as_its_bot_and_a_banned_bot_is_refused_with_the_reason() {
        ApiKeyFixtures.Key key = keys.create("fan", "read", "write");
        long unread = notificationFor(key.memberId());
        given().auth().oauth2(key.secret()).contentType(JSON).body("{\"ids\":[" + unread + "]}")
                .post("/api/v1/me/notifications/read").then().statusCode(200).body("unread", org.hamcrest.Matchers.equalTo(0));
        assertEquals(1, fx.number("select count(*) from notification where id = ?1 and read_at is not null", unread));

        Member bot = Member.findById(key.memberId());
        fx.sanction(bot, "BAN", null, "spamming the tracker");
        Response banned = given().auth().oauth2(key.secret()).header("Accept-Language", "zh").contentType(JSON).body("{}")
                .post("/api/v1/me/notifications/read");
        assertEquals(403, banned.statusCode());
        assertEquals("/problems/sanctioned", banned.jsonPath().getString("type"));
        assertEquals("账号受到限制", banned.jsonPath().getString("title"));
        assertTrue(banned.jsonPath().getString("detail").contains("spamming the tracker"), banned.asString());
    }

    @Test
    void a_revoked_key_gets_401_at_once_and_the_revocation_is_audited() {
        ApiKeyFixtures.Key key = keys.create("fan", "read");
        given().auth().oauth2(key.secret()).get("/api/v1/me").then().statusCode(200);

        Response revoked = Browser.form().auth().oauth2(DevTokens.accessToken("alice")).post("/admin/api-keys/" + key.id() + "/revoke");
        assertEquals(303, revoked.statusCode());
        assertEquals(1, fx.number("select count(*) from api_key where id = ?1 and revoked_at is not null and revoked_by_id is not null", key.id()));
        assertEquals(1, fx.number("select count(*) from audit_entry where action = 'api_key.revoke' and target_id = ?1", key.id()));

        Response refused = given().auth().oauth2(key.secret()).header("Accept-Language", "en").get("/api/v1/me");
        assertEquals(401, refused.statusCode());
        assertEquals("application/problem+json", refused.contentType());
        assertEquals("/problems/unauthorized", refused.jsonPath().getString("type"));
        assertTrue(refused.getHeader("WWW-Authenticate").startsWith("Bearer"), refused.getHeader("WWW-Authenticate"));
        assertTrue(refused.getHeader("WWW-Authenticate").contains("invalid_token"));
    }

    @Test
    void the_last_use_is_recorded_at_most_once_a_minute() {
        ApiKeyFixtures.Key key = keys.create("fan", "read");
        assertEquals(0, fx.number("select count(*) from api_key where id = ?1 and last_used_at is not null", key.id()));

        given().auth().oauth2(key.secret()).get("/api/v1/me").then().statusCode(200);
        String first = fx.text("select last_used_at::text from api_key where id = ?1", key.id());
        assertNotNull(first, "the first use is recorded");
        clock.advance(Duration.ofSeconds(20));
        given().auth().oauth2(key.secret()).get("/api/v1/me").then().statusCode(200);
        assertEquals(first, fx.text("select last_used_at::text from api_key where id = ?1", key.id()), "not rewritten within the minute");

        clock.advance(Duration.ofMinutes(2));
        given().auth().oauth2(key.secret()).get("/api/v1/me").then().statusCode(200);
        assertFalse(first.equals(fx.text("select last_used_at::text from api_key where id = ?1", key.id())), "rewritten after a minute");
    }

    @Test
    void a_key_counts_for_nothing_on_the_pages() {
        ApiKeyFixtures.Key key = keys.create("admin", "read", "write");
        Response page = Browser.page().auth().oauth2(key.secret()).get("/admin/boards");
        assertEquals(401, page.statusCode(), "an API key is not a sign-in on the site");
    }

    @Test
    void the_page_is_for_admins_only() {
        Browser.page().get("/admin/api-keys").then().statusCode(303)
                .header("Location", org.hamcrest.Matchers.containsString("/login"));
        Browser.page().auth().oauth2(DevTokens.accessToken("bob")).get("/admin/api-keys").then().statusCode(403);
        Browser.page().auth().oauth2(DevTokens.accessToken("paula")).get("/admin/api-keys").then().statusCode(403);
        Browser.page().auth().oauth2(DevTokens.accessToken("alice")).get("/admin/api-keys").then().statusCode(200);
        long before = fx.number("select count(*) from api_key");
        Browser.form().auth().oauth2(DevTokens.accessToken("paula")).formParam("name", unique("sneaky")).formParam("role", "admin")
                .formParam("scopes", "write").post("/admin/api-keys").then().statusCode(403);
        assertEquals(before, fx.number("select count(*) from api_key"));
    }

    @Test
    void a_failed_form_shows_its_errors_beside_the_fields_in_chinese_and_english() {
        String admin = DevTokens.accessToken("alice");
        long before = fx.number("select count(*) from api_key");
        for (String language : List.of("zh", "en")) {
            Response failed = Browser.form().cookie("fanloop-lang", language).auth().oauth2(admin).formParam("name", " ")
                    .formParam("role", "owner").post("/admin/api-keys");
            assertEquals(400, failed.statusCode());
            Document page = html(failed);
            assertNotNull(page.selectFirst(".field.invalid #name"), "the name field is marked");
            assertEquals(language.equals("zh") ? "必填" : "Required", page.selectFirst("#name-error").text());
            assertNotNull(page.selectFirst("#role-error"));
            assertEquals(language.equals("zh") ? "请至少选择一项权限范围" : "Choose at least one scope",
                    page.selectFirst("#scopesChosen-error").text());
            assertNotNull(page.selectFirst("form input[name=csrf-token]"));
        }
        assertEquals(before, fx.number("select count(*) from api_key"));
    }

    private long notificationFor(long memberId) {
        Member member = Member.findById(memberId);
        return db.notification(member, fx.suggestion(fx.board(), fx.someone(), unique("About")).id);
    }
}
