package app.fanloop.beta;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.notification.NotificationDelivery;
import app.fanloop.poll.PollFixtures;
import app.fanloop.poll.PollFixtures.Fan;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.web.SiteClock;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * Closed beta programs: a PM opens one (with its private board), fans apply and are refused for each reason with the
 * reason beside the form, the PM decides (one by one, the top N by score, never past the quota), removes testers and
 * the waitlist fills the place, closes the program (medal once, board read-only), makes the build public; the score's
 * explanation for a known member; who may use the console. Every member signs in with their own token.
 */
@QuarkusTest
class BetaProgramsTest {

    @Inject
    Fixtures fx;

    @Inject
    PollFixtures members;

    @Inject
    BetaFixtures beta;

    @Inject
    NotificationDelivery delivery;

    @Inject
    SiteClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    // ---------------------------------------------------------------- Opening

    @Test
    void pm_opens_a_program_with_its_private_board_sanitised_description_and_an_audit_entry() {
        Fan paula = members.pm("pm");
        String slug = unique("hyperos");
        Response created = as(paula, form()).formParam("slug", slug).formParam("name", "HyperOS 2.1 内测")
                .formParam("description", "Try **it** <script>alert(1)</script>").formParam("devices", "Xiaomi 14")
                .formParam("places", "2").formParam("appliesFrom", "2026-01-01T10:00").formParam("appliesUntil", "2036-01-01T10:00")
                .formParam("minLevel", "0").formParam("question1", "Why you?").formParam("question2", "")
                .formParam("channel", "DEV").formParam("weeklyPosts", "1")
                .post("/triage/beta");

        assertEquals(303, created.statusCode(), created.asString());
        assertEquals("/triage/beta/" + slug, location(created));
        long id = fx.number("select id from beta_program where slug = ?1", slug);
        assertEquals(1, fx.number("select count(*) from board where program_id = ?1 and accepts_bugs and accepts_suggestions", id));
        String html = fx.text("select description_html from beta_program where id = ?1", id);
        assertTrue(html.contains("<strong>it</strong>"), html);
        assertFalse(html.contains("<script"), html);
        assertEquals(1, fx.number("select count(*) from audit_entry where action = 'beta.create' and target_id = ?1", id));
        Document page = html(page().get("/beta/" + slug).then().statusCode(200).extract().response());
        assertEquals("HyperOS 2.1 内测", page.selectFirst("h1").text());
        assertTrue(html(page().get("/beta").then().statusCode(200).extract().response())
                .select("#open-programs a[href=/beta/" + slug + "]").size() == 1, "the program is listed as open");
    }

    @Test
    void a_window_that_ends_before_it_starts_and_a_taken_slug_are_shown_beside_their_fields() {
        Fan paula = members.pm("pm");
        BetaProgram existing = beta.program(2, 0, 0, null);
        Response refused = as(paula, form()).formParam("slug", existing.slug).formParam("name", "Again")
                .formParam("places", "2").formParam("appliesFrom", "2026-01-02T10:00").formParam("appliesUntil", "2036-01-01T10:00")
                .formParam("channel", "DEV").post("/triage/beta");
        assertEquals(400, refused.statusCode());
        Document doc = html(refused);
        assertNotNull(doc.selectFirst("#slug-error"), "a taken address is named");
        assertEquals("Again", doc.selectFirst("input#name").val(), "the values are kept");

        Response backwards = as(paula, form()).formParam("slug", unique("back")).formParam("name", "Backwards")
                .formParam("places", "2").formParam("appliesFrom", "2036-01-02T10:00").formParam("appliesUntil", "2026-01-01T10:00")
                .formParam("channel", "DEV").post("/triage/beta");
        assertEquals(400, backwards.statusCode());
        assertEquals("The window must end after it starts", html(backwards).selectFirst("#appliesUntil-error").text());
    }

    @Test
    void a_fan_is_refused_the_pm_routes_and_a_visitor_is_sent_to_sign_in() {
        Fan bob = members.fan("bob");
        BetaProgram p = beta.program(2, 0, 0, null);
        assertEquals(403, as(bob, page()).get("/triage/beta").statusCode());
        assertEquals(403, as(bob, page()).get("/triage/beta/" + p.slug).statusCode());
        assertEquals(403, as(bob, form()).formParam("n", "1").post("/triage/beta/" + p.slug + "/top").statusCode());
        assertEquals(403, as(bob, form()).post("/triage/beta/" + p.slug + "/close").statusCode());
        assertEquals(0, fx.number("select count(*) from beta_program where id = ?1 and closed_at is not null", p.id));
        Response visitor = page().get("/triage/beta/" + p.slug);
        assertEquals(303, visitor.statusCode());
        assertTrue(location(visitor).startsWith("/login"));
    }

    @Test
    void forms_without_the_csrf_token_are_refused_and_store_nothing() {
        Fan bob = members.fan("bob");
        BetaProgram p = beta.program(2, 0, 0, null);
        Response forged = as(bob, page()).contentType("application/x-www-form-urlencoded").formParam("device", "Xiaomi 14")
                .post("/beta/" + p.slug + "/applications");
        assertEquals(400, forged.statusCode());
        assertEquals(0, fx.number("select count(*) from beta_application where program_id = ?1", p.id));
        Fan paula = members.pm("pm");
        assertEquals(400, as(paula, page()).contentType("application/x-www-form-urlencoded").post("/triage/beta/" + p.slug + "/close")
                .statusCode());
        assertEquals(0, fx.number("select count(*) from beta_program where id = ?1 and closed_at is not null", p.id));
    }

    // ---------------------------------------------------------------- Applying

    @Test
    void a_fan_applies_with_device_and_answer_and_sees_the_application_state() {
        Fan bob = members.fan("bob");
        BetaProgram p = beta.program(2, 0, 0, "Why you?");
        Response applied = apply(bob, p, "Xiaomi 14 Pro", "I report every day");
        assertEquals(303, applied.statusCode(), applied.asString());
        assertTrue(location(applied).startsWith("/beta/" + p.slug));
        assertEquals(List.of("APPLIED|Xiaomi 14 Pro|I report every day"), fx.texts(
                "select state || '|' || device || '|' || answer_1 from beta_application where program_id = ?1", p.id));
        Document page = html(as(bob, page()).get("/beta/" + p.slug).then().statusCode(200).extract().response());
        assertEquals("Applied", page.selectFirst("#application .beta-state").text());
        assertNull(page.selectFirst("form.beta-apply"), "no second form");
    }

    @Test
    void each_refusal_is_explained_beside_the_form_with_the_values_kept() {
        Fan bob = members.fan("bob");
        // Already applied.
        BetaProgram open = beta.program(2, 0, 0, null);
        assertEquals(303, apply(bob, open, "Xiaomi 14", null).statusCode());
        assertRefused(apply(bob, open, "Xiaomi 14", null), "You have already applied to this program", null);
        assertEquals(1, fx.number("select count(*) from beta_application where program_id = ?1", open.id));

        // The window has not opened yet, or has ended.
        Instant now = Instant.now();
        BetaProgram soon = beta.program(2, 0, 0, null, now.plus(Duration.ofDays(1)), now.plus(Duration.ofDays(2)));
        assertRefused(apply(bob, soon, "Redmi K70", null), "The application window is closed", "Redmi K70");
        BetaProgram ended = beta.program(2, 0, 0, null, now.minus(Duration.ofDays(2)), now.minus(Duration.ofDays(1)));
        assertRefused(apply(bob, ended, "Redmi K70", null), "The application window is closed", "Redmi K70");

        // The level is too low.
        BetaProgram demanding = beta.program(2, 0, 7, null);
        assertRefused(apply(bob, demanding, "Xiaomi 14", null), "This program takes members of level 7 and above", "Xiaomi 14");

        // The program is closed.
        BetaProgram closed = beta.program(2, 0, 0, null);
        fx.sql("update beta_program set closed_at = now() where id = ?1", closed.id);
        assertRefused(apply(bob, closed, "Xiaomi 14", null), "This program is closed", "Xiaomi 14");

        // A question left unanswered.
        BetaProgram asking = beta.program(2, 0, 0, "Why you?");
        Response unanswered = apply(bob, asking, "Xiaomi 14", "");
        assertEquals(400, unanswered.statusCode());
        assertNotNull(html(unanswered).selectFirst("#answer1-error"));

        // A silenced member.
        Fan quiet = members.fan("quiet");
        fx.sanction(quiet.member(), "SILENCE", Instant.now().plus(Duration.ofDays(3)), "spam");
        Response silenced = apply(quiet, open, "Xiaomi 14", null);
        assertEquals(403, silenced.statusCode(), "refused as a sanction is everywhere, with the reason on the form");
        assertTrue(html(silenced).selectFirst("#application .form-errors").text().startsWith("Members under a silence or ban cannot apply"));
        assertEquals("Xiaomi 14", html(silenced).selectFirst("input#device").val());

        assertEquals(0, fx.number("select count(*) from beta_application where program_id in (?1, ?2, ?3, ?4, ?5)",
                soon.id, ended.id, demanding.id, closed.id, asking.id));
    }

    // ---------------------------------------------------------------- The score

    @Test
    void the_console_explains_the_score_of_a_known_member_term_by_term() {
        Fan paula = members.pm("pm");
        Fan carol = members.fan("carol");
        beta.level(carol.id(), 4);
        Board board = fx.board();
        fx.suggestion(board, carol.member(), SuggestionKind.BUG, unique("crash"), "It crashes", Instant.now());
        long planned = fx.suggestion(board, carol.member(), SuggestionKind.BUG, unique("lag"), "Lags", Instant.now()).id;
        long shipped = fx.suggestion(board, carol.member(), SuggestionKind.BUG, unique("drain"), "Drains", Instant.now()).id;
        fx.suggestion(board, carol.member(), SuggestionKind.SUGGESTION, unique("idea"), "An idea", Instant.now());
        fx.status(planned, SuggestionStatus.PLANNED);
        fx.status(shipped, SuggestionStatus.SHIPPED);
        for (int i = 0; i < 2; i++) {
            long spam = fx.suggestion(board, fx.someone(), unique("spam")).id;
            fx.report(spam, null, carol.member());
        }
        fx.sql("update report set status = 'UPHELD' where reporter_id = ?1", carol.id());
        BetaProgram completed = beta.program(5, 0, 0, null);
        beta.application(completed, carol.id(), "ACCEPTED", "Xiaomi 13");
        fx.sql("update beta_application set completed_at = now() where program_id = ?1", completed.id);
        BetaProgram left = beta.program(5, 0, 0, null);
        beta.application(left, carol.id(), "REMOVED", "Xiaomi 13");
        BetaProgram declined = beta.program(5, 0, 0, null);
        beta.application(declined, carol.id(), "DECLINED", "Xiaomi 13");

        BetaProgram p = beta.program(2, 0, 0, null);
        long id = beta.application(p, carol.id(), "APPLIED", "Xiaomi 14");

        Document console = html(as(paula, page()).get("/triage/beta/" + p.slug).then().statusCode(200).extract().response());
        Element row = console.selectFirst("#application-" + id);
        // 4 × 3 + 3 × 1 + 2 × 5 + 2 × 1 + 2 × 2 + 1 × 4 + 1 × (−4) = 31
        assertEquals("31", row.selectFirst(".beta-score strong").text());
        assertEquals(List.of("Honour level 4 × 3 = 12", "Bug reports filed 3 × 1 = 3", "Bug reports planned or shipped 2 × 5 = 10",
                "Reports upheld 2 × 1 = 2", "Earlier programs accepted 2 × 2 = 4", "Earlier programs completed 1 × 4 = 4",
                "Earlier programs removed from 1 × -4 = -4"), row.select(".score-terms tr").eachText());
    }

    @Test
    void the_console_sorts_by_score_or_date_and_filters_by_device() {
        Fan paula = members.pm("pm");
        BetaProgram p = beta.program(5, 0, 0, null);
        Fan low = members.fan("low");
        Fan high = members.fan("high");
        beta.level(low.id(), 1);
        beta.level(high.id(), 6);
        long first = beta.application(p, low.id(), "APPLIED", "Redmi Note 13");
        long second = beta.application(p, high.id(), "APPLIED", "Xiaomi 14 Ultra");

        assertEquals(List.of("application-" + second, "application-" + first), ids(paula, "/triage/beta/" + p.slug));
        assertEquals(List.of("application-" + first, "application-" + second), ids(paula, "/triage/beta/" + p.slug + "?sort=date"));
        assertEquals(List.of("application-" + first), ids(paula, "/triage/beta/" + p.slug + "?device=redmi"));
    }

    // ---------------------------------------------------------------- Decisions

    @Test
    void accepting_the_top_n_takes_the_best_scores_waitlists_the_rest_and_tells_everyone() {
        Fan paula = members.pm("pm");
        BetaProgram p = beta.program(2, 0, 0, null);
        Fan a = members.fan("a");
        Fan b = members.fan("b");
        Fan c = members.fan("c");
        beta.level(a.id(), 5);
        beta.level(b.id(), 2);
        beta.level(c.id(), 4);
        for (Fan f : List.of(a, b, c)) {
            assertEquals(303, apply(f, p, "Xiaomi 14", null).statusCode());
        }

        Response top = as(paula, form()).formParam("n", "2").formParam("waitlistRest", "on").post("/triage/beta/" + p.slug + "/top");
        assertEquals(303, top.statusCode(), top.asString());

        assertEquals("ACCEPTED", state(p, a));
        assertEquals("ACCEPTED", state(p, c));
        assertEquals("WAITLISTED", state(p, b));
        assertEquals(2, fx.number("select accepted_count from beta_program where id = ?1", p.id));
        assertEquals(1, fx.number("select count(*) from member where id = ?1 and ?2 = any(beta_programs)", a.id(), p.id));
        assertEquals(0, fx.number("select count(*) from member where id = ?1 and ?2 = any(beta_programs)", b.id(), p.id));
        assertTrue(html(as(paula, page()).get(location(top)).then().extract().response()).selectFirst("#console-done").text()
                .contains("Accepted 2, waitlisted 1"));

        delivery.deliverPending();
        Document bell = html(as(b, page()).get("/me/notifications").then().statusCode(200).extract().response());
        assertTrue(bell.text().contains("Your application to the closed beta “" + "Program " + p.slug + "” is on the waitlist"),
                bell.text());
        assertTrue(html(as(a, page()).get("/me/notifications").then().extract().response()).text().contains("You are in"));
        assertEquals("/beta/" + p.slug, fx.text("""
                select '/beta/' || (e.payload ->> 'slug') from notification n join domain_event e on e.id = n.event_id
                where n.member_id = ?1 and n.kind = 'BETA_APPLICATION'""", b.id()));

        // The accepted tester's page links to the private board; the waitlisted fan's does not.
        assertNotNull(html(as(a, page()).get("/beta/" + p.slug).then().extract().response())
                .selectFirst("a[href=/boards/" + beta.boardSlug(p) + "]"));
        assertNull(html(as(b, page()).get("/beta/" + p.slug).then().extract().response())
                .selectFirst("a[href=/boards/" + beta.boardSlug(p) + "]"));
    }

    @Test
    void an_accept_past_the_quota_is_refused_with_a_message_and_changes_nothing() {
        Fan paula = members.pm("pm");
        BetaProgram p = beta.program(1, 0, 0, null);
        long first = beta.application(p, members.fan("first").id(), "APPLIED", "Xiaomi 14");
        long second = beta.application(p, members.fan("second").id(), "APPLIED", "Xiaomi 14");
        assertEquals(303, decide(paula, p, first, "ACCEPTED").statusCode());

        Response refused = decide(paula, p, second, "ACCEPTED");
        assertEquals(400, refused.statusCode());
        assertTrue(html(refused).selectFirst("#console-error").text().contains("All 1 places are taken"));
        assertEquals(1, fx.number("select accepted_count from beta_program where id = ?1", p.id));
        assertEquals(1, fx.number("select count(*) from beta_application where program_id = ?1 and state = 'ACCEPTED'", p.id));
        assertEquals(400, as(paula, form()).formParam("n", "1").post("/triage/beta/" + p.slug + "/top").statusCode());
    }

    @Test
    void waitlisting_and_declining_one_by_one_tell_the_applicant() {
        Fan paula = members.pm("pm");
        BetaProgram p = beta.program(3, 0, 0, null);
        Fan w = members.fan("w");
        Fan d = members.fan("d");
        long wid = beta.application(p, w.id(), "APPLIED", "Xiaomi 14");
        long did = beta.application(p, d.id(), "APPLIED", "Xiaomi 14");
        assertEquals(303, decide(paula, p, wid, "WAITLISTED").statusCode());
        assertEquals(303, decide(paula, p, did, "DECLINED").statusCode());
        assertEquals("WAITLISTED", state(p, w));
        assertEquals("DECLINED", state(p, d));
        assertEquals(1, fx.number("select count(*) from audit_entry where action = 'beta.declined' and target_id = ?1", did));
        delivery.deliverPending();
        assertTrue(html(as(d, page()).get("/me/notifications").then().extract().response()).text()
                .contains("was not accepted this time"));
        assertEquals("Not accepted", html(as(d, page()).get("/beta/" + p.slug).then().extract().response())
                .selectFirst("#application .beta-state").text());
    }

    @Test
    void removing_a_tester_revokes_access_and_gives_the_place_to_the_best_waitlisted_fan() {
        Fan paula = members.pm("pm");
        BetaProgram p = beta.program(1, 1, 0, null);
        Fan tester = members.fan("tester");
        Fan next = members.fan("next");
        Fan later = members.fan("later");
        beta.level(next.id(), 6);
        beta.level(later.id(), 2);
        long testerApp = beta.application(p, tester.id(), "ACCEPTED", "Xiaomi 14");
        beta.application(p, later.id(), "WAITLISTED", "Xiaomi 14");
        beta.application(p, next.id(), "WAITLISTED", "Xiaomi 14");

        Response removed = as(paula, form()).post("/triage/beta/" + p.slug + "/applications/" + testerApp + "/remove");
        assertEquals(303, removed.statusCode(), removed.asString());

        assertEquals("REMOVED", state(p, tester));
        assertEquals("ACCEPTED", state(p, next));
        assertEquals("WAITLISTED", state(p, later));
        assertEquals(1, fx.number("select accepted_count from beta_program where id = ?1", p.id));
        assertEquals(0, fx.number("select count(*) from member where id = ?1 and ?2 = any(beta_programs)", tester.id(), p.id));
        assertEquals(1, fx.number("select count(*) from member where id = ?1 and ?2 = any(beta_programs)", next.id(), p.id));
        delivery.deliverPending();
        assertTrue(html(as(tester, page()).get("/me/notifications").then().extract().response()).text()
                .contains("You were removed from the closed beta"));
        assertTrue(html(as(next, page()).get("/me/notifications").then().extract().response()).text().contains("You are in"));
    }

    @Test
    void the_console_flags_testers_behind_the_weekly_posts_and_removes_them_all_at_once() {
        Fan paula = members.pm("pm");
        BetaProgram p = beta.program(2, 1, 0, null);
        Fan active = members.fan("active");
        Fan idle = members.fan("idle");
        Fan waiting = members.fan("waiting");
        long activeApp = beta.application(p, active.id(), "ACCEPTED", "Xiaomi 14");
        long idleApp = beta.application(p, idle.id(), "ACCEPTED", "Xiaomi 14");
        beta.application(p, waiting.id(), "WAITLISTED", "Xiaomi 14");
        beta.acceptedAgo(activeApp, Duration.ofDays(8));
        beta.acceptedAgo(idleApp, Duration.ofDays(8));
        Board board = Board.findById(beta.boardId(p));
        fx.suggestion(board, active.member(), SuggestionKind.BUG, unique("found"), "Found it", Instant.now());

        Document console = html(as(paula, page()).get("/triage/beta/" + p.slug).then().statusCode(200).extract().response());
        assertNotNull(console.selectFirst("#application-" + idleApp + " .beta-behind"), "the idle tester is flagged");
        assertNull(console.selectFirst("#application-" + activeApp + " .beta-behind"));
        assertEquals("This week: 1 / 1", console.selectFirst("#application-" + activeApp + " .beta-participation").text());

        Response removed = as(paula, form()).post("/triage/beta/" + p.slug + "/remove-behind");
        assertEquals(303, removed.statusCode());
        assertEquals("REMOVED", state(p, idle));
        assertEquals("ACCEPTED", state(p, active));
        assertEquals("ACCEPTED", state(p, waiting));
        assertEquals(2, fx.number("select accepted_count from beta_program where id = ?1", p.id));
    }

    // ---------------------------------------------------------------- Closing and the build

    @Test
    void closing_archives_the_board_and_gives_the_staying_testers_the_medal_once() {
        Fan paula = members.pm("pm");
        Fan stayer = members.fan("stayer");
        Fan gone = members.fan("gone");
        BetaProgram p = beta.program(3, 0, 0, null);
        beta.application(p, stayer.id(), "ACCEPTED", "Xiaomi 14");
        beta.application(p, gone.id(), "REMOVED", "Xiaomi 14");

        assertEquals(303, as(paula, form()).post("/triage/beta/" + p.slug + "/close").statusCode());
        assertEquals(303, as(paula, form()).post("/triage/beta/" + p.slug + "/close").statusCode(), "closing again changes nothing");

        assertEquals(1, fx.number("select count(*) from board where program_id = ?1 and archived", p.id));
        assertEquals(1, fx.number("select count(*) from member_medal where member_id = ?1 and medal = 'BETA_TESTER'", stayer.id()));
        assertEquals(0, fx.number("select count(*) from member_medal where member_id = ?1 and medal = 'BETA_TESTER'", gone.id()));
        assertEquals(1, fx.number("select count(*) from beta_application where program_id = ?1 and completed_at is not null", p.id));
        assertEquals(1, fx.number("select count(*) from audit_entry where action = 'beta.close' and target_id = ?1", p.id));

        // A second program completed: still one medal.
        BetaProgram again = beta.program(3, 0, 0, null);
        beta.application(again, stayer.id(), "ACCEPTED", "Xiaomi 14");
        assertEquals(303, as(paula, form()).post("/triage/beta/" + again.slug + "/close").statusCode());
        assertEquals(1, fx.number("select count(*) from member_medal where member_id = ?1 and medal = 'BETA_TESTER'", stayer.id()));

        // The board is read-only: the tester cannot post on it.
        Response post = as(stayer, form()).formParam("kind", "BUG").formParam("title", unique("late")).formParam("body", "x")
                .formParam("deviceModel", "Xiaomi 14").formParam("systemVersion", "2.1").formParam("frequency", "OFTEN")
                .formParam("steps", "1").post("/boards/" + beta.boardSlug(p) + "/suggestions");
        assertTrue(post.statusCode() == 409 || post.statusCode() == 404, "posting on a closed program's board: " + post.statusCode());
        assertEquals(0, fx.number("select count(*) from suggestion where board_id = ?1", beta.boardId(p)));

        // The decisions are over.
        assertEquals(400, as(paula, form()).formParam("n", "1").post("/triage/beta/" + p.slug + "/top").statusCode());

        // The program stays on the tester's public profile, completed; the removal is not shown to others.
        Document profile = html(page().get("/members/" + stayer.id()).then().statusCode(200).extract().response());
        assertTrue(profile.select("#beta-programs a[href=/beta/" + p.slug + "]").size() == 1);
        assertEquals("Completed", profile.selectFirst("#beta-programs .beta-state").text());
        assertNull(html(page().get("/members/" + gone.id()).then().extract().response()).selectFirst("#beta-programs"));
    }

    @Test
    void making_the_build_public_clears_the_program_from_its_releases_once() {
        Fan paula = members.pm("pm");
        BetaProgram p = beta.program(3, 0, 0, null);
        long release = fx.number("""
                insert into release (version, channel, week, created_by_id, program_id)
                values (?1, 'DEV', '2026-W49', ?2, ?3) returning id""", unique("OS2.1.0."), paula.id(), p.id);

        assertEquals(303, as(paula, form()).post("/triage/beta/" + p.slug + "/build-public").statusCode());
        assertEquals(0, fx.number("select count(*) from release where id = ?1 and program_id is not null", release));
        assertEquals(1, fx.number("select count(*) from beta_program where id = ?1 and build_public_at is not null", p.id));
        assertEquals(1, fx.number("select count(*) from audit_entry where action = 'beta.build_public' and target_id = ?1", p.id));
        assertEquals(400, as(paula, form()).post("/triage/beta/" + p.slug + "/build-public").statusCode());
    }

    @Test
    void open_programs_show_on_the_home_page_card() {
        // The card shows the programs closing soonest: this one closes in two minutes.
        BetaProgram p = beta.program(3, 0, 0, null, Instant.now().minus(Duration.ofHours(1)), Instant.now().plus(Duration.ofMinutes(2)));
        // The home page is cached for visitors for a moment; a member's page is fresh.
        Document home = html(as(members.fan("home"), page()).get("/").then().statusCode(200).extract().response());
        assertNotNull(home.selectFirst("#beta-programs a[href=/beta/" + p.slug + "]"), "the card links the open program");
    }

    // ---------------------------------------------------------------- Helpers

    private Response apply(Fan fan, BetaProgram p, String device, String answer) {
        RequestSpecification request = as(fan, form()).formParam("device", device).formParam("systemVersion", "HyperOS 2.1");
        if (answer != null) {
            request.formParam("answer1", answer);
        }
        return request.post("/beta/" + p.slug + "/applications");
    }

    private Response decide(Fan pm, BetaProgram p, long application, String state) {
        return as(pm, form()).formParam("state", state).post("/triage/beta/" + p.slug + "/applications/" + application + "/decision");
    }

    private static void assertRefused(Response response, String message, String deviceKept) {
        assertEquals(400, response.statusCode(), response.asString());
        Document doc = html(response);
        assertTrue(doc.selectFirst("#application .form-errors").text().startsWith(message), doc.selectFirst("#application").text());
        if (deviceKept != null) {
            assertEquals(deviceKept, doc.selectFirst("input#device").val());
        }
    }

    private String state(BetaProgram p, Fan fan) {
        return fx.text("select state from beta_application where program_id = ?1 and member_id = ?2", p.id, fan.id());
    }

    private List<String> ids(Fan pm, String path) {
        return html(as(pm, page()).get(path).then().statusCode(200).extract().response()).select("li.beta-applicant").eachAttr("id");
    }

    private static RequestSpecification as(Fan fan, RequestSpecification request) {
        return request.auth().oauth2(fan.token());
    }
}
