package app.fanloop.honour;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.location;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/** Every points rule, its take-backs and give-backs, through the real pages; totals always equal the ledger. */
@QuarkusTest
class HonourPointsTest {

    @Inject
    Fixtures fx;

    @Inject
    HonourFixtures hf;

    @Inject
    ReleaseFixtures rf;

    @Inject
    HonourConfig config;

    @AfterEach
    void totals_equal_the_ledger() {
        hf.assertLedgerConsistent();
    }

    @Test
    @TestSecurity(user = "hon-poster", roles = "fan")
    void posting_earns_points_and_the_first_suggestion_medal_once() {
        Board board = fx.board();

        long first = post(board, unique("First idea"));
        long second = post(board, unique("Second idea"));

        Member poster = fx.member("hon-poster");
        assertEquals(2 * config.points().posted(), hf.points(poster));
        assertEquals(1, hf.rows(PointReason.POSTED, first));
        assertEquals(1, hf.rows(PointReason.POSTED, second));
        assertEquals(1, hf.medals(poster, Medal.FIRST_SUGGESTION));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void a_vote_from_another_member_earns_the_author_a_point() {
        Member author = fx.someone();
        Suggestion s = hf.posted(fx.board(), author, unique("Voted for"));

        vote(s, true);

        assertEquals(config.points().posted() + config.points().voteReceived(), hf.points(author));
        assertEquals(1, hf.rows(PointReason.VOTE_RECEIVED, voteId(s, "bob")));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void ones_own_vote_earns_nothing() {
        Member bob = fx.member("bob");
        Suggestion own = fx.suggestion(fx.board(), bob, unique("Bob's own"));
        int before = hf.points(bob);

        vote(own, true);

        assertEquals(before, hf.points(bob));
        assertEquals(0, hf.rows(PointReason.VOTE_RECEIVED, voteId(own, "bob")));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void a_withdrawn_vote_takes_its_point_back_and_a_new_vote_earns_it_again() {
        Member author = fx.someone();
        Suggestion s = hf.posted(fx.board(), author, unique("Changed mind"));
        vote(s, true);
        long firstVote = voteId(s, "bob");

        vote(s, false);

        assertEquals(config.points().posted(), hf.points(author));
        assertEquals("WITHDRAWN", hf.revokedCause(PointReason.VOTE_RECEIVED, firstVote));

        vote(s, true);

        assertEquals(config.points().posted() + config.points().voteReceived(), hf.points(author));
        assertNull(hf.revokedCause(PointReason.VOTE_RECEIVED, voteId(s, "bob")));
    }

    @Test
    @TestSecurity(user = "hon-commenter", roles = "fan")
    void a_comment_earns_its_author_points() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Discussed"));

        form().formParam("body", "I agree, and night mode too.").post("/suggestions/" + s.id + "/comments")
                .then().statusCode(303);

        Member commenter = fx.member("hon-commenter");
        assertEquals(config.points().commented(), hf.points(commenter));
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void an_official_response_is_staff_work_and_earns_nothing() {
        Member paula = fx.member("paula");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Answered"));
        int before = hf.points(paula);

        form().formParam("body", "Planned for May.").formParam("official", "true").post("/suggestions/" + s.id + "/comments")
                .then().statusCode(303);

        assertEquals(before, hf.points(paula));
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void adoption_earns_once_even_when_the_status_goes_back_and_forth() {
        Member author = fx.someone();
        Suggestion s = hf.posted(fx.board(), author, unique("Adopt me"));

        status(s, "PLANNED");
        status(s, "UNDER_REVIEW");
        status(s, "PLANNED");
        status(s, "IN_PROGRESS");

        assertEquals(config.points().posted() + config.points().adopted(), hf.points(author));
        assertEquals(1, hf.rows(PointReason.ADOPTED, s.id));
        assertEquals(1, hf.medals(author, Medal.FIRST_ADOPTED));
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void shipping_in_a_release_is_the_largest_honour_and_implies_adoption() {
        Member author = fx.someone();
        Suggestion s = hf.posted(fx.board(), author, unique("Ship me"));

        rf.publish(rf.draft(ReleaseChannel.DEV, unique("OS2.0"), null, s.id).id);

        assertEquals(config.points().posted() + config.points().adopted() + config.points().shipped(), hf.points(author));
        assertEquals(1, hf.medals(author, Medal.FIRST_SHIPPED));
        assertEquals(1, hf.medals(author, Medal.FIRST_ADOPTED));
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void hiding_a_suggestion_takes_its_points_back_and_restoring_gives_them_back() {
        Member author = fx.someone();
        Member voter = fx.someone();
        Member commenter = fx.someone();
        Suggestion s = hf.posted(fx.board(), author, unique("Hide me"));
        hf.voted(s, voter);
        Comment c = hf.commented(s, commenter);
        hf.reached(s.id, SuggestionStatus.PLANNED);
        int earned = config.points().posted() + config.points().voteReceived() + config.points().adopted();
        assertEquals(earned, hf.points(author));

        form().formParam("reason", "Spam").post("/admin/reports/suggestion/" + s.id + "/hide").then().statusCode(303);

        assertEquals(0, hf.points(author));
        assertEquals("HIDDEN", hf.revokedCause(PointReason.POSTED, s.id));
        assertEquals(config.points().commented(), hf.points(commenter), "a comment is not hidden with its suggestion");

        form().post("/admin/reports/suggestion/" + s.id + "/restore").then().statusCode(303);

        assertEquals(earned, hf.points(author));
        assertNull(hf.revokedCause(PointReason.COMMENTED, c.id));
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void a_hidden_comment_earns_nothing_until_restored() {
        Member commenter = fx.someone();
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Commented"));
        Comment c = hf.commented(s, commenter);

        form().formParam("reason", "Rude").post("/admin/reports/comment/" + c.id + "/hide").then().statusCode(303);
        assertEquals(0, hf.points(commenter));

        form().post("/admin/reports/comment/" + c.id + "/restore").then().statusCode(303);
        assertEquals(config.points().commented(), hf.points(commenter));
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void a_purged_suggestion_takes_back_its_points_and_its_comments_points_for_good() {
        Member author = fx.someone();
        Member commenter = fx.someone();
        Suggestion s = hf.posted(fx.board(), author, unique("Purge me"));
        hf.voted(s, fx.someone());
        Comment c = hf.commented(s, commenter);
        form().formParam("reason", "Spam").post("/admin/reports/suggestion/" + s.id + "/hide").then().statusCode(303);

        form().formParam("confirm", String.valueOf(s.id)).post("/admin/reports/suggestion/" + s.id + "/purge")
                .then().statusCode(303);

        assertEquals(0, hf.points(author));
        assertEquals(0, hf.points(commenter));
        assertEquals("PURGED", hf.revokedCause(PointReason.POSTED, s.id), "a hide's take-back becomes final");
        assertEquals("PURGED", hf.revokedCause(PointReason.COMMENTED, c.id));
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void a_purged_comment_takes_back_its_replies_points_too() {
        Member commenter = fx.someone();
        Member replier = fx.someone();
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Thread"));
        Comment c = hf.commented(s, commenter);
        hf.replied(s, c, replier);

        form().formParam("confirm", String.valueOf(c.id)).post("/admin/reports/comment/" + c.id + "/purge")
                .then().statusCode(303);

        assertEquals(0, hf.points(commenter));
        assertEquals(0, hf.points(replier));
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void an_upheld_report_earns_the_reporter_points_and_a_dismissed_one_nothing() {
        Member reporter = fx.someone();
        Member other = fx.someone();
        Suggestion upheld = fx.suggestion(fx.board(), fx.someone(), unique("Really spam"));
        Suggestion fine = fx.suggestion(fx.board(), fx.someone(), unique("Not spam"));
        fx.report(upheld.id, null, reporter);
        fx.report(fine.id, null, other);

        form().formParam("reason", "Spam").post("/admin/reports/suggestion/" + upheld.id + "/hide").then().statusCode(303);
        form().post("/admin/reports/suggestion/" + fine.id + "/dismiss").then().statusCode(303);

        assertEquals(config.points().reportUpheld(), hf.points(reporter));
        assertEquals(0, hf.points(other));

        form().post("/admin/reports/suggestion/" + upheld.id + "/restore").then().statusCode(303);
        assertEquals(config.points().reportUpheld(), hf.points(reporter), "the reporter was right when it was upheld");
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void votes_moved_by_a_merge_keep_their_points_with_the_author_they_were_cast_for() {
        Member dupAuthor = fx.someone();
        Member targetAuthor = fx.someone();
        Board board = fx.board();
        Suggestion duplicate = hf.posted(board, dupAuthor, unique("Duplicate"));
        Suggestion target = hf.posted(board, targetAuthor, unique("Target"));
        vote(duplicate, true);

        hf.merge(duplicate, target);

        int posted = config.points().posted();
        assertEquals(posted + config.points().voteReceived(), hf.points(dupAuthor));
        assertEquals(posted, hf.points(targetAuthor));

        vote(target, false);

        assertEquals(posted, hf.points(dupAuthor), "the moved vote's point goes back to where it came from");
        assertEquals(posted, hf.points(targetAuthor));
    }

    private long post(Board board, String title) {
        var response = form().formParam("kind", "SUGGESTION").formParam("title", title)
                .formParam("body", "Please add this, it would help every day.").post("/boards/" + board.slug + "/suggestions");
        assertEquals(303, response.statusCode(), response.asString());
        return Long.parseLong(location(response).replaceFirst("^/suggestions/(\\d+).*", "$1"));
    }

    private void vote(Suggestion s, boolean on) {
        form().formParam("on", String.valueOf(on)).post("/suggestions/" + s.id + "/vote").then().statusCode(303);
    }

    private void status(Suggestion s, String status) {
        form().formParam("status", status).formParam("note", "n").post("/suggestions/" + s.id + "/status")
                .then().statusCode(303);
    }

    private long voteId(Suggestion s, String subject) {
        return fx.number("select v.id from vote v join member m on m.id = v.member_id where v.cast_on_id = ?1 and m.subject = ?2",
                s.id, subject);
    }
}
