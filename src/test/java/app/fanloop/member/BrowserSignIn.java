package app.fanloop.member;

import static io.restassured.RestAssured.given;

import java.util.HashMap;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * A browser's session cookies after the real authorization-code flow with the dev OpenID Connect server, for a
 * predefined user (alice, paula, bob, chen): the steps SignInFlowTest checks one by one, done in one call.
 */
public final class BrowserSignIn {

    private BrowserSignIn() {
    }

    /** The cookies (q_session and friends) of a browser signed in as this predefined user. */
    public static Map<String, String> cookies(String user) {
        Map<String, String> cookies = new HashMap<>();
        Response start = browser().get("/login?to=/me");
        keep(cookies, start);
        String authorize = start.getHeader("Location");
        if (authorize == null) {
            throw new AssertionError("/login did not send to the provider: " + start.statusCode() + " " + start.asString());
        }
        Element button = Jsoup.parse(browser().urlEncodingEnabled(false).get(authorize).asString())
                .selectFirst("button[name=predefined-" + user + "]");
        if (button == null) {
            throw new AssertionError("the provider offers no predefined user " + user);
        }
        RequestSpecification choose = browser().urlEncodingEnabled(false);
        for (Element hidden : button.closest("form").select("input[type=hidden]")) {
            choose.formParam(hidden.attr("name"), hidden.attr("value"));
        }
        Response chosen = choose.formParam(button.attr("name"), button.attr("value")).post(DevTokens.provider() + "/login");
        Response session = browser().urlEncodingEnabled(false).cookies(cookies).get(chosen.getHeader("Location"));
        keep(cookies, session);
        if (!cookies.containsKey("q_session")) {
            throw new AssertionError("no session after the code flow: " + cookies.keySet());
        }
        return cookies;
    }

    /** Keeps the cookies a response set, and forgets the ones it cleared, as a browser does. */
    static void keep(Map<String, String> cookies, Response response) {
        response.getDetailedCookies().forEach(cookie -> {
            if (cookie.getValue() == null || cookie.getValue().isEmpty() || cookie.getMaxAge() == 0) {
                cookies.remove(cookie.getName());
            } else {
                cookies.put(cookie.getName(), cookie.getValue());
            }
        });
    }

    private static RequestSpecification browser() {
        return given().header("Accept-Language", "en").redirects().follow(false);
    }
}
