package app.fanloop.web;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Errors answer with a page in the reader's language, never with internals. */
@QuarkusTest
class ErrorPagesTest {

    @Inject
    Fixtures fx;

    @Test
    void not_found_page_speaks_the_browsers_language() {
        Document english = errorPage(given().header("Accept-Language", "en-GB,en;q=0.9").get("/boards/" + unique("nope")), 404);
        assertEquals("en", english.selectFirst("html").attr("lang"));
        assertEquals("Page not found", english.selectFirst(".error-page h1").text());
        assertEquals("404", english.selectFirst(".error-page .code").text());

        Document chinese = errorPage(given().header("Accept-Language", "zh-CN,zh;q=0.9,en;q=0.8")
                .get("/boards/" + unique("nope")), 404);
        assertEquals("zh-CN", chinese.selectFirst("html").attr("lang"));
        assertEquals("页面不存在", chinese.selectFirst(".error-page h1").text());

        Document fallback = errorPage(given().header("Accept-Language", "fr-FR").get("/suggestions/987654321"), 404);
        assertEquals("页面不存在", fallback.selectFirst(".error-page h1").text(), "Chinese when neither is asked for");
    }

    @Test
    void the_chosen_language_wins_over_the_browsers() {
        Document chosenChinese = errorPage(given().header("Accept-Language", "en").cookie(RequestLocale.COOKIE, "zh")
                .get("/boards/" + unique("nope")), 404);
        assertEquals("页面不存在", chosenChinese.selectFirst(".error-page h1").text());

        Document chosenEnglish = errorPage(given().header("Accept-Language", "zh-CN").cookie(RequestLocale.COOKIE, "en")
                .get("/boards/" + unique("nope")), 404);
        assertEquals("Page not found", chosenEnglish.selectFirst(".error-page h1").text());
    }

    @Test
    void unknown_address_gets_the_localized_not_found_page() {
        Document doc = errorPage(page().get("/no/such/page"), 404);
        assertEquals("Page not found", doc.selectFirst(".error-page h1").text());
        Document chinese = errorPage(given().cookie(RequestLocale.COOKIE, "zh").get("/no/such/page"), 404);
        assertEquals("页面不存在", chinese.selectFirst(".error-page h1").text());
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void unknown_address_gets_the_not_found_page_for_members_too() {
        Document doc = errorPage(page().get("/no/such/page"), 404);
        assertEquals("Page not found", doc.selectFirst(".error-page h1").text());
        assertEquals("bob", doc.selectFirst(".account .brand-name").text(), "the header still knows the member");
        Document chinese = errorPage(given().header("Accept-Language", "zh-CN").get("/no/such/other/page"), 404);
        assertEquals("页面不存在", chinese.selectFirst(".error-page h1").text());
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void forbidden_and_conflict_pages_are_localized() {
        Document forbidden = errorPage(page().get("/admin/boards"), 403);
        assertEquals("Not allowed", forbidden.selectFirst(".error-page h1").text());
        Document chinese = errorPage(given().header("Accept-Language", "zh").get("/admin/boards"), 403);
        assertEquals("没有权限", chinese.selectFirst(".error-page h1").text());

        Board board = fx.board();
        fx.archive(board.id);
        Document conflict = errorPage(form().formParam("kind", "SUGGESTION").formParam("title", "Late")
                .formParam("body", "Late").post("/boards/" + board.slug + "/suggestions"), 409);
        assertEquals("Conflict", conflict.selectFirst(".error-page h1").text());
    }

    @Test
    void api_paths_answer_errors_as_problems() {
        given().get("/api/v1/" + unique("nothing")).then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", org.hamcrest.Matchers.equalTo(404))
                .body("type", org.hamcrest.Matchers.equalTo("/problems/not-found"));
    }

    private static Document errorPage(Response response, int status) {
        assertEquals(status, response.statusCode(), response.asString());
        assertTrue(response.contentType().startsWith("text/html"), response.contentType());
        String body = response.asString();
        for (String internal : new String[] { "Exception", "at app.fanloop", "at io.quarkus", ".java:", "stack" }) {
            assertFalse(body.contains(internal), "no internals on an error page: " + internal);
        }
        return html(response);
    }
}
