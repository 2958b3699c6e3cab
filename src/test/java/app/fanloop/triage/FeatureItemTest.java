package app.fanloop.triage;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.Waits;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

@QuarkusTest
@TestSecurity(user = "paula", roles = "pm")
class FeatureItemTest {

    @Inject
    Fixtures fx;

    @Inject
    DataSource dataSource;

    @Test
    void the_bulk_bars_feature_button_posts_and_goes_on_without_the_token_in_the_url() {
        Board board = fx.board();
        Suggestion a = fx.suggestion(board, fx.someone(), unique("Bar A"));
        Suggestion b = fx.suggestion(board, fx.someone(), unique("Bar B"));

        Document console = html(page().get("/triage").then().statusCode(200).extract().response());
        var button = console.selectFirst("#bulk button[name=then][value=feature]");
        assertTrue(button != null && button.attr("formmethod").isEmpty(), "the button posts its form");

        var next = form().formParam("ids", a.id).formParam("ids", b.id).formParam("then", "feature")
                .formParam("status", "PLANNED").post("/triage/bulk");
        assertEquals(303, next.statusCode());
        assertEquals("/triage/features/new?ids=" + a.id + "&ids=" + b.id, location(next));
        assertEquals("OPEN", fx.text("select status from suggestion where id = ?1", a.id), "no status was set");
    }

    @Test
    void pm_creates_a_feature_item_from_selected_suggestions_with_distinct_demand() {
        Board board = fx.board();
        Suggestion a = fx.suggestion(board, fx.someone(), unique("Dark mode A"));
        Suggestion b = fx.suggestion(board, fx.someone(), unique("Dark mode B"));
        Member both = fx.someone();
        fx.voteAs(a.id, both);
        fx.voteAs(b.id, both);
        fx.voteAs(a.id, fx.someone());
        fx.voteAs(b.id, fx.someone());

        Document prefilled = html(page().queryParam("ids", a.id).queryParam("ids", b.id).get("/triage/features/new")
                .then().statusCode(200).extract().response());
        assertEquals(2, prefilled.select("input[name=ids]").size());

        var created = form().formParam("title", unique("Dark mode")).formParam("priority", "1")
                .formParam("ids", a.id).formParam("ids", b.id).post("/triage/features");
        assertEquals(303, created.statusCode());
        long item = Long.parseLong(location(created).replaceAll("\\D+", ""));

        assertEquals(3, fx.number("select demand from feature_item where id = ?1", item), "three distinct voters");
        assertEquals("UNDER_REVIEW", fx.text("select status from suggestion where id = ?1", a.id), "linking triages it");
        Document show = html(page().get("/triage/features/" + item).then().statusCode(200).extract().response());
        assertTrue(show.select("#linked").text().contains(a.title));
        assertTrue(show.select("#linked").text().contains(b.title));

        // A new voter (paula herself) raises demand; her second vote on the same item does not.
        form().formParam("on", "true").post("/suggestions/" + a.id + "/vote").then().statusCode(303);
        assertEquals(4, fx.number("select demand from feature_item where id = ?1", item));
        form().formParam("on", "true").post("/suggestions/" + b.id + "/vote").then().statusCode(303);
        assertEquals(4, fx.number("select demand from feature_item where id = ?1", item));
        form().formParam("on", "false").post("/suggestions/" + a.id + "/vote").then().statusCode(303);
        assertEquals(4, fx.number("select demand from feature_item where id = ?1", item), "still voted on b");
        form().formParam("on", "false").post("/suggestions/" + b.id + "/vote").then().statusCode(303);
        assertEquals(3, fx.number("select demand from feature_item where id = ?1", item));
    }

    @Test
    void status_changes_move_every_linked_suggestion_with_a_timeline_entry_and_one_event_each() {
        Board board = fx.board();
        Suggestion a = fx.suggestion(board, fx.someone(), unique("A"));
        Suggestion b = fx.suggestion(board, fx.someone(), unique("B"));
        fx.voteAs(a.id, fx.someone());
        long item = fx.featureItem(unique("Item"), a.id, b.id);
        long eventsBefore = fx.number("select count(*) from domain_event");

        form().formParam("status", "PLANNED").post("/triage/features/" + item + "/status").then().statusCode(303);
        assertEquals("PLANNED", fx.text("select status from suggestion where id = ?1", a.id));
        assertEquals("PLANNED", fx.text("select status from suggestion where id = ?1", b.id));
        assertEquals(1, fx.number("select count(*) from status_change where suggestion_id = ?1 and to_status = 'PLANNED'"
                + " and event = 'FEATURE' and feature_item_id = ?2", a.id, item));
        // One event for the item and one per suggestion that moved.
        assertEquals(eventsBefore + 3, fx.number("select count(*) from domain_event"));

        form().formParam("status", "IN_PROGRESS").post("/triage/features/" + item + "/status").then().statusCode(303);
        assertEquals("IN_PROGRESS", fx.text("select status from suggestion where id = ?1", b.id));

        form().formParam("status", "CANCELLED").formParam("reason", "Not this year").post("/triage/features/" + item + "/status")
                .then().statusCode(303);
        assertEquals("DECLINED", fx.text("select status from suggestion where id = ?1", a.id));
        assertEquals("Not this year", fx.text(
                "select note from status_change where suggestion_id = ?1 and to_status = 'DECLINED'", a.id));
        Document page = html(page().get("/suggestions/" + a.id).then().extract().response());
        assertTrue(page.text().contains("Not this year"), "fans see why");
    }

    @Test
    void a_failed_change_records_no_event_and_changes_nothing() {
        Suggestion a = fx.suggestion(fx.board(), fx.someone(), unique("A"));
        long item = fx.featureItem(unique("Item"), a.id);
        long eventsBefore = fx.number("select count(*) from domain_event");

        var refused = form().formParam("status", "CANCELLED").post("/triage/features/" + item + "/status");
        assertEquals(400, refused.statusCode());
        assertTrue(html(refused).select(".error-text").text().contains("reason"));
        assertEquals(400, form().formParam("status", "SHIPPED").post("/triage/features/" + item + "/status").statusCode());

        assertEquals("BACKLOG", fx.text("select status from feature_item where id = ?1", item));
        assertEquals("UNDER_REVIEW", fx.text("select status from suggestion where id = ?1", a.id));
        assertEquals(eventsBefore, fx.number("select count(*) from domain_event"));
    }

    @Test
    void link_and_unlink_keep_demand_exact_and_a_suggestion_has_one_item() {
        Board board = fx.board();
        Suggestion a = fx.suggestion(board, fx.someone(), unique("A"));
        Suggestion b = fx.suggestion(board, fx.someone(), unique("B"));
        fx.voteAs(b.id, fx.someone());
        fx.voteAs(b.id, fx.someone());
        long item = fx.featureItem(unique("Item"), a.id);
        long other = fx.featureItem(unique("Other"));

        form().formParam("suggestionId", b.id).post("/triage/features/" + item + "/link").then().statusCode(303);
        assertEquals(2, fx.number("select demand from feature_item where id = ?1", item));
        assertEquals(400, form().formParam("suggestionId", b.id).post("/triage/features/" + other + "/link").statusCode());

        form().formParam("suggestionId", b.id).post("/triage/features/" + item + "/unlink").then().statusCode(303);
        assertEquals(0, fx.number("select demand from feature_item where id = ?1", item));
        assertEquals(0, fx.number("select count(*) from suggestion where id = ?1 and feature_item_id is not null", b.id));
        assertEquals(1, fx.number("select count(*) from domain_event where kind = 'FEATURE_ITEM_UNLINKED' and suggestion_id = ?1",
                b.id));
    }

    @Test
    void the_list_sorts_by_demand_priority_and_status() {
        Board board = fx.board();
        Suggestion popular = fx.suggestion(board, fx.someone(), unique("Popular"));
        fx.votes(popular.id, 5, java.time.Instant.now());
        String tag = unique("sort");
        long low = fx.featureItem(tag + " low");
        long high = fx.featureItem(tag + " high", popular.id);
        form().formParam("title", tag + " low").formParam("priority", "0").post("/triage/features/" + low).then().statusCode(303);

        String byDemand = html(page().get("/triage/features?sort=demand").then().statusCode(200).extract().response())
                .select(".row-title").text();
        assertTrue(byDemand.indexOf(tag + " high") < byDemand.indexOf(tag + " low"));
        String byPriority = html(page().get("/triage/features?sort=priority").then().statusCode(200).extract().response())
                .select(".row-title").text();
        assertTrue(byPriority.indexOf(tag + " low") < byPriority.indexOf(tag + " high"));
        page().get("/triage/features?sort=status&status=BACKLOG").then().statusCode(200);
        assertTrue(high > 0);
    }

    /**
     * A vote locks its suggestion, then its feature item (the demand). A status change must take them in the same
     * order: it took the item first, and a vote on one of the item's suggestions at that moment deadlocked with it.
     */
    @Test
    void a_status_change_locks_the_suggestions_before_their_feature_item_as_a_vote_does() throws Exception {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Voted while planned"));
        long item = fx.featureItem(unique("Planned while voted"), s.id);
        ExecutorService pm = Executors.newSingleThreadExecutor();
        try (Connection vote = dataSource.getConnection(); Statement sql = vote.createStatement()) {
            vote.setAutoCommit(false);
            sql.execute("select id from suggestion where id = " + s.id + " for no key update");
            long votePid;
            try (ResultSet rs = sql.executeQuery("select pg_backend_pid()")) {
                rs.next();
                votePid = rs.getLong(1);
            }
            Future<Integer> change = pm.submit(() -> form().formParam("status", "PLANNED")
                    .post("/triage/features/" + item + "/status").then().extract().statusCode());
            Waits.until(() -> fx.number("select count(*) from pg_stat_activity where ?1 = any(pg_blocking_pids(pid))",
                    votePid) > 0, "the status change waits for the suggestion the vote holds");
            // The vote goes on to the item's demand: the status change must not be holding the item meanwhile.
            sql.execute("set local lock_timeout = '5s'");
            sql.execute("select id from feature_item where id = " + item + " for no key update");
            vote.commit();
            assertEquals(303, change.get(30, TimeUnit.SECONDS), "the status change went through once the vote was done");
        } finally {
            pm.shutdown();
        }
        assertEquals("PLANNED", fx.text("select status from feature_item where id = ?1", item));
        assertEquals("PLANNED", fx.text("select status from suggestion where id = ?1", s.id));
    }
}
