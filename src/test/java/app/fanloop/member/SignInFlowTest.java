package app.fanloop.member;

import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * The real authorization-code flow against the dev OpenID Connect server: the browser's steps done
 * by hand (no redirects followed, cookies carried explicitly).
 */
@QuarkusTest
class SignInFlowTest {

    @Inject
    Fixtures fx;

    private final Map<String, String> cookies = new HashMap<>();

    @Test
    void bob_signs_in_through_the_provider_and_the_header_shows_him() {
        String provider = DevTokens.provider();

        // 1. A visitor asks to sign in; the app sends them to the provider and keeps the state in a cookie.
        Response start = browser().get("/login?to=/me");
        assertEquals(302, start.statusCode());
        keepCookies(start);
        assertTrue(cookies.keySet().stream().anyMatch(name -> name.startsWith("q_auth")), cookies.keySet().toString());
        String authorize = start.getHeader("Location");
        assertTrue(authorize.startsWith(provider + "/authorize?"), authorize);

        // 2. The provider's page offers the predefined users; bob is chosen.
        Document login = Jsoup.parse(external().get(authorize).then().statusCode(200).extract().asString());
        Element button = login.selectFirst("button[name=predefined-bob]");
        assertNotNull(button, "bob is offered");
        Element form = button.closest("form");
        RequestSpecification choose = external();
        for (Element hidden : form.select("input[type=hidden]")) {
            choose.formParam(hidden.attr("name"), hidden.attr("value"));
        }
        Response chosen = choose.formParam(button.attr("name"), button.attr("value")).post(provider + "/login");
        assertEquals(302, chosen.statusCode());
        String callback = chosen.getHeader("Location");
        assertTrue(callback.contains("code=") && callback.contains("state="), callback);

        // 3. Back at the app with the code: it checks the state cookie, gets the tokens and starts a session.
        Response session = external().cookies(cookies).get(callback);
        assertEquals(302, session.statusCode(), session.asString());
        keepCookies(session);
        assertTrue(cookies.containsKey("q_session"), cookies.keySet().toString());
        assertFalse(cookies.keySet().stream().anyMatch(name -> name.startsWith("q_auth")), "the state cookie is spent");

        // 4. The original request (/login?to=/me) runs again, now signed in, and sends bob where he wanted to go.
        Response restored = external().cookies(cookies).get(session.getHeader("Location"));
        assertEquals(303, restored.statusCode());
        assertEquals("/me", location(restored));

        // 5. Pages now show bob in the header, with a way to sign out.
        Document me = html(browser().cookies(cookies).get("/me").then().statusCode(200).extract().response());
        Element account = me.selectFirst("header .account");
        assertEquals("Bob", account.selectFirst("a.author .brand-name").text());
        assertEquals("B", account.selectFirst("a.author .avatar").text());
        assertEquals("Sign out", account.selectFirst("a[href=/logout]").text());
        assertEquals("Bob", me.selectFirst("main h1").text());
        assertEquals("bob@example.com", me.selectFirst("main section.card p.small:not(.muted)").text());
        assertEquals(1, fx.number("select count(*) from member where subject = ?1", "bob"));
    }

    private void keepCookies(Response response) {
        BrowserSignIn.keep(cookies, response);
    }

    private static RequestSpecification browser() {
        return given().header("Accept-Language", "en").redirects().follow(false);
    }

    /** For addresses taken from Location headers, already encoded. */
    private static RequestSpecification external() {
        return browser().urlEncodingEnabled(false);
    }
}
