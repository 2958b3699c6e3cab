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
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Staff (PMs and admins) move suggestions along their statuses and answer officially; fans cannot. */
@QuarkusTest
class StatusTest {

    @Inject
    Fixtures fx;

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void fan_cannot_change_status() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Fans do not triage"));

        status(s, "PLANNED", "I say so").then().statusCode(403);

        assertEquals("OPEN", fx.text("select status from suggestion where id = ?1", s.id));
        assertEquals(0, fx.number("select count(*) from status_change where suggestion_id = ?1", s.id));
        assertNull(html(page().get("/suggestions/" + s.id).then().extract().response()).selectFirst("select#status"),
                "fans are not offered the status form");
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void pm_official_response_is_marked_and_shown_on_top() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Answer me"));
        fx.comment(s.id, fx.someone(), null, "Early fan comment", false);

        Response answered = form().formParam("body", "We will ship this in **May**.").formParam("official", "true")
                .post("/suggestions/" + s.id + "/comments");

        assertEquals(303, answered.statusCode());
        long official = Long.parseLong(location(answered).replaceFirst(".*#comment-", ""));
        assertEquals(official, fx.number("select official_comment_id from suggestion where id = ?1", s.id));
        assertEquals(1, fx.number("select count(*) from comment where id = ?1 and official", official));

        Document doc = html(page().get("/suggestions/" + s.id).then().statusCode(200).extract().response());
        Element card = doc.selectFirst("section.official");
        assertNotNull(card);
        assertEquals("Official response", card.selectFirst(".official-badge").text());
        assertEquals("May", card.selectFirst(".prose strong").text());
        assertEquals("paula", card.selectFirst(".who").text());
        assertTrue(card.elementSiblingIndex() < doc.selectFirst("section#comments").elementSiblingIndex());
        assertNotNull(doc.selectFirst("#comment-" + official + " .official-badge"), "marked in the thread too");
        assertNotNull(doc.selectFirst("#comment-form input[name=official]"), "staff are offered the official box");
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void pm_status_change_with_note_adds_a_timeline_entry() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Review me"));

        Response changed = status(s, "UNDER_REVIEW", "We are looking into it.");

        assertEquals(303, changed.statusCode());
        assertEquals("/suggestions/" + s.id + "#timeline", location(changed));
        assertEquals("UNDER_REVIEW", fx.text("select status from suggestion where id = ?1", s.id));
        assertEquals("paula OPEN UNDER_REVIEW We are looking into it.", fx.text("""
                select m.subject || ' ' || c.from_status || ' ' || c.to_status || ' ' || c.note
                from status_change c join member m on m.id = c.actor_id where c.suggestion_id = ?1""", s.id));

        status(s, "PLANNED", "").then().statusCode(303);

        Document doc = html(page().get("/suggestions/" + s.id).then().statusCode(200).extract().response());
        List<Element> entries = doc.select("#timeline ol.timeline > li");
        assertEquals(3, entries.size());
        Element review = entries.get(1);
        assertTrue(review.text().startsWith("paula moved it"), review.text());
        assertEquals(List.of("Open", "Under review"), review.select(".badge").eachText());
        assertEquals("We are looking into it.", review.selectFirst(".note").text());
        assertEquals(List.of("Under review", "Planned"), entries.get(2).select(".badge").eachText());
        assertNull(entries.get(2).selectFirst(".note"));
        assertEquals("Planned", doc.selectFirst(".suggestion-head .badge").text());
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void declining_needs_a_reason() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Decline me"));

        Response refused = status(s, "DECLINED", "  ");

        assertEquals(400, refused.statusCode());
        Document doc = html(refused);
        assertEquals("Give a reason when declining", doc.selectFirst("#note-error").text());
        assertNotNull(doc.selectFirst("select#status option[value=DECLINED][selected]"), "the choice is kept");
        assertEquals("OPEN", fx.text("select status from suggestion where id = ?1", s.id));
        assertEquals(0, fx.number("select count(*) from status_change where suggestion_id = ?1", s.id));

        status(s, "DECLINED", "Conflicts with the privacy rules.").then().statusCode(303);
        Document declined = html(page().get("/suggestions/" + s.id).then().extract().response());
        assertEquals("Why it was declined: Conflicts with the privacy rules.",
                declined.selectFirst("article p.notice").text());
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void setting_the_same_status_is_refused() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Already open"));

        Response refused = status(s, "OPEN", "Again");

        assertEquals(400, refused.statusCode());
        assertEquals("It already has this status", html(refused).selectFirst("#status-error").text());
        assertEquals(0, fx.number("select count(*) from status_change where suggestion_id = ?1", s.id));
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void shipped_and_merged_cannot_be_set_by_hand() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Not by hand"));

        for (String status : List.of("SHIPPED", "MERGED", "NONSENSE")) {
            Response refused = status(s, status, "Done");
            assertEquals(400, refused.statusCode(), status);
            assertEquals("This status cannot be set by hand", html(refused).selectFirst("#status-error").text());
        }

        assertEquals("OPEN", fx.text("select status from suggestion where id = ?1", s.id));
        assertEquals(0, fx.number("select count(*) from status_change where suggestion_id = ?1", s.id));
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void admin_changes_status_too() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Admin plans"));

        status(s, "PLANNED", "On the roadmap").then().statusCode(303);

        assertEquals("PLANNED", fx.text("select status from suggestion where id = ?1", s.id));
        assertEquals("alice", fx.text("""
                select m.subject from status_change c join member m on m.id = c.actor_id where c.suggestion_id = ?1""",
                s.id));
    }

    private static Response status(Suggestion s, String status, String note) {
        return form().formParam("status", status).formParam("note", note).post("/suggestions/" + s.id + "/status");
    }
}
