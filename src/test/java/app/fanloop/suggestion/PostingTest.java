package app.fanloop.suggestion;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/** A fan posts suggestions and bug reports; bad input comes back with its errors beside the fields. */
@QuarkusTest
@TestSecurity(user = "bob", roles = "fan")
class PostingTest {

    private static final Pattern SUGGESTION_PATH = Pattern.compile("^/suggestions/(\\d+)$");

    @Inject
    Fixtures fx;

    @Test
    void fan_posts_a_suggestion_and_follows_it() {
        Board board = fx.board();
        String title = unique("Dark mode by sunset");

        Response created = post(board, form().formParam("kind", "SUGGESTION").formParam("title", title)
                .formParam("body", "Switch at **sunset**, 日落时切换."));

        assertEquals(303, created.statusCode());
        long id = idOf(created);
        Document doc = html(page().get("/suggestions/" + id).then().statusCode(200).extract().response());
        assertEquals(title, doc.selectFirst("article h1").text());
        assertEquals("Switch at sunset, 日落时切换.", doc.selectFirst("article .prose").text());
        assertEquals("sunset", doc.selectFirst("article .prose strong").text());
        assertEquals("bob", doc.selectFirst("article .row-meta .author .name").text());
        assertEquals(1, fx.suggestionCount(board.id));
        assertTrue(fx.follows(id, "bob"), "the author follows their post");
        assertEquals(1, fx.counter(id, "follower_count"));
        assertEquals("Following · 1", doc.selectFirst("#follow-" + id + " button").text());

        Document boardPage = html(page().get("/boards/" + board.slug).then().statusCode(200).extract().response());
        assertEquals(List.of(title), boardPage.select("ul.list a.row-title").eachText());
        assertEquals("1", boardPage.selectFirst(".side-boards a[href=/boards/" + board.slug + "] .muted").text());
    }

    @Test
    void fan_reports_a_bug_with_its_details() {
        Board board = fx.board();

        Response created = post(board, bugForm(unique("Camera freezes"))
                .formParam("deviceModel", "Xiaomi 14 Pro")
                .formParam("systemVersion", "HyperOS 2.0.105")
                .formParam("frequency", "SOMETIMES")
                .formParam("steps", "1. Open camera\n2. Switch to video"));

        assertEquals(303, created.statusCode());
        Document doc = html(page().get("/suggestions/" + idOf(created)).then().statusCode(200).extract().response());
        assertEquals("Bug report", doc.selectFirst(".suggestion-head .kind").text());
        assertEquals(List.of("Xiaomi 14 Pro", "HyperOS 2.0.105", "Sometimes", "1. Open camera 2. Switch to video"),
                doc.select("article dl.facts dd").eachText());
    }

    @Test
    void bug_report_needs_device_model_system_version_frequency_and_steps() {
        Board board = fx.board();
        String title = unique("Bug without details");

        Response refused = post(board, bugForm(title).formParam("deviceModel", "Xiaomi 14"));

        assertEquals(400, refused.statusCode());
        Document doc = html(refused);
        assertEquals("Please fix the fields marked below.", doc.selectFirst(".form-errors").text());
        assertEquals("Required", doc.selectFirst("#systemVersion-error").text());
        assertEquals("Required", doc.selectFirst("#frequency-error").text());
        assertEquals("Required", doc.selectFirst("#steps-error").text());
        assertEquals(null, doc.selectFirst("#deviceModel-error"));
        assertEquals("Xiaomi 14", doc.selectFirst("input#deviceModel").val(), "typed values are kept");
        assertEquals(title, doc.selectFirst("input#title").val());
        assertNotNull(doc.selectFirst("input[name=kind][value=BUG][checked]"));
        assertEquals(0, fx.suggestionCount(board.id));
    }

    @Test
    void too_long_title_is_refused_and_the_typed_text_kept() {
        Board board = fx.board();
        String title = "t".repeat(121);

        Response refused = post(board, form().formParam("kind", "SUGGESTION").formParam("title", title)
                .formParam("body", "My *details*"));

        assertEquals(400, refused.statusCode());
        Document doc = html(refused);
        assertEquals("At most 120 characters", doc.selectFirst("#title-error").text());
        assertTrue(doc.selectFirst("input#title").closest(".field").hasClass("invalid"));
        assertEquals(title, doc.selectFirst("input#title").val());
        assertEquals("My *details*", doc.selectFirst("textarea#body").text());
        assertEquals(0, fx.suggestionCount(board.id));
    }

    @Test
    void empty_title_is_required_and_a_one_letter_title_too_short() {
        Board board = fx.board();

        Response empty = post(board, form().formParam("kind", "SUGGESTION").formParam("title", "")
                .formParam("body", "Details"));
        assertEquals(400, empty.statusCode());
        assertEquals("Required", html(empty).selectFirst("#title-error").text());

        Response short1 = post(board, form().formParam("kind", "SUGGESTION").formParam("title", "x")
                .formParam("body", "Details"));
        assertEquals(400, short1.statusCode());
        assertEquals("At least 2 characters", html(short1).selectFirst("#title-error").text());
        assertEquals(0, fx.suggestionCount(board.id));
    }

    @Test
    void empty_body_is_refused() {
        Board board = fx.board();
        String title = unique("No details");

        Response refused = post(board, form().formParam("kind", "SUGGESTION").formParam("title", title)
                .formParam("body", "  "));

        assertEquals(400, refused.statusCode());
        Document doc = html(refused);
        assertEquals("Required", doc.selectFirst("#body-error").text());
        assertEquals(title, doc.selectFirst("input#title").val());
        assertEquals(0, fx.suggestionCount(board.id));
    }

    @Test
    void body_over_20000_characters_is_refused() {
        Board board = fx.board();

        Response refused = post(board, form().formParam("kind", "SUGGESTION").formParam("title", unique("Long"))
                .formParam("body", "x".repeat(20001)));

        assertEquals(400, refused.statusCode());
        assertEquals("At most 20000 characters", html(refused).selectFirst("#body-error").text());
        assertEquals(0, fx.suggestionCount(board.id));
    }

    @Test
    void board_refuses_a_kind_it_does_not_take() {
        Board ideasOnly = fx.board(true, false);

        Response refused = post(ideasOnly, bugForm(unique("Bug on an ideas board"))
                .formParam("deviceModel", "Xiaomi 14").formParam("systemVersion", "HyperOS 2")
                .formParam("frequency", "ALWAYS").formParam("steps", "1. Tap"));

        assertEquals(400, refused.statusCode());
        assertEquals("This board does not take this kind", html(refused).selectFirst("#kind-error").text());
        assertEquals(0, fx.suggestionCount(ideasOnly.id));

        Response unknown = post(ideasOnly, form().formParam("kind", "POLL").formParam("title", unique("Poll"))
                .formParam("body", "?"));
        assertEquals(400, unknown.statusCode());
        assertEquals("Not a valid value", html(unknown).selectFirst("#kind-error").text());
    }

    @Test
    void new_suggestion_form_offers_the_boards_kinds() {
        Board both = fx.board();
        Document bugForm = html(page().get("/boards/" + both.slug + "/new?kind=BUG").then().statusCode(200)
                .extract().response());
        assertEquals("Report a bug", bugForm.selectFirst("h1").text());
        assertNotNull(bugForm.selectFirst("input[name=kind][value=BUG][checked]"));
        assertNotNull(bugForm.selectFirst("select#frequency"));
        assertEquals("/boards/" + both.slug + "/suggestions", bugForm.selectFirst("form.suggestion-form").attr("action"));

        Board ideasOnly = fx.board(true, false);
        Document ideaForm = html(page().get("/boards/" + ideasOnly.slug + "/new?kind=BUG").then().statusCode(200)
                .extract().response());
        assertEquals("New suggestion", ideaForm.selectFirst("h1").text());
        assertEquals(null, ideaForm.selectFirst("input[name=kind][value=BUG]"));
    }

    @Test
    void posting_on_a_missing_board_is_not_found() {
        form().formParam("kind", "SUGGESTION").formParam("title", "Nowhere").formParam("body", "text")
                .post("/boards/" + unique("missing") + "/suggestions").then().statusCode(404);
    }

    private static RequestSpecification bugForm(String title) {
        return form().formParam("kind", "BUG").formParam("title", title).formParam("body", "It goes wrong.");
    }

    private static Response post(Board board, RequestSpecification form) {
        return form.post("/boards/" + board.slug + "/suggestions");
    }

    static long idOf(Response created) {
        Matcher m = SUGGESTION_PATH.matcher(location(created));
        assertTrue(m.matches(), "redirect to the new suggestion: " + location(created));
        return Long.parseLong(m.group(1));
    }
}
