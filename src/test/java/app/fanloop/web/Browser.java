package app.fanloop.web;

import static io.restassured.RestAssured.given;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/**
 * What a browser does in the tests: asks for English pages, does not follow redirects (so tests
 * see the 303 and its Location), and posts forms with the CSRF cookie and field, as the pages' forms do.
 */
public final class Browser {

    public static final String CSRF_COOKIE = "fanloop-csrf";
    public static final String CSRF_FIELD = "csrf-token";
    static final String FORM = "application/x-www-form-urlencoded; charset=UTF-8";

    private static final Pattern HX_HEADER_TOKEN = Pattern.compile("\"X-CSRF-TOKEN\"\\s*:\\s*\"([^\"]+)\"");

    private Browser() {
    }

    /** The cookie a page set and the token its forms carry. */
    public record Csrf(String cookie, String token) {
    }

    /** A GET or POST as a browser would send it, in English, redirects not followed. */
    public static RequestSpecification page() {
        return given().header("Accept-Language", "en").redirects().follow(false);
    }

    /** A form POST carrying a fresh CSRF cookie and the matching hidden field. */
    public static RequestSpecification form() {
        Csrf csrf = csrf();
        return page().cookie(CSRF_COOKIE, csrf.cookie()).contentType(FORM).formParam(CSRF_FIELD, csrf.token());
    }

    /** A multipart form POST (a form with files) carrying a fresh CSRF cookie and the matching field. */
    public static RequestSpecification multipart() {
        Csrf csrf = csrf();
        return page().cookie(CSRF_COOKIE, csrf.cookie()).contentType("multipart/form-data")
                .multiPart(CSRF_FIELD, csrf.token());
    }

    /** An htmx request: like {@link #form()}, with the HX-Request header htmx adds. */
    public static RequestSpecification htmx() {
        return form().header("HX-Request", "true");
    }

    /**
     * Opens the home page, keeps the CSRF cookie it sets, and reads the token from a form's hidden
     * field or, when the page has no form, from the htmx headers on the body.
     */
    public static Csrf csrf() {
        Response home = page().get("/");
        String cookie = home.getCookie(CSRF_COOKIE);
        if (cookie == null) {
            throw new AssertionError("GET / set no " + CSRF_COOKIE + " cookie");
        }
        Document doc = Jsoup.parse(home.asString());
        Element field = doc.selectFirst("input[name=" + CSRF_FIELD + "]");
        String token = field != null ? field.attr("value") : null;
        if (token == null || token.isEmpty()) {
            Matcher m = HX_HEADER_TOKEN.matcher(doc.body().attr("hx-headers"));
            token = m.find() ? m.group(1) : null;
        }
        if (token == null || token.isEmpty()) {
            throw new AssertionError("GET / carried no CSRF token");
        }
        return new Csrf(cookie, token);
    }

    public static Document html(Response response) {
        return Jsoup.parse(response.asString());
    }

    /** The path of a redirect's Location, without scheme, host and port. */
    public static String location(Response response) {
        String location = response.getHeader("Location");
        if (location == null) {
            throw new AssertionError("No Location header; status " + response.statusCode());
        }
        return location.replaceFirst("^https?://[^/]+", "");
    }
}
