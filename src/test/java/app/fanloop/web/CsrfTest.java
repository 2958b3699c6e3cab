package app.fanloop.web;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.CSRF_COOKIE;
import static app.fanloop.web.Browser.CSRF_FIELD;
import static app.fanloop.web.Browser.FORM;
import static app.fanloop.web.Browser.csrf;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/** Every state-changing POST needs the CSRF cookie and the same token in the form. */
@QuarkusTest
@TestSecurity(user = "bob", roles = "fan")
class CsrfTest {

    @Inject
    Fixtures fx;

    @Test
    void post_without_a_matching_token_is_refused_and_stores_nothing() {
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, fx.someone(), unique("Forged"));
        Browser.Csrf csrf = csrf();

        List<RequestSpecification> forged = List.of(
                // no token at all
                page().contentType(FORM),
                // the cookie, but no field
                page().contentType(FORM).cookie(CSRF_COOKIE, csrf.cookie()),
                // the field, but no cookie
                page().contentType(FORM).formParam(CSRF_FIELD, csrf.token()),
                // a cookie and a field that differ
                page().contentType(FORM).cookie(CSRF_COOKIE, csrf.cookie()).formParam(CSRF_FIELD, csrf().token()));

        for (RequestSpecification request : forged) {
            Response vote = request.formParam("on", "true").post("/suggestions/" + s.id + "/vote");
            assertEquals(400, vote.statusCode());
        }
        for (RequestSpecification request : List.of(page().contentType(FORM),
                page().contentType(FORM).cookie(CSRF_COOKIE, csrf.cookie()))) {
            request.formParam("kind", "SUGGESTION").formParam("title", "Forged post").formParam("body", "text")
                    .post("/boards/" + board.slug + "/suggestions").then().statusCode(400);
        }
        page().contentType(FORM).formParam("body", "Forged comment").post("/suggestions/" + s.id + "/comments")
                .then().statusCode(400);

        assertEquals(0, fx.counter(s.id, "vote_count"));
        assertEquals(0, fx.counter(s.id, "comment_count"));
        assertEquals(1, fx.suggestionCount(board.id));
    }

    @Test
    void a_json_body_cannot_slip_past_the_check() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("JSON forged"));

        page().contentType("application/json").body("{\"on\":true}").post("/suggestions/" + s.id + "/vote")
                .then().statusCode(400);

        assertEquals(0, fx.counter(s.id, "vote_count"));
    }

    @Test
    void the_htmx_header_carries_the_token_too() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Header token"));
        Browser.Csrf csrf = csrf();

        page().contentType(FORM).cookie(CSRF_COOKIE, csrf.cookie()).header("X-CSRF-TOKEN", csrf.token())
                .header("HX-Request", "true").formParam("on", "true").post("/suggestions/" + s.id + "/vote")
                .then().statusCode(200);

        assertEquals(1, fx.counter(s.id, "vote_count"));
    }

    @Test
    void every_form_and_the_htmx_headers_carry_the_token_of_the_cookie() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Forms"));
        fx.comment(s.id, fx.someone(), null, "A thread to reply to", false);

        Response response = page().get("/suggestions/" + s.id);
        String cookie = response.getCookie(CSRF_COOKIE);
        Document doc = html(response);

        List<Element> forms = doc.select("form[method=post]");
        assertFalse(forms.isEmpty());
        for (Element form : forms) {
            assertEquals(cookie, form.selectFirst("input[type=hidden][name=" + CSRF_FIELD + "]").val(),
                    "token in " + form.attr("action"));
        }
        assertEquals("{\"X-CSRF-TOKEN\": \"" + cookie + "\"}", doc.body().attr("hx-headers"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void no_form_on_any_page_puts_the_csrf_token_into_a_url() {
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, fx.someone(), unique("Tokens"));
        List<String> pages = List.of("/", "/boards/" + board.slug, "/suggestions/" + s.id, "/search?q=tokens",
                "/triage", "/triage/features", "/triage/features/new?ids=" + s.id, "/me", "/me/notifications",
                "/admin/members", "/admin/audit", "/admin/reports", "/releases");
        for (String path : pages) {
            Document doc = html(page().get(path).then().statusCode(200).extract().response());
            for (Element form : doc.select("form")) {
                if (form.select("input[name=" + CSRF_FIELD + "]").isEmpty()) {
                    continue;
                }
                String where = path + ": " + form.outerHtml().lines().findFirst().orElse("");
                assertEquals("post", form.attr("method").toLowerCase(), where);
                // Buttons anywhere on the page may belong to this form through form="…".
                List<Element> buttons = new java.util.ArrayList<>(form.select("button, input[type=submit]"));
                if (!form.id().isEmpty()) {
                    buttons.addAll(doc.select("button[form=" + form.id() + "], input[type=submit][form=" + form.id() + "]"));
                }
                for (Element button : buttons) {
                    assertFalse(button.attr("formmethod").equalsIgnoreCase("get"), where + " " + button.outerHtml());
                }
            }
        }
    }
}
