package app.fanloop.release;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAdjusters;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.SiteClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;

@QuarkusTest
class ReleaseEditingTest {

    static final ZoneId SITE = ZoneId.of("Asia/Shanghai");
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Inject
    SiteClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void pm_writes_a_draft_with_lines_in_sections_and_previews_it_with_the_credits() {
        Board board = fx.board();
        Member ada = fx.member(unique("Ada"));
        Member bo = fx.member(unique("Bo"));
        Suggestion viaItem = fx.suggestion(board, ada, unique("Lock screen shortcuts"));
        Suggestion direct = fx.suggestion(board, bo, unique("Camera crash"));
        long item = fx.featureItem(unique("Lock screen"), viaItem.id);
        String version = unique("OS2.0.300");

        assertEquals(200, page().get("/triage/releases/new").statusCode());
        Response created = form().formParam("version", version).formParam("channel", "DEV")
                .formParam("week", "2025-W47").formParam("summary", "The **big** one").post("/triage/releases");
        assertEquals(303, created.statusCode());
        String editor = location(created);
        assertTrue(editor.matches("/triage/releases/\\d+"), editor);
        long id = Long.parseLong(editor.substring(editor.lastIndexOf('/') + 1));

        form().formParam("section", "FIXED").formParam("text", "No more crash").formParam("suggestions", "#" + direct.id)
                .post(editor + "/items").then().statusCode(303);
        form().formParam("section", "NEW").formParam("text", "Shortcuts on the lock screen")
                .formParam("featureItemId", item).post(editor + "/items").then().statusCode(303);

        Document page = html(page().get(editor).then().statusCode(200).extract().response());
        String lines = page.select("#lines").text();
        assertTrue(lines.indexOf("New") < lines.indexOf("Shortcuts on the lock screen"), lines);
        assertTrue(lines.indexOf("Shortcuts on the lock screen") < lines.indexOf("Fixed"), "New comes before Fixed");
        assertTrue(lines.contains("#" + direct.id), lines);

        Document preview = html(page().get("/releases/" + id).then().statusCode(200).extract().response());
        assertNotNull(preview.selectFirst(".preview-notice"), "staff see an unpublished release as a preview");
        assertTrue(preview.select(".release-summary strong").text().contains("big"), "Markdown summary");
        String credits = preview.select("#credits").text();
        assertTrue(credits.contains(ada.name) && credits.contains(bo.name), credits);
        assertEquals("DRAFT", fx.text("select state from release where id = ?1", id));
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void invalid_input_comes_back_with_errors_beside_the_fields() {
        String version = unique("OS-dup");
        form().formParam("version", version).formParam("channel", "DEV").formParam("week", "2025-W47")
                .post("/triage/releases").then().statusCode(303);

        Response taken = form().formParam("version", version).formParam("channel", "DEV").formParam("week", "2025-47")
                .post("/triage/releases");
        assertEquals(400, taken.statusCode());
        Document page = html(taken);
        assertFalse(page.select("#week-error").isEmpty(), "the week's pattern");
        assertEquals(version, page.selectFirst("#version").val(), "values are kept");

        Response same = form().formParam("version", version).formParam("channel", "DEV").formParam("week", "2025-W47")
                .post("/triage/releases");
        assertEquals(400, same.statusCode());
        assertEquals("Already taken", html(same).selectFirst("#version-error").text());
        // The same version on the other channel is a different release.
        assertEquals(303, form().formParam("version", version).formParam("channel", "STABLE").formParam("week", "2025-W47")
                .post("/triage/releases").statusCode());

        Release draft = rf.draft(ReleaseChannel.DEV, unique("OS-lines"), null);
        Response missing = form().formParam("section", "NEW").formParam("text", "x")
                .formParam("suggestions", "#999999999").post(draft.itemsPath());
        assertEquals(400, missing.statusCode());
        assertFalse(html(missing).select("#suggestions-error").isEmpty());
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void scheduling_defaults_to_the_coming_friday_and_refuses_the_past_and_empty_releases() {
        Release release = rf.draft(ReleaseChannel.DEV, unique("OS-sched"), null);
        Document editor = html(page().get(release.editPath()).then().statusCode(200).extract().response());

        ZonedDateTime now = ZonedDateTime.now(SITE);
        ZonedDateTime friday = now.with(TemporalAdjusters.nextOrSame(DayOfWeek.FRIDAY)).withHour(10).withMinute(0)
                .withSecond(0).withNano(0);
        if (!friday.isAfter(now)) {
            friday = friday.plusWeeks(1);
        }
        assertEquals(LOCAL.format(friday), editor.selectFirst("#scheduledAt").val());

        Response past = form().formParam("scheduledAt", LOCAL.format(now.minusHours(1))).post(release.schedulePath());
        assertEquals(400, past.statusCode());
        assertEquals("The time must lie ahead", html(past).selectFirst("#scheduledAt-error").text());

        Response created = form().formParam("version", unique("OS-empty")).formParam("channel", "DEV")
                .formParam("week", "2025-W47").post("/triage/releases");
        String emptyEditor = location(created);
        Response refused = form().formParam("scheduledAt", LOCAL.format(friday)).post(emptyEditor + "/schedule");
        assertEquals(400, refused.statusCode());
        assertEquals(400, form().post(emptyEditor + "/publish").statusCode(), "nothing to publish");

        Response scheduled = form().formParam("scheduledAt", LOCAL.format(friday)).post(release.schedulePath());
        assertEquals(303, scheduled.statusCode());
        assertEquals("SCHEDULED", fx.text("select state from release where id = ?1", release.id));
        assertEquals(LOCAL.format(friday), fx.text("""
                select to_char(scheduled_at at time zone 'Asia/Shanghai', 'YYYY-MM-DD"T"HH24:MI') from release where id = ?1""",
                release.id), "the form's time is site time");

        form().post(release.unschedulePath()).then().statusCode(303);
        assertEquals("DRAFT", fx.text("select state from release where id = ?1", release.id));
        assertEquals(409, form().post(release.unschedulePath()).statusCode(), "a draft cannot be unscheduled");
        assertTrue(Duration.between(now, friday).toDays() < 7, "the coming Friday, not a later one");
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void fans_get_403_on_release_editing_and_do_not_see_drafts() {
        Release draft = rf.draft(ReleaseChannel.DEV, unique("OS-secret"), null);
        ReleaseItem line = ReleaseItem.<ReleaseItem> find("release.id", draft.id).firstResult();

        for (String path : new String[] { "/triage/releases", "/triage/releases/new", draft.editPath() }) {
            assertEquals(403, page().get(path).statusCode(), path);
        }
        assertEquals(403, form().formParam("version", "x").formParam("channel", "DEV").formParam("week", "2025-W47")
                .post("/triage/releases").statusCode());
        assertEquals(403, form().formParam("version", "x").formParam("channel", "DEV").formParam("week", "2025-W47")
                .post(draft.editPath()).statusCode());
        assertEquals(403, form().formParam("section", "NEW").formParam("text", "x").post(draft.itemsPath()).statusCode());
        assertEquals(403, form().formParam("section", "NEW").formParam("text", "x")
                .post(draft.editPath() + "/items/" + line.id).statusCode());
        assertEquals(403, form().post(draft.editPath() + "/items/" + line.id + "/delete").statusCode());
        assertEquals(403, form().formParam("scheduledAt", "2099-01-01T10:00").post(draft.schedulePath()).statusCode());
        assertEquals(403, form().post(draft.publishPath()).statusCode());

        assertEquals(404, page().get(draft.path()).statusCode(), "drafts are not public");
        assertEquals("DRAFT", fx.text("select state from release where id = ?1", draft.id));
        assertEquals(1, fx.number("select count(*) from release_item where release_id = ?1", draft.id));
    }
}
