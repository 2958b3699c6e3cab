package app.fanloop.web;

import static app.fanloop.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;


import org.hibernate.SessionFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.DevTokens;
import app.fanloop.member.Member;
import app.fanloop.member.Role;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * Members share the copy of a public page too, with their own parts filled in: their votes, follows,
 * name and unread count. Nobody ever sees another member's parts; staff, sanctioned members, authors of
 * what is on the page and members with hidden posts get their own rendering; a change shows at once to
 * the member who made it.
 */
@QuarkusTest
@TestProfile(PageCacheOn.class)
class MemberPagesTest {

    @Inject
    Fixtures fx;

    @Inject
    app.fanloop.ProgramFixtures programs;

    @Inject
    SessionFactory sessions;

    @Inject
    app.fanloop.release.ReleaseFixtures rf;

    /** A member signed in with a bearer token, as the dev provider issues one; the member row exists. */
    private record Fan(String subject, String token, Member member) {
        RequestSpecification request() {
            return given().auth().oauth2(token).header("Accept-Language", "en").redirects().follow(false);
        }

        Response get(String path) {
            Response response = request().get(path);
            assertEquals(200, response.statusCode(), path);
            return response;
        }
    }

    private Fan fan(String prefix) {
        String subject = unique(prefix);
        String token = DevTokens.accessToken(subject);
        given().auth().oauth2(token).get("/me").then().statusCode(200);
        return new Fan(subject, token, fx.member(subject));
    }

    private static String cache(Response response) {
        return response.header(PageCache.STATUS_HEADER);
    }

    private static boolean voted(Document page, Suggestion s) {
        return page.selectFirst("#vote-" + s.id + " button.vote.voted[aria-pressed=true]") != null;
    }

    private static String votes(Document page, Suggestion s) {
        return page.selectFirst("#vote-" + s.id + " .count").text();
    }

    @Test
    void two_members_and_a_visitor_on_the_same_page_each_see_only_their_own_parts() {
        Board board = fx.board();
        Suggestion one = fx.suggestion(board, fx.someone(), unique("One"));
        Suggestion two = fx.suggestion(board, fx.someone(), unique("Two"));
        Fan first = fan("first");
        Fan second = fan("second");
        fx.voteAs(one.id, first.member());
        fx.voteAs(two.id, second.member());
        String path = "/boards/" + board.slug;

        Response rendered = first.get(path);
        assertEquals("miss", cache(rendered), "the first member's rendering becomes the members' copy");
        Response shared = second.get(path);
        assertEquals("hit", cache(shared));

        Document mine = Jsoup.parse(rendered.asString());
        Document theirs = Jsoup.parse(shared.asString());
        assertTrue(voted(mine, one) && !voted(mine, two));
        assertTrue(voted(theirs, two) && !voted(theirs, one), "the copy carries the second member's votes, not the first's");
        assertTrue(theirs.selectFirst(".account .author").text().contains(name(second)));
        assertFalse(shared.asString().contains(name(first)), "nothing of the member it was rendered for");
        assertNotNull(theirs.selectFirst("form[action$=/follow] button[aria-pressed=false]"), "not following the board");

        String visitor = given().header("Accept-Language", "en").get(path).asString();
        assertFalse(visitor.contains(name(first)) || visitor.contains(name(second)));
        assertNull(Jsoup.parse(visitor).selectFirst("button.vote"), "visitors are asked to sign in to vote");
        assertFalse(shared.asString().contains("\u0000") || rendered.asString().contains("\u0000"));
    }

    @Test
    void the_unread_count_and_the_board_follow_are_each_members_own() {
        Board board = fx.board();
        Suggestion followed = fx.suggestion(board, fx.someone(), unique("Row"));
        Fan reader = fan("reader");
        Fan follower = fan("follower");
        fx.sql("insert into board_follow (board_id, member_id) values (?1, ?2)", board.id, follower.member().id);
        fx.followAs(followed.id, follower.member());
        rf.statusChanged(followed, "PLANNED");
        String path = "/boards/" + board.slug;
        Document readers = Jsoup.parse(reader.get(path).asString());
        assertNull(readers.selectFirst(".bell .bell-count"), "the reader has nothing unread");
        assertNotNull(readers.selectFirst("form[action$=/follow] button[aria-pressed=false]"));
        Response copy = follower.get(path);
        assertEquals("hit", cache(copy));
        Document page = Jsoup.parse(copy.asString());
        assertNotNull(page.selectFirst("form[action$=/follow] button[aria-pressed=true]"), "following, from the copy");
        assertEquals("1", page.selectFirst(".bell .bell-count").text(), "their own unread count, from the copy");
        assertTrue(page.selectFirst(".bell").attr("aria-label").endsWith("(1)"));
    }

    @Test
    void staff_never_get_the_members_copy_and_keep_their_controls() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Staff view"));
        Fan fan = fan("fan");
        Fan pm = fan("pm");
        fx.grant(pm.member(), Role.PM);
        String path = "/suggestions/" + s.id;
        fan.get(path);
        assertEquals("hit", cache(fan(("other")).get(path)));
        Response staff = pm.get(path);
        assertNotEquals("hit", cache(staff));
        assertNotNull(Jsoup.parse(staff.asString()).selectFirst("#merge-target"), "the staff's merge form");
        assertNull(Jsoup.parse(fan.get(path).asString()).selectFirst("#merge-target"), "and no fan's copy has it");
    }

    @Test
    void an_author_of_what_is_on_the_page_gets_their_own_edit_links_and_others_their_report_links() {
        Fan author = fan("author");
        Fan reader = fan("reader");
        Suggestion s = fx.suggestion(fx.board(), author.member(), unique("Mine"));
        fx.comment(s.id, author.member(), null, "my own comment", false);
        String path = "/suggestions/" + s.id;
        Response theirs = reader.get(path);
        assertEquals("miss", cache(theirs));
        Document readerPage = Jsoup.parse(theirs.asString());
        assertNull(readerPage.selectFirst("a[href=/suggestions/" + s.id + "/edit]"));
        assertNotNull(readerPage.selectFirst("a[href=" + s.reportPath() + "]"), "others may report it");

        Response own = author.get(path);
        assertNotEquals("hit", cache(own), "the page compares its reader with the author: the author's is their own");
        Document authorPage = Jsoup.parse(own.asString());
        assertNotNull(authorPage.selectFirst("a[href=/suggestions/" + s.id + "/edit]"));
        assertNull(authorPage.selectFirst("a[href=" + s.reportPath() + "]"), "nobody reports their own post");
        assertEquals("hit", cache(fan("third").get(path)), "the author's page was not kept for others");
    }

    @Test
    void a_bug_reports_log_is_on_its_authors_page_and_never_in_the_copy_shared_with_other_members() {
        Fan author = fan("logger");
        Suggestion s = fx.suggestion(fx.board(), author.member(), app.fanloop.suggestion.SuggestionKind.BUG,
                unique("Crash"), "It crashes", java.time.Instant.now());
        fx.sql("""
                insert into attachment (kind, owner_id, suggestion_id, content_type, file_name, byte_size, sha256, blob_key,
                  created_at, attached_at)
                values ('LOG', ?1, ?2, 'text/plain; charset=UTF-8', 'private.log', 10, 'x', gen_random_uuid()::text, now(), now())""",
                author.member().id, s.id);
        fx.sql("update suggestion set log_count = 1 where id = ?1", s.id);
        String path = "/suggestions/" + s.id;
        String link = ".log-files a[href^=/files/]";

        Document authorFirst = Jsoup.parse(author.get(path).asString());
        assertNotNull(authorFirst.selectFirst(link), "the author sees their log");
        Response other = fan("reader").get(path);
        assertNotEquals("hit", cache(other), "the author's rendering was not kept for others");
        assertNull(Jsoup.parse(other.asString()).selectFirst(link));
        Response third = fan("third").get(path);
        assertEquals("hit", cache(third));
        assertNull(Jsoup.parse(third.asString()).selectFirst(link), "the shared copy has no log");
        Response authorAgain = author.get(path);
        assertNotEquals("hit", cache(authorAgain));
        assertNotNull(Jsoup.parse(authorAgain.asString()).selectFirst(link), "and the author still gets theirs");
    }

    @Test
    void a_member_with_a_hidden_comment_sees_it_where_others_get_the_copy_with_the_placeholder() {
        Fan hider = fan("hider");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Thread"));
        var comment = fx.comment(s.id, hider.member(), null, "said in haste", false);
        fx.hideComment(comment.id);
        String path = "/suggestions/" + s.id;
        assertFalse(fan("reader").get(path).asString().contains("said in haste"));
        Response own = hider.get(path);
        assertNotEquals("hit", cache(own));
        assertTrue(own.asString().contains("said in haste"), "the author reads their hidden comment");
        Response again = fan("third").get(path);
        assertEquals("hit", cache(again));
        assertFalse(again.asString().contains("said in haste"), "the hider's rendering was not kept");
    }

    @Test
    void a_member_with_a_hidden_post_anywhere_gets_their_own_pages() {
        Fan hider = fan("hider");
        fx.hide(fx.suggestion(fx.board(), hider.member(), unique("Elsewhere")).id);
        Board board = fx.board();
        fx.suggestion(board, fx.someone(), unique("Row"));
        String path = "/boards/" + board.slug;
        fan("reader").get(path);
        assertNotEquals("hit", cache(hider.get(path)), "the guard (web/PersonalFacts) singles them out");
        assertEquals("hit", cache(fan("other").get(path)));
    }

    @Test
    void right_after_voting_without_javascript_the_member_sees_their_vote_and_the_new_count() {
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, fx.someone(), unique("Vote me"));
        Fan voter = fan("voter");
        String path = "/boards/" + board.slug;
        assertEquals("0", votes(Jsoup.parse(voter.get(path).asString()), s));
        assertEquals("hit", cache(voter.get(path)));

        Browser.Csrf csrf = Browser.csrf();
        Response vote = voter.request().cookie(Browser.CSRF_COOKIE, csrf.cookie()).contentType(Browser.FORM)
                .formParam(Browser.CSRF_FIELD, csrf.token()).formParam("on", "true").formParam("to", path)
                .post("/suggestions/" + s.id + "/vote");
        assertEquals(303, vote.statusCode());
        String fresh = vote.getCookie(PageCache.FRESH_COOKIE);
        assertNotNull(fresh, "a change marks the member's next pages as their own for a moment");

        Response after = voter.request().cookie(PageCache.FRESH_COOKIE, fresh).get(path);
        assertNotEquals("hit", cache(after));
        Document page = Jsoup.parse(after.asString());
        assertTrue(voted(page, s));
        assertEquals("1", votes(page, s), "the count with their vote");
        Document copy = Jsoup.parse(voter.get(path).asString());
        assertTrue(voted(copy, s), "even from the older copy, their vote shows at once");
    }

    @Test
    void a_missing_page_for_a_member_has_their_parts_filled_in_like_any_other() {
        Fan fan = fan("lost");
        Response missing = fan.request().get("/suggestions/0");
        assertEquals(404, missing.statusCode());
        assertFalse(missing.asString().contains("\u0000"), "no slot mark reaches the reader");
        assertTrue(Jsoup.parse(missing.asString()).selectFirst(".account .author").text().contains(name(fan)));
    }

    @Test
    void a_sanctioned_member_gets_their_own_page_with_the_notice() {
        Board board = fx.board();
        fx.suggestion(board, fx.someone(), unique("Row"));
        Fan silenced = fan("silenced");
        String path = "/boards/" + board.slug;
        fan("reader").get(path);
        fx.sanction(silenced.member(), "SILENCE", java.time.Instant.now().plusSeconds(3600), "cool down");
        Response own = silenced.get(path);
        assertNotEquals("hit", cache(own));
        assertNotNull(Jsoup.parse(own.asString()).selectFirst(".sanction-notice"));
    }

    @Test
    void a_shared_page_costs_a_member_the_same_statements_whatever_its_rows() {
        Fan reader = fan("reader");
        Fan counted = fan("counted");
        Board small = fx.board();
        fx.suggestion(small, fx.someone(), unique("Only"));
        Board big = fx.board();
        for (int i = 0; i < 12; i++) {
            Suggestion s = fx.suggestion(big, fx.someone(), unique("Row" + i));
            if (i % 2 == 0) {
                fx.voteAs(s.id, counted.member());
            }
        }
        reader.get("/boards/" + small.slug);
        reader.get("/boards/" + big.slug);
        counted.get("/me");
        long smallCost = statements(() -> assertEquals("hit", cache(counted.get("/boards/" + small.slug))));
        long bigCost = statements(() -> assertEquals("hit", cache(counted.get("/boards/" + big.slug))));
        assertEquals(smallCost, bigCost, "one statement for every slot of the page, however many rows");
        assertTrue(bigCost <= 4, "signing in and the page's facts: " + bigCost);
    }

    private long statements(Runnable request) {
        var statistics = sessions.getStatistics();
        statistics.clear();
        request.run();
        return statistics.getPrepareStatementCount();
    }

    @Test
    void the_header_shows_each_members_own_picture_on_the_shared_copy() {
        Fan pictured = fan("pictured");
        Response uploaded = Browser.multipart().auth().oauth2(pictured.token())
                .multiPart("avatar", "me.png", app.fanloop.attachment.DrawnPictures.png(120, 90), "image/png")
                .post("/me/avatar");
        assertEquals(303, uploaded.statusCode(), uploaded.asString());
        String avatar = "/files/" + fx.text("select avatar_id from member where id = ?1", pictured.member().id);
        Fan plain = fan("plain");

        // The member without a picture renders the copy; the one with a picture gets it, with their picture.
        String first = "/boards/" + fx.board().slug;
        assertEquals("miss", cache(plain.get(first)));
        Response copy = pictured.get(first);
        assertEquals("hit", cache(copy));
        assertEquals(avatar, Jsoup.parse(copy.asString()).selectFirst(".account .author img.avatar").attr("src"));

        // And the other way round: the copy made for the pictured member shows the other their initials.
        String second = "/boards/" + fx.board().slug;
        assertEquals("miss", cache(pictured.get(second)));
        Response theirs = plain.get(second);
        assertEquals("hit", cache(theirs));
        Document page = Jsoup.parse(theirs.asString());
        assertNull(page.selectFirst(".account .author img"));
        assertEquals(name(plain).substring(0, 1).toUpperCase(), page.selectFirst(".account .author span.avatar").text());
        assertFalse(theirs.asString().contains(avatar), "nothing of the member the copy was made for");
    }

    private static String name(Fan fan) {
        return Character.toUpperCase(fan.subject().charAt(0)) + fan.subject().substring(1);
    }

    @Test
    void a_testers_copy_of_a_page_is_never_served_to_a_member_who_does_not_read_the_program() {
        app.fanloop.ProgramFixtures.Program program = programs.program();
        String title = unique("Beta only");
        Suggestion post = fx.suggestion(program.board(), fx.someone(), title);
        Fan tester = fan("tester");
        Fan other = fan("other");
        programs.grant(tester.member(), program);
        String board = "/boards/" + program.slug();
        String suggestion = "/suggestions/" + post.id;

        for (String path : java.util.List.of(board, suggestion, "/")) {
            tester.get(path);
            Response again = tester.get(path);
            assertEquals("hit", cache(again), path + ": the tester's copy is kept for readers of the same programs");
        }
        assertTrue(tester.get("/").asString().contains("href=\"" + board + "\""), "the tester's navigation");

        assertEquals(404, other.request().get(board).statusCode(), "never the tester's copy of the private board");
        assertEquals(404, other.request().get(suggestion).statusCode(), "never the tester's copy of the post");
        Response home = other.get("/");
        assertFalse(home.asString().contains("href=\"" + board + "\""), "never the tester's navigation");
        assertEquals(404, given().header("Accept-Language", "en").get(board).statusCode(), "nor a visitor");
    }
}
