package app.fanloop.web;

import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.Cookie;
import io.restassured.response.Response;

/** Chinese first; the browser's preference next; a reader's own choice above both. */
@QuarkusTest
class LanguageTest {

    @Test
    void switching_to_english_sets_the_cookie_and_the_next_page_is_english() {
        Document before = home(null);
        assertEquals("zh-CN", before.selectFirst("html").attr("lang"));
        assertEquals("登录", before.selectFirst(".account a.button").text());
        assertEquals("/language/en?to=%2F", before.selectFirst("a.lang").attr("href"));

        Response switched = given().redirects().follow(false).get("/language/en?to=/boards/camera?sort=new");

        assertEquals(303, switched.statusCode());
        assertEquals("/boards/camera?sort=new", location(switched));
        Cookie cookie = switched.getDetailedCookie(RequestLocale.COOKIE);
        assertEquals("en", cookie.getValue());
        assertEquals("/", cookie.getPath());
        assertTrue(cookie.isHttpOnly());
        assertEquals(365 * 24 * 3600, cookie.getMaxAge());
        assertEquals("Lax", cookie.getSameSite());

        Document after = home("en");
        assertEquals("en", after.selectFirst("html").attr("lang"));
        assertEquals("Sign in", after.selectFirst(".account a.button").text());
        assertEquals("中文", after.selectFirst("a.lang").text());
    }

    @Test
    void switching_back_to_chinese() {
        Response switched = given().redirects().follow(false).cookie(RequestLocale.COOKIE, "en").get("/language/zh?to=/");

        assertEquals("zh", switched.getCookie(RequestLocale.COOKIE));
        assertEquals("登录", home("zh").selectFirst(".account a.button").text());
    }

    @Test
    void an_unknown_language_changes_nothing() {
        Response switched = given().redirects().follow(false).get("/language/fr?to=/");

        assertEquals(303, switched.statusCode());
        assertNull(switched.getCookie(RequestLocale.COOKIE));
    }

    @Test
    void the_language_switch_never_leaves_the_site() {
        for (String to : new String[] { "https://evil.example/", "//evil.example/", "/\\evil.example", "javascript:alert(1)" }) {
            Response switched = given().redirects().follow(false).queryParam("to", to).get("/language/en");
            assertEquals("/", location(switched), to);
        }
    }

    private static Document home(String cookie) {
        var request = given();
        if (cookie != null) {
            request.cookie(RequestLocale.COOKIE, cookie);
        }
        return html(request.get("/").then().statusCode(200).extract().response());
    }
}
