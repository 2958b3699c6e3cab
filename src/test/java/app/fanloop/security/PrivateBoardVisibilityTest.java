package app.fanloop.security;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.html;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.ProgramFixtures;
import app.fanloop.ProgramFixtures.Program;
import app.fanloop.board.Board;
import app.fanloop.member.DevTokens;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.Browser;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * A beta program's private board (内测, issue 20) and its posts are there only for the program's testers and staff,
 * on every surface: a visitor, a fan who does not test it and a removed tester get 404 and never a title; a tester,
 * a PM and an admin read it. Each reader signs in with a bearer token from the dev provider, so one test walks a
 * surface for all six.
 */
@QuarkusTest
class PrivateBoardVisibilityTest {

    @Inject
    Fixtures fx;

    @Inject
    ProgramFixtures programs;

    @Inject
    app.fanloop.release.ReleaseFixtures rf;

    @Inject
    app.fanloop.poll.PollFixtures polls;

    /** Someone reading the app: a visitor (no token) or a member with a token. */
    record Reader(String name, String token, Member member, boolean reads) {
        RequestSpecification request() {
            RequestSpecification r = given().header("Accept-Language", "en").redirects().follow(false);
            return token == null ? r : r.auth().oauth2(token);
        }

        RequestSpecification form() {
            RequestSpecification r = Browser.form();
            return token == null ? r : r.auth().oauth2(token);
        }

        Response get(String path) {
            return request().get(path);
        }

        /** 200 for who reads the program, 404 for everyone else. */
        int expected() {
            return reads ? 200 : 404;
        }
    }

    /** The six readers of one program: visitor, fan, removed tester, tester, PM, admin. */
    record Cast(Program program, Reader visitor, Reader fan, Reader removed, Reader tester, Reader pm, Reader admin) {
        List<Reader> all() {
            return List.of(visitor, fan, removed, tester, pm, admin);
        }

        List<Reader> members() {
            return List.of(fan, removed, tester, pm, admin);
        }
    }

    private Reader signedIn(String subject, boolean reads) {
        String token = DevTokens.accessToken(subject);
        given().auth().oauth2(token).get("/api/v1/me").then().statusCode(200);
        return new Reader(subject, token, fx.member(subject), reads);
    }

    private Cast cast() {
        Program program = programs.program();
        Reader fan = signedIn(unique("fan"), false);
        Reader removed = signedIn(unique("removed"), false);
        Reader tester = signedIn(unique("tester"), true);
        programs.grant(removed.member(), program);
        programs.grant(tester.member(), program);
        programs.revoke(removed.member(), program);
        return new Cast(program, new Reader("visitor", null, null, false), fan, removed, tester,
                signedIn("paula", true), signedIn("alice", true));
    }

    /** A bug report the tester files on the private board through the form, as a fan would. */
    private Suggestion reportBug(Cast cast, String title) {
        return reportBug(cast.tester(), cast.program(), title);
    }

    private Suggestion reportBug(Reader tester, Program program, String title) {
        Response created = tester.form().formParam("kind", "BUG").formParam("title", title)
                .formParam("body", "The camera crashes " + title).formParam("deviceModel", "Xiaomi 15")
                .formParam("systemVersion", "HyperOS 2.1").formParam("frequency", "OFTEN")
                .formParam("steps", "1. Open the camera").formParam("build", "OS2.0.241201.1.DEV")
                .post("/boards/" + program.slug() + "/suggestions");
        assertEquals(303, created.statusCode(), created.asString());
        long id = Long.parseLong(created.header("Location").replaceAll(".*/suggestions/(\\d+).*", "$1"));
        return Suggestion.findById(id);
    }

    @Test
    void a_post_filed_on_a_private_board_is_the_programs_and_carries_its_build() {
        Cast cast = cast();
        String title = unique("Camera crash on the beta");
        Suggestion s = reportBug(cast, title);

        assertEquals(cast.program().id(), s.programId, "program_id copied from the board");
        assertEquals("OS2.0.241201.1.DEV", s.build);
        Document page = html(cast.tester().get("/suggestions/" + s.id).then().statusCode(200).extract().response());
        assertEquals("OS2.0.241201.1.DEV", page.selectFirst("dd.build").text(), "the build on the page");
        assertEquals("OS2.0.241201.1.DEV",
                cast.tester().get("/api/v1/suggestions/" + s.id).then().statusCode(200).extract().path("bug.build"));
    }

    @Test
    void the_build_field_is_asked_only_on_a_program_board_and_required_there_for_bug_reports() {
        Cast cast = cast();
        Board open = fx.board();
        assertNotNull(html(cast.tester().get("/boards/" + cast.program().slug() + "/new?kind=BUG").then().statusCode(200)
                .extract().response()).selectFirst("input#build"));
        assertNull(html(cast.tester().get("/boards/" + open.slug + "/new?kind=BUG").then().statusCode(200)
                .extract().response()).selectFirst("input#build"));

        Response refused = cast.tester().form().formParam("kind", "BUG").formParam("title", unique("No build"))
                .formParam("body", "Crash").formParam("deviceModel", "Xiaomi 15").formParam("systemVersion", "HyperOS 2.1")
                .formParam("frequency", "OFTEN").formParam("steps", "1. Open")
                .post("/boards/" + cast.program().slug() + "/suggestions");
        assertEquals(400, refused.statusCode());
        assertNotNull(html(refused).selectFirst(".field.invalid input#build"), "the error beside the build field");
    }

    @Test
    void the_private_board_is_there_only_for_testers_and_staff() {
        Cast cast = cast();
        String slug = cast.program().slug();
        for (Reader r : cast.all()) {
            assertEquals(r.expected(), r.get("/boards/" + slug).statusCode(), r.name() + ": the board page");
            assertEquals(r.expected(), r.get("/api/v1/boards/" + slug).statusCode(), r.name() + ": the API's board");
            assertEquals(r.expected(), r.get("/api/v1/boards/" + slug + "/suggestions").statusCode(),
                    r.name() + ": the API's board list");
            if (r.reads()) {
                assertNotNull(html(r.get("/boards/" + slug).then().extract().response()).selectFirst(".notice.private-board"),
                        r.name() + ": told the board is the program's");
            }
            Document home = html(r.get("/").then().statusCode(200).extract().response());
            assertEquals(r.reads(), home.selectFirst("a[href=/boards/" + slug + "]") != null, r.name() + ": home's boards");
            List<String> listed = r.get("/api/v1/boards").then().statusCode(200).extract().path("items.slug");
            assertEquals(r.reads(), listed.contains(slug), r.name() + ": the API's boards");
        }
        for (Reader r : cast.members()) {
            assertEquals(r.expected(), r.get("/boards/" + slug + "/new").statusCode(), r.name() + ": the new-post form");
            Document other = html(r.get("/boards/" + fx.board().slug).then().statusCode(200).extract().response());
            assertEquals(r.reads(), other.selectFirst("a[href=/boards/" + slug + "]") != null,
                    r.name() + ": the board navigation");
        }
    }

    @Test
    void a_program_post_and_its_comments_are_read_by_testers_and_staff_only() {
        Cast cast = cast();
        String title = unique("Private crash");
        Suggestion s = reportBug(cast, title);
        cast.tester().form().formParam("body", "Same here on the beta").post("/suggestions/" + s.id + "/comments")
                .then().statusCode(303);
        Comment c = Comment.find("suggestion.id", s.id).firstResult();
        assertEquals(cast.program().id(), c.programId, "a comment inherits its post's program");

        for (Reader r : cast.all()) {
            Response page = r.get("/suggestions/" + s.id);
            assertEquals(r.expected(), page.statusCode(), r.name() + ": the suggestion page");
            assertEquals(r.reads(), page.asString().contains(title), r.name());
            assertEquals(r.expected(), r.get("/api/v1/suggestions/" + s.id).statusCode(), r.name() + ": the API");
            assertEquals(r.expected(), r.get("/api/v1/suggestions/" + s.id + "/comments").statusCode(),
                    r.name() + ": the API's comments");
            Response board = r.get("/boards/" + cast.program().slug());
            assertEquals(r.reads(), board.asString().contains(title), r.name() + ": the board list");
        }
    }

    @Test
    void only_testers_and_staff_act_on_a_program_post() {
        Cast cast = cast();
        Suggestion s = reportBug(cast, unique("Act on me"));
        Comment c = fx.comment(s.id, cast.tester().member(), null, "A tester's comment", false);
        for (Reader r : List.of(cast.fan(), cast.removed())) {
            assertEquals(404, r.form().post("/suggestions/" + s.id + "/vote").statusCode(), r.name() + ": vote");
            assertEquals(404, r.form().post("/suggestions/" + s.id + "/follow").statusCode(), r.name() + ": follow");
            assertEquals(404, r.form().formParam("body", "Let me in").post("/suggestions/" + s.id + "/comments")
                    .statusCode(), r.name() + ": comment");
            assertEquals(404, r.form().formParam("reason", "SPAM").post("/suggestions/" + s.id + "/report").statusCode(),
                    r.name() + ": report");
            assertEquals(404, r.form().formParam("reason", "SPAM").post("/comments/" + c.id + "/report").statusCode(),
                    r.name() + ": report a comment");
            assertEquals(404, r.form().formParam("kind", "SUGGESTION").formParam("title", unique("Sneaked in"))
                    .formParam("body", "Hello").post("/boards/" + cast.program().slug() + "/suggestions").statusCode(),
                    r.name() + ": post on the board");
            assertEquals(404, r.form().post("/boards/" + cast.program().slug() + "/follow").statusCode(),
                    r.name() + ": follow the board");
            assertEquals(404, r.request().put("/api/v1/boards/" + cast.program().slug() + "/follow").statusCode(),
                    r.name() + ": follow the board by the API");
            assertEquals(404, r.request().put("/api/v1/suggestions/" + s.id + "/vote").statusCode(),
                    r.name() + ": vote by the API");
        }
        assertEquals(0, fx.number("select count(*) from vote where suggestion_id = ?1", s.id));
        cast.pm().form().post("/suggestions/" + s.id + "/vote").then().statusCode(303);
        cast.tester().form().post("/boards/" + cast.program().slug() + "/follow").then().statusCode(303);
        assertEquals(1, fx.number("select count(*) from vote where suggestion_id = ?1", s.id));
    }

    @Test
    void moving_a_post_onto_a_private_board_makes_it_and_its_comments_the_programs_and_back() {
        Cast cast = cast();
        Board open = fx.board();
        String title = unique("Moved into the beta");
        Suggestion s = fx.suggestion(open, fx.someone(), title);
        fx.comment(s.id, fx.someone(), null, "A public comment", false);

        cast.admin().form().formParam("board", cast.program().board().id)
                .post("/admin/reports/suggestion/" + s.id + "/move").then().statusCode(303);

        assertEquals(cast.program().id(), fx.number("select program_id from suggestion where id = ?1", s.id));
        assertEquals(0, fx.number("select count(*) from comment where suggestion_id = ?1 and program_id is null", s.id));
        assertEquals(404, cast.fan().get("/suggestions/" + s.id).statusCode());
        assertEquals(404, cast.visitor().get("/suggestions/" + s.id).statusCode());
        assertEquals(200, cast.tester().get("/suggestions/" + s.id).statusCode());

        cast.admin().form().formParam("board", open.id).post("/admin/reports/suggestion/" + s.id + "/move").then()
                .statusCode(303);
        assertEquals(0, fx.number("select count(*) from suggestion where id = ?1 and program_id is not null", s.id));
        assertEquals(0, fx.number("select count(*) from comment where suggestion_id = ?1 and program_id is not null", s.id));
        assertEquals(200, cast.visitor().get("/suggestions/" + s.id).statusCode());
    }

    @Test
    void a_merge_across_a_programs_line_is_refused() {
        Cast cast = cast();
        Suggestion inside = fx.suggestion(cast.program().board(), cast.tester().member(), unique("Inside"));
        Suggestion outside = fx.suggestion(fx.board(), fx.someone(), unique("Outside"));

        assertEquals(400, cast.pm().form().formParam("target", outside.id).post("/suggestions/" + inside.id + "/merge")
                .statusCode(), "a program post into a public one");
        assertEquals(400, cast.pm().form().formParam("target", inside.id).post("/suggestions/" + outside.id + "/merge")
                .statusCode(), "a public post into a program one");
        assertEquals(0, fx.number("select count(*) from suggestion where id in (?1, ?2) and merged_into_id is not null",
                inside.id, outside.id));

        Suggestion twin = fx.suggestion(cast.program().board(), cast.tester().member(), unique("Inside twin"));
        cast.pm().form().formParam("target", inside.id).post("/suggestions/" + twin.id + "/merge").then().statusCode(303);
    }

    /** A word nobody else wrote, for search: letters only, so the analyzer keeps it whole. */
    private static String word() {
        StringBuilder w = new StringBuilder("quokka");
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            w.append((char) ('a' + r.nextInt(26)));
        }
        return w.toString();
    }

    @Test
    void search_results_and_similar_hints_find_a_program_post_only_for_who_reads_it() {
        Cast cast = cast();
        String word = word();
        String title = "Crash " + word;
        Suggestion s = reportBug(cast, title);
        for (Reader r : cast.all()) {
            assertEquals(r.reads(), html(r.get("/search?q=" + word).then().statusCode(200).extract().response())
                    .selectFirst("a[href=/suggestions/" + s.id + "]") != null, r.name() + ": the search page");
            List<Integer> hits = r.get("/api/v1/search?q=" + word).then().statusCode(200).extract().path("items.suggestion.id");
            assertEquals(r.reads(), hits != null && hits.contains((int) (long) s.id), r.name() + ": the API's search " + hits);
            assertEquals(r.reads(), r.get("/search/similar?title=" + word).then().statusCode(200).extract().asString()
                    .contains("/suggestions/" + s.id + "\""), r.name() + ": the similar-suggestion hints");
            List<Integer> hinted = r.get("/api/v1/suggestions/similar?title=" + word).then().statusCode(200).extract()
                    .path("items.suggestion.id");
            assertEquals(r.reads(), hinted != null && hinted.contains((int) (long) s.id), r.name() + ": the API's hints");
            Document page = html(r.get("/search?q=" + word).then().extract().response());
            assertEquals(r.reads(), page.selectFirst("option[value=" + cast.program().slug() + "]") != null,
                    r.name() + ": the board filter");
        }
    }

    @Test
    void a_testers_profile_lists_program_posts_only_to_who_reads_them() {
        Cast cast = cast();
        String title = unique("Profile crash");
        reportBug(cast, title);
        long tester = cast.tester().member().id;
        for (Reader r : cast.all()) {
            assertEquals(r.reads(), r.get("/members/" + tester).then().statusCode(200).extract().asString().contains(title),
                    r.name() + ": the profile page");
            assertEquals(r.reads(), r.get("/api/v1/members/" + tester).then().statusCode(200).extract().asString()
                    .contains(title), r.name() + ": the API's profile");
        }
    }

    @Test
    void a_removed_tester_loses_even_their_own_posts_and_their_history() {
        Cast cast = cast();
        Suggestion own = fx.suggestion(cast.program().board(), cast.removed().member(), unique("Written while a tester"));
        fx.revision(own.id, cast.removed().member(), "The first title", "The first body");

        assertEquals(404, cast.removed().get("/suggestions/" + own.id).statusCode());
        assertEquals(404, cast.removed().get("/suggestions/" + own.id + "/revisions").statusCode());
        assertFalse(cast.removed().get("/members/" + cast.removed().member().id).asString().contains(own.title));
        assertEquals(404, cast.tester().get("/suggestions/" + own.id + "/revisions").statusCode(), "not theirs: no history");
        assertEquals(200, cast.admin().get("/suggestions/" + own.id + "/revisions").statusCode());
    }

    @Test
    void files_of_a_program_post_are_fetched_only_by_who_reads_it_and_never_kept_by_shared_caches() {
        Cast cast = cast();
        String title = unique("Screenshot of the crash");
        Response created = Browser.multipart().auth().oauth2(cast.tester().token()).multiPart("kind", "SUGGESTION")
                .multiPart("title", title).multiPart("body", "See the picture")
                .multiPart("file", "crash.png", app.fanloop.attachment.DrawnPictures.png(320, 200), "image/png")
                .post("/boards/" + cast.program().slug() + "/suggestions");
        assertEquals(303, created.statusCode(), created.asString());
        long file = fx.number("select a.id from attachment a join suggestion s on s.id = a.suggestion_id where s.title = ?1",
                title);
        for (Reader r : cast.all()) {
            Response got = r.get("/files/" + file);
            assertEquals(r.expected(), got.statusCode(), r.name() + ": the file");
            if (r.reads()) {
                assertTrue(got.header("Cache-Control").contains("private"), got.header("Cache-Control"));
            }
        }
    }

    @Test
    void a_poll_on_a_program_post_takes_ballots_only_from_who_reads_it() {
        Cast cast = cast();
        Suggestion s = reportBug(cast, unique("Which fix first"));
        List<Long> options = polls.poll(s.id, false, false, null, "Camera", "Battery");
        for (Reader r : List.of(cast.fan(), cast.removed())) {
            assertEquals(404, r.form().formParam("option", options.get(0)).post("/suggestions/" + s.id + "/poll/ballot")
                    .statusCode(), r.name());
            assertEquals(404, r.get("/api/v1/suggestions/" + s.id + "/poll").statusCode(), r.name());
        }
        assertEquals(404, cast.visitor().get("/api/v1/suggestions/" + s.id + "/poll").statusCode());
        cast.tester().form().formParam("option", options.get(0)).post("/suggestions/" + s.id + "/poll/ballot").then()
                .statusCode(303);
        assertEquals(1, polls.ballotRows(s.id));
    }

    @Test
    void notifications_about_a_program_post_reach_only_who_reads_it() {
        Cast cast = cast();
        Suggestion s = reportBug(cast, unique("Followed crash"));
        for (Reader r : cast.members()) {
            fx.sql("insert into suggestion_follow (suggestion_id, member_id) values (?1, ?2) on conflict do nothing", s.id,
                    r.member().id);
        }
        // paula moves it on: its followers are told, the PM being the actor is not.
        rf.statusChanged(s, "UNDER_REVIEW");

        for (Reader r : List.of(cast.fan(), cast.removed(), cast.tester(), cast.admin())) {
            assertEquals(r.reads(), !rf.kinds(r.member(), s.id).isEmpty(), r.name() + ": notified");
            assertEquals(r.reads(), r.get("/me/notifications").then().statusCode(200).extract().asString()
                    .contains(s.title), r.name() + ": the list");
            List<Object> items = r.get("/api/v1/me/notifications").then().statusCode(200).extract().path("items");
            assertEquals(r.reads(), !items.isEmpty() && r.get("/api/v1/me/notifications").asString().contains(s.title),
                    r.name() + ": the API's notifications");
        }

        // Removed after being told: the notification leaves the list (it comes back if they are accepted again).
        programs.revoke(cast.tester().member(), cast.program());
        assertFalse(cast.tester().get("/me/notifications").asString().contains(s.title));
        assertFalse(cast.tester().get("/api/v1/me/notifications").asString().contains(s.title));
    }

    @Test
    void a_release_written_for_a_program_is_read_and_told_only_to_its_testers_and_staff() {
        Cast cast = cast();
        String version = unique("OS3.0.BETA");
        app.fanloop.release.Release release = rf.draft(app.fanloop.release.ReleaseChannel.DEV, version, null);
        fx.sql("update release set program_id = ?1 where id = ?2", cast.program().id(), release.id);
        for (Reader r : cast.members()) {
            rf.followChannel(r.member(), app.fanloop.release.ReleaseChannel.DEV);
        }
        rf.publish(release.id);
        rf.deliver();
        // Other tests leave releases published at later (clock-shifted) times: make this one the newest for home.
        fx.sql("update release set published_at = (select max(published_at) from release) + interval '1 second' where id = ?1",
                release.id);

        for (Reader r : cast.all()) {
            assertEquals(r.expected(), r.get("/releases/" + release.id).statusCode(), r.name() + ": the release page");
            assertEquals(r.expected(), r.get("/api/v1/releases/" + release.id).statusCode(), r.name() + ": the API");
            assertEquals(r.reads(), r.get("/releases").asString().contains(version), r.name() + ": /releases");
            assertEquals(r.reads(), r.get("/api/v1/releases").asString().contains(version), r.name() + ": the API's list");
            assertEquals(r.reads(), r.get("/releases.atom").asString().contains(version), r.name() + ": the feed");
            assertEquals(r.reads(), r.get("/").asString().contains(version), r.name() + ": home's latest release");
        }
        for (Reader r : List.of(cast.fan(), cast.removed(), cast.tester(), cast.admin())) {
            // paula published it: the actor is not told.
            assertEquals(r.reads(), rf.releaseNotifications(release.id).stream()
                    .anyMatch(n -> n.startsWith(r.member().id + ":")), r.name() + ": told of the release");
        }

        // The program's build goes public (the beta program's action): everyone reads the notes.
        fx.sql("update release set program_id = null where id = ?1", release.id);
        assertEquals(200, cast.visitor().get("/releases/" + release.id).statusCode());
        assertTrue(cast.visitor().get("/releases.atom").asString().contains(version));
    }

    @Test
    void site_wide_lists_show_public_posts_only_even_to_testers_and_staff() {
        Cast cast = cast();
        String title = unique("Trending in the beta");
        Suggestion s = reportBug(cast, title);
        fx.topTrending(s.id);
        Suggestion shipped = fx.suggestion(cast.program().board(), cast.tester().member(), unique("Shipped in the beta"));
        fx.status(shipped.id, app.fanloop.suggestion.SuggestionStatus.SHIPPED);
        for (Reader r : cast.all()) {
            String home = r.get("/").then().statusCode(200).extract().asString();
            assertFalse(home.contains(title), r.name() + ": home's trending");
            assertFalse(home.contains(shipped.title), r.name() + ": recently shipped");
            assertFalse(r.get("/honours").asString().contains(shipped.title), r.name() + ": the honour wall");
        }
    }

    @Test
    void the_release_editor_offers_the_beta_programs_and_keeps_the_choice() {
        Cast cast = cast();
        String version = unique("OS3.1.BETA");
        Document form = html(cast.pm().get("/triage/releases/new").then().statusCode(200).extract().response());
        assertNotNull(form.selectFirst("select#program option[value=" + cast.program().id() + "]"));

        Response created = cast.pm().form().formParam("version", version).formParam("channel", "DEV")
                .formParam("week", "2026-W49").formParam("summary", "For testers").formParam("program", cast.program().id())
                .post("/triage/releases");
        assertEquals(303, created.statusCode(), created.asString());
        assertEquals(cast.program().id(), fx.number("select program_id from release where version = ?1", version));
    }

    @Test
    void board_followers_hear_of_new_program_posts_only_while_they_read_the_program() {
        Cast cast = cast();
        for (Reader r : List.of(cast.removed(), cast.tester(), cast.admin())) {
            // The removed tester followed the board while a tester.
            rf.followBoard(r.member(), cast.program().board().id);
        }
        Reader poster = signedIn(unique("poster"), true);
        programs.grant(poster.member(), cast.program());
        Suggestion s = reportBug(poster, cast.program(), unique("New on the beta board"));
        rf.deliver();

        assertTrue(rf.kinds(cast.removed().member(), s.id).isEmpty(), "a removed tester is not told");
        assertFalse(rf.kinds(cast.tester().member(), s.id).isEmpty(), "a tester is told");
        assertFalse(rf.kinds(cast.admin().member(), s.id).isEmpty(), "staff are told");
    }
}
