package app.fanloop.metrics;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.notification.EmailMode;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/**
 * The domain counters at /q/metrics move by exactly what members did through the app, and only for what committed;
 * the queue gauges show what the database holds after a refresh.
 */
@QuarkusTest
@TestSecurity(user = "bob", roles = "fan")
class DomainMetersTest {

    static final String IDEAS = "fanloop_suggestions_posted_total{kind=\"suggestion\"}";
    static final String BUGS = "fanloop_suggestions_posted_total{kind=\"bug\"}";
    static final String CAST = "fanloop_votes_cast_total";
    static final String WITHDRAWN = "fanloop_votes_withdrawn_total";
    static final String COMMENTS = "fanloop_comments_posted_total";
    static final String REPORTED_POSTS = "fanloop_reports_filed_total{target=\"suggestion\"}";
    static final String REPORTED_COMMENTS = "fanloop_reports_filed_total{target=\"comment\"}";
    static final String NOTIFICATIONS = "fanloop_notifications_created_total";

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Inject
    QueueGauges gauges;

    @AfterEach
    void noPoison() {
        PoisonedVotes.poisoned = null;
    }

    @Test
    void posting_voting_commenting_and_reporting_through_the_app_move_their_counters_by_exactly_that_much() {
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, fx.someone(), unique("Count on me"));
        Suggestion other = fx.suggestion(board, fx.someone(), unique("Count on me too"));
        Scrape before = Scrape.now();

        form().formParam("kind", "SUGGESTION").formParam("title", unique("Counted idea")).formParam("body", "An idea")
                .post("/boards/" + board.slug + "/suggestions").then().statusCode(303);
        form().formParam("kind", "BUG").formParam("title", unique("Counted bug")).formParam("body", "It goes wrong.")
                .formParam("deviceModel", "Xiaomi 14").formParam("systemVersion", "HyperOS 2.0")
                .formParam("frequency", "ALWAYS").formParam("steps", "1. Open it")
                .post("/boards/" + board.slug + "/suggestions").then().statusCode(303);
        vote(s, "true");
        vote(s, "true"); // already voted: nothing happens, nothing counts
        vote(s, "false");
        vote(other, "true");
        form().formParam("body", "Counted comment").post("/suggestions/" + s.id + "/comments").then().statusCode(303);
        form().formParam("body", "Another").post("/suggestions/" + other.id + "/comments").then().statusCode(303);
        form().formParam("reason", "SPAM").post("/suggestions/" + other.id + "/report").then().statusCode(303);
        form().formParam("reason", "SPAM").post("/suggestions/" + other.id + "/report").then().statusCode(409);

        Scrape after = Scrape.now();
        assertEquals(1, after.since(before, IDEAS));
        assertEquals(1, after.since(before, BUGS));
        assertEquals(2, after.since(before, CAST));
        assertEquals(1, after.since(before, WITHDRAWN));
        assertEquals(2, after.since(before, COMMENTS));
        assertEquals(1, after.since(before, REPORTED_POSTS), "the refused second report does not count");
        assertEquals(0, after.since(before, REPORTED_COMMENTS));
    }

    @Test
    void a_vote_that_rolls_back_counts_nothing() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Rolled back"));
        Suggestion fine = fx.suggestion(fx.board(), fx.someone(), unique("Committed"));
        Scrape before = Scrape.now();

        PoisonedVotes.poisoned = s.id;
        assertEquals(500, form().formParam("on", "true").post("/suggestions/" + s.id + "/vote").statusCode());
        assertEquals(0, fx.counter(s.id, "vote_count"), "the vote rolled back");
        assertEquals(0, Scrape.now().since(before, CAST), "a rolled-back vote is not counted");

        vote(fine, "true");
        assertEquals(1, Scrape.now().since(before, CAST), "the committed one is");
    }

    @Test
    void each_notification_written_by_the_delivery_job_counts_once() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Told to followers"));
        for (int i = 0; i < 3; i++) {
            fx.followAs(s.id, fx.someone());
        }
        rf.deliver();
        Scrape before = Scrape.now();

        rf.statusChanged(s, "PLANNED");
        rf.deliver(); // nothing left: counts nothing more

        long written = fx.number("select count(*) from notification where suggestion_id = ?1", s.id);
        assertTrue(written >= 3, "each follower is told: " + written);
        assertEquals(written, Scrape.now().since(before, NOTIFICATIONS));
    }

    @Test
    void the_gauges_show_the_mail_queue_and_the_webhook_backlog_as_counted_at_the_last_refresh() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Mail queue"));
        for (Member m : List.of(rf.withEmail("queued"), rf.withEmail("queued"))) {
            rf.emailMode(m, EmailMode.IMMEDIATE, "en");
            fx.followAs(s.id, m);
        }
        rf.statusChanged(s, "PLANNED");

        gauges.refresh();

        Scrape scrape = Scrape.now();
        long pending = fx.number("select count(*) from notification where mail_pending");
        assertTrue(pending >= 2, "two mails are owed: " + pending);
        assertEquals(pending, scrape.value("fanloop_mail_queue"));
        assertTrue(scrape.value("fanloop_mail_oldest_pending_seconds") >= 0);
        assertEquals(fx.number("select count(*) from webhook_delivery where status = 'PENDING'"),
                scrape.value("fanloop_webhook_backlog"));
        assertEquals(fx.number("select count(*) from mail_failure where resolved_at is null and gave_up_at is not null"),
                scrape.value("fanloop_mail_given_up"));
    }

    private static void vote(Suggestion s, String on) {
        form().formParam("on", on).post("/suggestions/" + s.id + "/vote").then().statusCode(303);
    }
}
