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
        Response created = cast.tester().form().formParam("kind", "BUG").formParam("title", title)
                .formParam("body", "The camera crashes " + title).formParam("deviceModel", "Xiaomi 15")
                .formParam("systemVersion", "HyperOS 2.1").formParam("frequency", "OFTEN")
                .formParam("steps", "1. Open the camera").formParam("build", "OS2.0.241201.1.DEV")
                .post("/boards/" + cast.program().slug() + "/suggestions");
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
}
