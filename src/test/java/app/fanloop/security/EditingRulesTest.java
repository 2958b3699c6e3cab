package app.fanloop.security;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/** What its author wrote stands once a post is locked, merged or shipped; an admin may still edit, on the record. */
@QuarkusTest
class EditingRulesTest {

    @Inject
    Fixtures fx;

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void the_author_cannot_rewrite_a_locked_merged_or_shipped_suggestion() {
        Suggestion locked = fx.suggestion(fx.board(), fx.member("bob"), unique("Locked"));
        fx.lock(locked.id);
        Suggestion shipped = fx.suggestion(fx.board(), fx.member("bob"), unique("Shipped"));
        fx.status(shipped.id, SuggestionStatus.SHIPPED);
        Suggestion merged = fx.suggestion(fx.board(), fx.member("bob"), unique("Merged"));
        fx.mergedInto(merged.id, fx.suggestion(fx.board(), fx.someone(), unique("Survivor")).id);

        for (Suggestion s : new Suggestion[] { locked, shipped, merged }) {
            form().formParam("kind", "SUGGESTION").formParam("title", "Rewritten history").formParam("body", "new")
                    .post("/suggestions/" + s.id + "/edit").then().statusCode(409);
            page().get("/suggestions/" + s.id + "/edit").then().statusCode(409);
            assertEquals(s.title, fx.text("select title from suggestion where id = ?1", s.id));
            assertEquals(0, fx.number("select count(*) from revision where suggestion_id = ?1", s.id));
        }
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void the_author_cannot_rewrite_a_comment_under_a_locked_suggestion() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Locked thread"));
        Comment mine = fx.comment(s.id, fx.member("bob"), null, "What I said", false);
        fx.lock(s.id);

        form().formParam("body", "What I wish I had said").post("/comments/" + mine.id + "/edit").then().statusCode(409);
        assertEquals("What I said", fx.text("select body from comment where id = ?1", mine.id));
        assertNull(html(page().get("/suggestions/" + s.id).then().statusCode(200).extract().response())
                .selectFirst("#comment-" + mine.id + " a[href=/comments/" + mine.id + "/edit]"), "no edit link offered");
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void the_author_is_offered_the_edit_link_while_the_thread_is_open() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Open thread"));
        Comment mine = fx.comment(s.id, fx.member("bob"), null, "Mine", false);
        Comment theirs = fx.comment(s.id, fx.someone(), null, "Theirs", false);

        var doc = html(page().get("/suggestions/" + s.id).then().statusCode(200).extract().response());
        assertNotNull(doc.selectFirst("#comment-" + mine.id + " a[href=/comments/" + mine.id + "/edit]"));
        assertNull(doc.selectFirst("#comment-" + theirs.id + " a[href=/comments/" + theirs.id + "/edit]"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void an_admin_edit_of_someone_elses_post_is_audited() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Needs a fix"));
        fx.lock(s.id);
        Comment c = fx.comment(s.id, fx.someone(), null, "Phone number 138 0000 0000", false);
        long before = fx.number("select count(*) from audit_entry where action = 'edit'");

        form().formParam("kind", "SUGGESTION").formParam("title", "Fixed title").formParam("body", "cleaned")
                .post("/suggestions/" + s.id + "/edit").then().statusCode(303);
        form().formParam("body", "Phone number removed").post("/comments/" + c.id + "/edit").then().statusCode(303);

        assertEquals(before + 2, fx.number("select count(*) from audit_entry where action = 'edit'"));
        assertEquals(1, fx.number("select count(*) from audit_entry where action = 'edit' and target_type = 'suggestion'"
                + " and target_id = ?1 and actor_id = (select id from member where subject = 'alice')", s.id));
        assertEquals(1, fx.number("select count(*) from audit_entry where action = 'edit' and target_type = 'comment'"
                + " and target_id = ?1", c.id));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void the_authors_own_edit_is_not_an_audit_entry() {
        Suggestion s = fx.suggestion(fx.board(), fx.member("bob"), unique("Mine to edit"));

        form().formParam("kind", "SUGGESTION").formParam("title", unique("Better")).formParam("body", "better")
                .post("/suggestions/" + s.id + "/edit").then().statusCode(303);

        assertEquals(0, fx.number("select count(*) from audit_entry where action = 'edit' and target_id = ?1", s.id));
    }
}
