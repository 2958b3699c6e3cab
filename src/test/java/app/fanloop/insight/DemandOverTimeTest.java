package app.fanloop.insight;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.page;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.DevTokens;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.SiteClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Demand over time on /triage/insights: per site-zone day, the members who became voters of a feature item (their
 * first vote on any of its suggestions, cast through the vote button) and those who withdrew their last vote.
 * Members act with access tokens from the development sign-in server, so one test acts as several of them.
 */
@QuarkusTest
class DemandOverTimeTest {

    @Inject
    Fixtures fx;
    @Inject
    SiteClock clock;
    @Inject
    InsightService insights;
    @Inject
    InsightJobs jobs;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void new_voters_per_site_day_count_each_member_once_per_item_from_midnight_in_the_site_zone() {
        Board board = fx.board();
        Suggestion first = fx.suggestion(board, fx.someone(), unique("Night mode A"));
        Suggestion second = fx.suggestion(board, fx.someone(), unique("Night mode B"));
        Suggestion earlier = fx.suggestion(board, fx.someone(), unique("Night mode C"));
        // Voters long before the range, so that the item is among the five most wanted the page shows.
        fx.votes(earlier.id, 1100, InsightDaysTest.LATE);
        String title = unique("Night mode");
        long item = fx.featureItem(title, first.id, second.id, earlier.id);
        String bob = unique("bob");
        String chen = unique("chen");

        // Day 1, 23:30 in the site's zone: bob's first vote on the item.
        LocalDate day1 = insights.today().plusDays(4000);
        at(day1.atTime(23, 30).atZone(insights.zone()));
        vote(bob, first.id, true);
        // Day 2, 00:30: chen's first vote (new), and bob's second (not new: he already votes for the item).
        at(day1.plusDays(1).atTime(0, 30).atZone(insights.zone()));
        vote(chen, second.id, true);
        vote(bob, second.id, true);
        // Day 3: chen withdraws his only vote on the item; bob withdraws one of his two (still a voter).
        at(day1.plusDays(2).atTime(12, 0).atZone(insights.zone()));
        vote(chen, second.id, false);
        vote(bob, first.id, false);

        assertEquals(1101, fx.number("select demand from feature_item where id = ?1", item));
        String range = "from=" + day1 + "&to=" + day1.plusDays(2) + "&by=day";
        String csv = page().auth().oauth2(DevTokens.accessToken("paula")).get("/triage/insights/feature-trends.csv?" + range)
                .then().statusCode(200).extract().asString().replace("\r\n", "\n");
        assertTrue(csv.startsWith("feature_item_id,title,period_start,new_voters,voters_lost\n"), csv);
        assertTrue(csv.contains(item + "," + title + "," + day1 + ",1,0\n"), csv);
        assertTrue(csv.contains(item + "," + title + "," + day1.plusDays(1) + ",1,0\n"), csv);
        assertTrue(csv.contains(item + "," + title + "," + day1.plusDays(2) + ",0,1\n"), csv);

        Document html = Jsoup.parse(page().auth().oauth2(DevTokens.accessToken("paula")).get("/triage/insights?" + range)
                .then().statusCode(200).body(containsString("id=\"feature-trends-periods\"")).extract().asString());
        int column = html.select("#feature-trends-periods thead th").eachText().indexOf(title);
        assertTrue(column > 0, html.select("#feature-trends-periods thead").text());
        var rows = html.select("#feature-trends-periods tbody tr");
        assertEquals(3, rows.size());
        assertEquals(day1.toString(), rows.get(0).child(0).text());
        assertEquals("1", cell(rows.get(0), column));
        assertEquals("1", cell(rows.get(1), column));
        assertEquals("0 (−1)", cell(rows.get(2), column));
        Element summary = html.select("#feature-trends-table tr:contains(" + title + ")").first();
        assertEquals("2", summary.child(2).text(), "new voters in the range");
        assertEquals("1", summary.child(3).text(), "voters lost in the range");
    }

    @Test
    void the_backfill_rebuilds_an_items_days_from_its_votes() {
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, fx.someone(), unique("Backfilled"));
        fx.votes(s.id, 3, InsightDaysTest.LATE); // 23:30 on 10 November, site time
        fx.votes(s.id, 2, InsightDaysTest.EARLY); // 00:30 on 11 November
        long item = fx.featureItem(unique("Backfilled item"), s.id);
        fx.sql("delete from feature_demand_day where feature_item_id = ?1", item);
        fx.sql("update feature_demand_backfill set after_id = ?1 - 1, done_at = null where id = 1", item);

        jobs.runBackfill();

        assertEquals(3, fx.number("select gained from feature_demand_day where feature_item_id = ?1 and day = date '2026-11-10'", item));
        assertEquals(2, fx.number("select gained from feature_demand_day where feature_item_id = ?1 and day = date '2026-11-11'", item));
        assertEquals(1, fx.number("select count(*) from feature_demand_backfill where done_at is not null"));
    }

    private void at(ZonedDateTime when) {
        clock.advance(Duration.between(clock.now(), when.toInstant()));
    }

    private static void vote(String member, long suggestion, boolean on) {
        form().auth().oauth2(DevTokens.accessToken(member)).formParam("on", Boolean.toString(on))
                .post("/suggestions/" + suggestion + "/vote").then().statusCode(303);
    }

    private static String cell(Element row, int column) {
        return row.child(column).text();
    }
}
