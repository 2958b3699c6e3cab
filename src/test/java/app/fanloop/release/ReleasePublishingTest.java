package app.fanloop.release;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
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
@TestSecurity(user = "paula", roles = "pm")
class ReleasePublishingTest {

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Inject
    ReleasePublisher publisher;

    @Inject
    SiteClock clock;

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void the_scheduler_publishes_a_due_release_once_and_a_second_run_changes_nothing() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Scheduled ship"));
        Release release = rf.draft(ReleaseChannel.DEV, unique("OS-friday"), null, s.id);
        String at = ReleaseEditingTest.LOCAL.format(Instant.now().plus(Duration.ofHours(2)).atZone(ReleaseEditingTest.SITE));
        form().formParam("scheduledAt", at).post(release.schedulePath()).then().statusCode(303);

        publisher.publishDue();
        assertEquals("SCHEDULED", state(release), "not due yet");
        assertEquals("OPEN", status(s));

        clock.advance(Duration.ofHours(3));
        assertTrue(publisher.publishDue() >= 1);
        assertEquals("PUBLISHED", state(release));
        assertEquals("SHIPPED", status(s));
        long events = fx.number("select count(*) from domain_event");
        long changes = fx.number("select count(*) from status_change where suggestion_id = ?1", s.id);

        assertEquals(0, publisher.publishDue(), "a second run finds nothing due");
        assertEquals(events, fx.number("select count(*) from domain_event"));
        assertEquals(changes, fx.number("select count(*) from status_change where suggestion_id = ?1", s.id));
        assertEquals(1, fx.number("select count(*) from domain_event where kind = 'RELEASE_PUBLISHED' and release_id = ?1",
                release.id));
    }

    @Test
    void drafts_and_unscheduled_releases_are_not_published_by_the_scheduler() {
        Release draft = rf.draft(ReleaseChannel.DEV, unique("OS-draft"), null);
        Release unscheduled = rf.draft(ReleaseChannel.DEV, unique("OS-unscheduled"), null);
        rf.schedule(unscheduled.id, Instant.now().plus(Duration.ofHours(1)));
        form().post(unscheduled.unschedulePath()).then().statusCode(303);

        clock.advance(Duration.ofDays(30));
        publisher.publishDue();

        assertEquals("DRAFT", state(draft));
        assertEquals("DRAFT", state(unscheduled));
    }

    @Test
    void publishing_ships_the_items_and_their_suggestions_and_credits_the_authors() {
        Board board = fx.board();
        Member ada = fx.member(unique("Ada"));
        Member bo = fx.member(unique("Bo"));
        Member cy = fx.member(unique("Cy"));
        Suggestion a = fx.suggestion(board, ada, unique("Dark mode by sunset"));
        Suggestion b = fx.suggestion(board, bo, unique("Dark mode schedule"));
        Suggestion direct = fx.suggestion(board, cy, unique("Fix the widget"));
        long item = fx.featureItem(unique("Dark mode"), a.id, b.id);
        Release release = rf.draft(ReleaseChannel.DEV, unique("OS2.0.400"), item);
        rf.line(release.id, ReleaseSection.FIXED, "Widgets keep their settings", null, direct.id);

        Response published = form().post(release.publishPath());
        assertEquals(303, published.statusCode());
        assertEquals(release.path(), location(published));

        assertEquals("SHIPPED", fx.text("select status from feature_item where id = ?1", item));
        for (Suggestion s : List.of(a, b, direct)) {
            assertEquals("SHIPPED", status(s));
            assertEquals(release.id, fx.number("select shipped_release_id from suggestion where id = ?1", s.id));
            assertEquals(1, fx.number("select count(*) from status_change where suggestion_id = ?1 and event = 'RELEASE'"
                    + " and to_status = 'SHIPPED' and release_id = ?2", s.id, release.id), "a timeline entry");
        }

        Document page = html(page().get(release.path()).then().statusCode(200).extract().response());
        assertTrue(page.select(".preview-notice").isEmpty());
        Element credits = page.selectFirst("#credits");
        assertEquals("Suggested by fans", credits.selectFirst("h2").text());
        for (Member author : List.of(ada, bo, cy)) {
            assertNotNull(credits.selectFirst("a.author[href=/members/" + author.id + "]"), author.name + " is credited");
        }
        assertTrue(credits.text().contains(direct.title));

        Document suggestion = html(page().get("/suggestions/" + a.id).then().statusCode(200).extract().response());
        Element shippedIn = suggestion.selectFirst(".shipped-in a");
        assertEquals(release.path(), shippedIn.attr("href"));
        assertEquals(release.version, shippedIn.text());
        assertTrue(suggestion.select("#timeline").text().contains("shipped it in " + release.version));
    }

    @Test
    void a_second_publish_is_refused_and_changes_nothing() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Once"));
        Release release = rf.draft(ReleaseChannel.STABLE, unique("OS-once"), null, s.id);
        form().post(release.publishPath()).then().statusCode(303);
        long events = fx.number("select count(*) from domain_event");
        long changes = fx.number("select count(*) from status_change");
        String publishedAt = fx.text("select published_at::text from release where id = ?1", release.id);

        assertEquals(409, form().post(release.publishPath()).statusCode());
        assertEquals(409, form().formParam("section", "NEW").formParam("text", "late").post(release.itemsPath()).statusCode(),
                "published lines are frozen");

        assertEquals(events, fx.number("select count(*) from domain_event"));
        assertEquals(changes, fx.number("select count(*) from status_change"));
        assertEquals(publishedAt, fx.text("select published_at::text from release where id = ?1", release.id));
    }

    @Test
    void merged_suggestions_are_not_shipped_and_a_suggestion_ships_only_in_its_first_release() {
        Board board = fx.board();
        Suggestion keep = fx.suggestion(board, fx.someone(), unique("Keep"));
        Suggestion duplicate = fx.suggestion(board, fx.someone(), unique("Duplicate"));
        form().formParam("target", keep.id).post("/suggestions/" + duplicate.id + "/merge").then().statusCode(303);
        Release dev = rf.draft(ReleaseChannel.DEV, unique("OS-dev"), null, keep.id, duplicate.id);
        rf.publish(dev.id);
        assertEquals("MERGED", status(duplicate));
        assertEquals(0, fx.number("select count(*) from release_suggestion where suggestion_id = ?1", duplicate.id));

        Release stable = rf.draft(ReleaseChannel.STABLE, unique("OS-stable"), null, keep.id);
        List<Long> shipped = rf.publish(stable.id);
        assertEquals(List.of(), shipped, "already shipped by the dev release");
        assertEquals(dev.id, fx.number("select shipped_release_id from suggestion where id = ?1", keep.id));
        assertEquals(1, fx.number("select count(*) from release_suggestion where release_id = ?1", stable.id),
                "still credited on the stable release");
    }

    @Test
    void two_nodes_running_the_publisher_at_once_publish_each_release_once() throws Exception {
        List<Release> due = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            Release r = rf.draft(ReleaseChannel.DEV, unique("OS-race"), null, fx.suggestion(fx.board(), fx.someone(),
                    unique("Race")).id);
            rf.schedule(r.id, Instant.now().minusSeconds(60));
            due.add(r);
        }
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> run = publisher::publishDue;
            List<Future<Integer>> runs = nodes.invokeAll(List.of(run, run));
            int published = runs.get(0).get() + runs.get(1).get();
            assertTrue(published >= due.size(), "every due release was published by one of them");
        } finally {
            nodes.shutdown();
        }
        for (Release r : due) {
            assertEquals("PUBLISHED", state(r));
            assertEquals(1, fx.number("select count(*) from domain_event where kind = 'RELEASE_PUBLISHED' and release_id = ?1",
                    r.id), "published once");
        }
    }

    @Inject
    javax.sql.DataSource dataSource;

    /**
     * A vote locks its suggestion, then its feature item (the demand). Publishing must take them in the same order:
     * it took the item first, and a vote on one of the item's suggestions at that moment deadlocked with it (found by
     * bench/cluster.sh: one of the two transactions failed).
     */
    @Test
    void publishing_locks_the_suggestions_before_their_feature_item_as_a_vote_does() throws Exception {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Voted while shipping"));
        long item = fx.featureItem(unique("Shipping while voted"), s.id);
        Release release = rf.draft(ReleaseChannel.DEV, unique("OS-locks"), item);
        rf.schedule(release.id, Instant.now().minusSeconds(60));
        ExecutorService node = Executors.newSingleThreadExecutor();
        try (java.sql.Connection vote = dataSource.getConnection()) {
            vote.setAutoCommit(false);
            vote.createStatement().execute("select id from suggestion where id = " + s.id + " for no key update");
            Future<Integer> publishing = node.submit(publisher::publishDue);
            app.fanloop.Waits.until(() -> fx.number("""
                    select count(*) from pg_stat_activity where wait_event_type = 'Lock' and query like '%from suggestion%'
                      and pid <> pg_backend_pid() and datname = current_database()""") > 0, "the publisher waits for the suggestion the vote holds");
            // The vote goes on to the item's demand: the publisher must not be holding the item meanwhile.
            vote.createStatement().execute("set local lock_timeout = '5s'");
            vote.createStatement().execute("select id from feature_item where id = " + item + " for no key update");
            vote.commit();
            assertTrue(publishing.get() >= 1, "published once the vote was done");
        } finally {
            node.shutdown();
        }
        assertEquals("PUBLISHED", state(release));
        assertEquals("SHIPPED", status(s));
    }

    private String state(Release release) {
        return fx.text("select state from release where id = ?1", release.id);
    }

    private String status(Suggestion s) {
        return fx.text("select status from suggestion where id = ?1", s.id);
    }
}
