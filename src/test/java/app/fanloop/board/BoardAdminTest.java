package app.fanloop.board;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/** Admins create, edit, order and archive boards; nobody else may. */
@QuarkusTest
class BoardAdminTest {

    @Inject
    Fixtures fx;

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void admin_creates_a_board() {
        String slug = unique("camera");

        Response created = boardForm(slug, "相机与影像").formParam("nameEn", "Camera")
                .formParam("description", "拍照与录像").formParam("descriptionEn", "Photos and video")
                .formParam("acceptsSuggestions", "true").post("/admin/boards");

        assertEquals(303, created.statusCode());
        assertEquals("/admin/boards", location(created));
        Document list = html(page().get("/admin/boards").then().statusCode(200).extract().response());
        Element row = rowOf(list, slug);
        assertEquals("相机与影像 Camera", row.selectFirst("td:nth-child(2) > a").text() + " "
                + row.selectFirst("td:nth-child(2) > span.muted").text());
        assertEquals("Suggestion", row.selectFirst("td:nth-child(3)").text(), "bugs were not ticked");

        Document board = html(page().get("/boards/" + slug).then().statusCode(200).extract().response());
        assertEquals("Camera", board.selectFirst("h1").text(), "English readers get the English name");
        assertEquals("Photos and video", board.selectFirst(".card-title p.muted").text());
        assertNull(board.selectFirst("a[href=/boards/" + slug + "/new?kind=BUG]"));
        Document chinese = html(given().header("Accept-Language", "zh-CN").get("/boards/" + slug).then().extract().response());
        assertEquals("相机与影像", chinese.selectFirst("h1").text());
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void invalid_board_is_refused_with_errors_beside_the_fields() {
        Response refused = form().formParam("slug", "Not A Slug").formParam("name", "")
                .formParam("nameEn", "Kept").post("/admin/boards");

        assertEquals(400, refused.statusCode());
        Document doc = html(refused);
        assertEquals("Not in the expected format", doc.selectFirst("#slug-error").text());
        assertEquals("Required", doc.selectFirst("#name-error").text());
        assertEquals("Choose at least one kind", doc.selectFirst("#acceptingSomething-error").text());
        assertEquals("Not A Slug", doc.selectFirst("input#slug").val());
        assertEquals("Kept", doc.selectFirst("input#nameEn").val());
        assertEquals(0, fx.number("select count(*) from board where name_en = 'Kept'"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void duplicate_slug_is_refused() {
        Board existing = fx.board();

        Response refused = boardForm(existing.slug, "Copy").formParam("acceptsSuggestions", "true").post("/admin/boards");

        assertEquals(400, refused.statusCode());
        assertEquals("Already taken", html(refused).selectFirst("#slug-error").text());
        assertEquals(1, fx.number("select count(*) from board where slug = ?1", existing.slug));

        Board other = fx.board();
        Response renamed = boardForm(existing.slug, "Steal the slug").formParam("acceptsBugs", "true")
                .post("/admin/boards/" + other.id);
        assertEquals(400, renamed.statusCode());
        assertEquals("Already taken", html(renamed).selectFirst("#slug-error").text());
        assertEquals(other.slug, fx.text("select slug from board where id = ?1", other.id));
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void admin_edits_a_board() {
        Board board = fx.board();

        Document editForm = html(page().get("/admin/boards/" + board.id + "/edit").then().statusCode(200)
                .extract().response());
        assertEquals(board.slug, editForm.selectFirst("input#slug").val());
        assertEquals("/admin/boards/" + board.id, editForm.selectFirst("form[method=post]").attr("action"));

        String slug = unique("renamed");
        Response saved = boardForm(slug, "New name").formParam("acceptsBugs", "true").post("/admin/boards/" + board.id);

        assertEquals(303, saved.statusCode());
        assertEquals("New name", html(page().get("/boards/" + slug).then().statusCode(200).extract().response())
                .selectFirst("h1").text());
        page().get("/boards/" + board.slug).then().statusCode(404);
        assertEquals("false true", fx.text("select accepts_suggestions || ' ' || accepts_bugs from board where id = ?1",
                board.id));
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void admin_moves_boards_up_and_down() {
        Board a = fx.board();
        Board b = fx.board();
        Board c = fx.board();
        assertEquals(List.of(a.slug, b.slug, c.slug), order(a, b, c));

        move(c, -1).then().statusCode(303);
        assertEquals(List.of(a.slug, c.slug, b.slug), order(a, b, c));

        move(a, 1).then().statusCode(303);
        assertEquals(List.of(c.slug, a.slug, b.slug), order(a, b, c));

        Document home = html(page().get("/").then().extract().response());
        List<String> onHome = home.select(".side-boards a").eachAttr("href");
        assertTrue(onHome.indexOf("/boards/" + c.slug) < onHome.indexOf("/boards/" + a.slug));
        assertTrue(onHome.indexOf("/boards/" + a.slug) < onHome.indexOf("/boards/" + b.slug));
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void moving_past_either_end_changes_nothing() {
        fx.board();
        fx.board();
        Document list = html(page().get("/admin/boards").then().statusCode(200).extract().response());
        List<Element> rows = list.select("table tbody tr");
        String firstUp = rows.get(0).selectFirst("form:has(input[name=direction][value=-1])").attr("action");
        String lastDown = rows.get(rows.size() - 1).selectFirst("form:has(input[name=direction][value=1])").attr("action");
        assertNotNull(rows.get(0).selectFirst("button[title=Move up][disabled]"));
        List<String> before = allSlugs();

        form().formParam("direction", -1).post(firstUp).then().statusCode(303);
        form().formParam("direction", 1).post(lastDown).then().statusCode(303);

        assertEquals(before, allSlugs());
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void admin_archives_and_restores_a_board() {
        Board board = fx.board();

        archive(board, true).then().statusCode(303);
        assertNull(html(page().get("/").then().extract().response()).selectFirst("a[href=/boards/" + board.slug + "]"),
                "archived boards leave the home page");
        Document archived = html(page().get("/boards/" + board.slug).then().statusCode(200).extract().response());
        assertEquals("This board is archived: you can read it but not post.", archived.selectFirst("p.notice").text());
        assertNull(archived.selectFirst("a[href^=/boards/" + board.slug + "/new]"));
        assertEquals("Archived", rowOf(html(page().get("/admin/boards").then().extract().response()), board.slug)
                .selectFirst("span.kind").text());
        page().get("/boards/" + board.slug + "/new").then().statusCode(404);

        archive(board, true).then().statusCode(409);

        archive(board, false).then().statusCode(303);
        assertNotNull(html(page().get("/").then().extract().response()).selectFirst("a[href=/boards/" + board.slug + "]"));
        page().get("/boards/" + board.slug + "/new").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void posting_on_an_archived_board_is_a_conflict() {
        Board board = fx.board();
        fx.archive(board.id);

        form().formParam("kind", "SUGGESTION").formParam("title", "Too late").formParam("body", "Archived")
                .post("/boards/" + board.slug + "/suggestions").then().statusCode(409);

        assertEquals(0, fx.suggestionCount(board.id));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void fan_is_forbidden_every_admin_page_and_action() {
        Board board = fx.board();
        String before = boardsInDatabase();

        page().get("/admin/boards").then().statusCode(403);
        page().get("/admin/boards/new").then().statusCode(403);
        page().get("/admin/boards/" + board.id + "/edit").then().statusCode(403);
        boardForm(unique("fan-board"), "Fan board").formParam("acceptsBugs", "true").post("/admin/boards")
                .then().statusCode(403);
        boardForm(board.slug, "Fan rename").formParam("acceptsBugs", "true").post("/admin/boards/" + board.id)
                .then().statusCode(403);
        move(board, -1).then().statusCode(403);
        archive(board, true).then().statusCode(403);

        assertEquals(before, boardsInDatabase());
        assertNull(html(page().get("/").then().extract().response()).selectFirst("a[href=/admin/boards]"),
                "no admin link for fans");
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void pm_is_no_admin_either() {
        page().get("/admin/boards").then().statusCode(403);
        boardForm(unique("pm-board"), "PM board").formParam("acceptsBugs", "true").post("/admin/boards")
                .then().statusCode(403);
    }

    @Test
    void visitor_is_sent_to_sign_in() {
        Response response = page().get("/admin/boards");
        assertEquals(303, response.statusCode());
        assertTrue(location(response).startsWith("/login?to="), location(response));
    }

    /** Every board's slug, name, position and archived flag. */
    private String boardsInDatabase() {
        return fx.text("select string_agg(concat_ws(':', slug, name, position, archived), ',' order by id) from board");
    }

    private static RequestSpecification boardForm(String slug, String name) {
        return form().formParam("slug", slug).formParam("name", name);
    }

    private static Response move(Board board, int direction) {
        return form().formParam("direction", direction).post("/admin/boards/" + board.id + "/move");
    }

    private static Response archive(Board board, boolean archived) {
        return form().formParam("archived", archived).post("/admin/boards/" + board.id + "/archive");
    }

    private static Element rowOf(Document list, String slug) {
        Element link = list.selectFirst("table a[href=/boards/" + slug + "]");
        assertNotNull(link, "a row for " + slug);
        return link.closest("tr");
    }

    /** The slugs of the given boards, in the order the admin list shows them. */
    private static List<String> order(Board... boards) {
        List<String> wanted = java.util.Arrays.stream(boards).map(b -> b.slug).toList();
        return allSlugs().stream().filter(wanted::contains).toList();
    }

    private static List<String> allSlugs() {
        Document list = html(page().get("/admin/boards").then().statusCode(200).extract().response());
        return list.select("table tbody tr td:nth-child(2) > a").eachAttr("href").stream()
                .map(href -> href.substring("/boards/".length())).toList();
    }
}
