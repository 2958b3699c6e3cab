package app.fanloop.suggestion;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Members edit their own posts; every earlier version stays readable. */
@QuarkusTest
class EditingTest {

    @Inject
    Fixtures fx;

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void fan_edits_own_suggestion_and_the_revision_is_kept() {
        Board board = fx.board();
        String oldTitle = unique("Original title");
        long id = PostingTest.idOf(form().formParam("kind", "SUGGESTION").formParam("title", oldTitle)
                .formParam("body", "Original *body*").post("/boards/" + board.slug + "/suggestions"));

        Document editForm = html(page().get("/suggestions/" + id + "/edit").then().statusCode(200).extract().response());
        assertEquals(oldTitle, editForm.selectFirst("input#title").val());
        assertEquals("Original *body*", editForm.selectFirst("textarea#body").text());

        String newTitle = unique("Better title");
        Response edited = form().formParam("kind", "SUGGESTION").formParam("title", newTitle)
                .formParam("body", "Better **body**").post("/suggestions/" + id + "/edit");
        assertEquals(303, edited.statusCode());
        assertEquals("/suggestions/" + id, location(edited));

        Document doc = html(page().get("/suggestions/" + id).then().statusCode(200).extract().response());
        assertEquals(newTitle, doc.selectFirst("article h1").text());
        assertEquals("body", doc.selectFirst("article .prose strong").text());
        assertEquals("edited", doc.selectFirst("article a[href=/suggestions/" + id + "/revisions]").text());

        Document revisions = html(page().get("/suggestions/" + id + "/revisions").then().statusCode(200)
                .extract().response());
        List<Element> sections = revisions.select("section.revision");
        assertEquals(2, sections.size(), "the current version and the one it replaced");
        assertEquals(newTitle, sections.get(0).selectFirst("h3").text());
        assertEquals(oldTitle, sections.get(1).selectFirst("h3").text());
        assertEquals("Original *body*", sections.get(1).selectFirst("pre.revision-text").text());
        assertTrue(sections.get(1).selectFirst(".comment-meta").text().contains("Replaced by bob"));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void saving_unchanged_text_keeps_no_revision() {
        Board board = fx.board();
        String title = unique("Unchanged");
        long id = PostingTest.idOf(form().formParam("kind", "SUGGESTION").formParam("title", title)
                .formParam("body", "Same").post("/boards/" + board.slug + "/suggestions"));

        form().formParam("kind", "SUGGESTION").formParam("title", title).formParam("body", "Same")
                .post("/suggestions/" + id + "/edit").then().statusCode(303);

        assertEquals(0, fx.number("select count(*) from revision where suggestion_id = ?1", id));
        assertNull(html(page().get("/suggestions/" + id).then().extract().response())
                .selectFirst("a[href=/suggestions/" + id + "/revisions]"));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void invalid_edit_re_renders_the_form_with_errors() {
        Board board = fx.board();
        String title = unique("Keep me");
        long id = PostingTest.idOf(form().formParam("kind", "SUGGESTION").formParam("title", title)
                .formParam("body", "Body").post("/boards/" + board.slug + "/suggestions"));

        Response refused = form().formParam("kind", "SUGGESTION").formParam("title", "")
                .formParam("body", "New body").post("/suggestions/" + id + "/edit");

        assertEquals(400, refused.statusCode());
        Document doc = html(refused);
        assertEquals("Required", doc.selectFirst("#title-error").text());
        assertEquals("New body", doc.selectFirst("textarea#body").text());
        assertEquals(title, fx.text("select title from suggestion where id = ?1", id));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void fan_cannot_edit_someone_elses_suggestion() {
        String title = unique("Not bob's");
        Suggestion theirs = fx.suggestion(fx.board(), fx.someone(), title);

        page().get("/suggestions/" + theirs.id + "/edit").then().statusCode(403);
        form().formParam("kind", "SUGGESTION").formParam("title", "Hijacked").formParam("body", "Hijacked")
                .post("/suggestions/" + theirs.id + "/edit").then().statusCode(403);

        assertEquals(title, fx.text("select title from suggestion where id = ?1", theirs.id));
        assertEquals(0, fx.number("select count(*) from revision where suggestion_id = ?1", theirs.id));
        assertNull(html(page().get("/suggestions/" + theirs.id).then().extract().response())
                .selectFirst("a[href=/suggestions/" + theirs.id + "/edit]"), "no edit button on others' posts");
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void admin_may_edit_any_suggestion_and_is_named_in_the_revision() {
        Suggestion theirs = fx.suggestion(fx.board(), fx.someone(), unique("Needs a fix"));

        assertNotNull(html(page().get("/suggestions/" + theirs.id).then().extract().response())
                .selectFirst("a[href=/suggestions/" + theirs.id + "/edit]"));
        form().formParam("kind", "SUGGESTION").formParam("title", theirs.title + " (typo fixed)")
                .formParam("body", theirs.body).post("/suggestions/" + theirs.id + "/edit").then().statusCode(303);

        assertEquals(theirs.title + " (typo fixed)", fx.text("select title from suggestion where id = ?1", theirs.id));
        assertEquals("alice", fx.text("""
                select m.subject from revision r join member m on m.id = r.editor_id where r.suggestion_id = ?1""",
                theirs.id));
    }
}
