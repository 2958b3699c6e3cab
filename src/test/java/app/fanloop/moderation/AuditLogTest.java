package app.fanloop.moderation;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

@QuarkusTest
@TestSecurity(user = "alice", roles = "admin")
class AuditLogTest {

    @Inject
    Fixtures fx;

    @Test
    void every_staff_action_writes_one_audit_entry() {
        Board board = fx.board();
        Suggestion a = fx.suggestion(board, fx.someone(), unique("A"));
        Suggestion b = fx.suggestion(board, fx.someone(), unique("B"));

        form().formParam("status", "UNDER_REVIEW").post("/suggestions/" + a.id + "/status").then().statusCode(303);
        form().formParam("body", "official").formParam("official", "true").post("/suggestions/" + a.id + "/comments")
                .then().statusCode(303);
        form().formParam("target", a.id).post("/suggestions/" + b.id + "/merge").then().statusCode(303);
        form().post("/suggestions/" + b.id + "/unmerge").then().statusCode(303);
        var item = form().formParam("title", unique("Item")).formParam("ids", a.id).post("/triage/features");
        long itemId = Long.parseLong(location(item).replaceAll("\\D+", ""));
        form().formParam("status", "PLANNED").post("/triage/features/" + itemId + "/status").then().statusCode(303);
        form().formParam("slug", unique("audited")).formParam("name", "Audited").formParam("acceptsSuggestions", "true")
                .post("/admin/boards").then().statusCode(303);
        form().formParam("archived", "true").post("/admin/boards/" + board.id + "/archive").then().statusCode(303);

        assertEquals(1, entries("status", "suggestion", a.id));
        assertEquals(1, entries("official_response", "suggestion", a.id));
        assertEquals(1, entries("merge", "suggestion", b.id));
        assertEquals(1, entries("unmerge", "suggestion", b.id));
        assertEquals(1, entries("feature.create", "feature_item", itemId));
        assertEquals(1, entries("feature.link", "feature_item", itemId));
        assertEquals(1, entries("feature.status", "feature_item", itemId));
        assertEquals(1, entries("board.archive", "board", board.id));
        assertEquals(1, fx.number("select count(*) from audit_entry where action = 'board.create' and after->>'name' = 'Audited'"));
    }

    @Test
    void the_log_filters_by_actor_action_and_target_and_cannot_be_changed() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Logged"));
        form().formParam("status", "PLANNED").post("/suggestions/" + s.id + "/status").then().statusCode(303);

        Document log = html(page().queryParam("action", "status").queryParam("target", "suggestion:" + s.id)
                .queryParam("actor", "alice").get("/admin/audit").then().statusCode(200).extract().response());
        assertEquals(1, log.select("table.audit tbody tr").size());
        assertTrue(log.select("table.audit").text().contains("PLANNED"));
        Document none = html(page().queryParam("action", "purge").queryParam("target", "suggestion:" + s.id)
                .get("/admin/audit").then().statusCode(200).extract().response());
        assertTrue(none.select("table.audit").text().contains("No entries"));

        assertThrows(Exception.class, () -> fx.number("delete from audit_entry where target_id = ?1 returning 1", s.id));
        assertEquals(1, entries("status", "suggestion", s.id));
    }

    private long entries(String action, String type, long id) {
        return fx.number("select count(*) from audit_entry where action = ?1 and target_type = ?2 and target_id = ?3",
                action, type, id);
    }
}
