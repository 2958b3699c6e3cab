package app.fanloop.insight;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.insight.InsightDaysTest.EARLY;
import static app.fanloop.insight.InsightDaysTest.LATE;
import static app.fanloop.web.Browser.page;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.hibernate.SessionFactory;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.web.SiteClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/** The numbers of each chart of /triage/insights (read from its CSVs and tables) against data the test builds. */
@QuarkusTest
@TestSecurity(user = "paula", roles = "pm")
class InsightPageTest {

    @Inject
    Fixtures fx;
    @Inject
    InsightJobs jobs;
    @Inject
    SiteClock clock;
    @Inject
    SessionFactory sessionFactory;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void volume_counts_public_posts_per_site_day_and_kind_with_release_markers() {
        Board board = fx.board();
        fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Late"), "b", LATE);
        fx.suggestion(board, fx.someone(), SuggestionKind.BUG, unique("Early"), "b", EARLY);
        Suggestion hidden = fx.suggestion(board, fx.someone(), SuggestionKind.BUG, unique("Hidden"), "b", EARLY);
        fx.hide(hidden.id);
        String version = unique("OS2.0.").replaceAll("[^A-Za-z0-9.]", "");
        fx.sql("insert into release (version, channel, week, state, published_at, created_by_id)"
                + " values (?1, 'DEV', '2026-W46', 'PUBLISHED', cast('2026-11-11T02:00:00Z' as timestamptz), ?2)",
                version, fx.member("paula").id);
        jobs.rollUpMarked();

        String csv = csv("volume", "from=2026-11-09&to=2026-11-12&by=day&board=" + board.id);

        assertTrue(csv.contains("2026-11-10,1,0,1"), csv);
        assertTrue(csv.contains("2026-11-11,0,1,1"), csv);
        assertTrue(csv.contains("2026-11-09,0,0,0"), csv);
        assertTrue(csv.contains("release " + version + ",2026-11-11"), csv);
        page().get("/triage/insights?from=2026-11-09&to=2026-11-12&by=day&board=" + board.id).then().statusCode(200)
                .body(containsString("<svg class=\"chart\""), containsString("id=\"volume-table\""),
                        containsString(version));
    }

    @Test
    void weekly_volume_starts_on_monday() {
        Board board = fx.board();
        // Sunday 15 November 23:30 and Monday 16 November 00:30, site time.
        fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Sun"), "b", LATE.plus(Duration.ofDays(5)));
        fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Mon"), "b", EARLY.plus(Duration.ofDays(5)));
        jobs.rollUpMarked();

        String csv = csv("volume", "from=2026-11-09&to=2026-11-22&by=week&board=" + board.id);

        assertTrue(csv.contains("2026-11-09,1,0,1"), csv);
        assertTrue(csv.contains("2026-11-16,1,0,1"), csv);
    }

    @Test
    void funnel_counts_where_posts_of_the_period_stand_now() {
        Board board = fx.board();
        Member pm = fx.member("paula");
        Suggestion reopened = post(board, "Reopened", LATE);
        Suggestion shipped = post(board, "Shipped", LATE);
        Suggestion declined = post(board, "Declined", EARLY);
        Suggestion duplicate = post(board, "Duplicate", EARLY);
        Suggestion hidden = post(board, "Hidden", EARLY);
        post(board, "Outside the period", LATE.plus(Duration.ofDays(10)));
        fx.statusChange(reopened.id, pm, SuggestionStatus.PLANNED, "yes");
        fx.statusChange(reopened.id, pm, SuggestionStatus.OPEN, "reopened");
        fx.statusChange(shipped.id, pm, SuggestionStatus.SHIPPED, "done");
        fx.statusChange(declined.id, pm, SuggestionStatus.DECLINED, "no");
        fx.statusChange(hidden.id, pm, SuggestionStatus.PLANNED, "yes");
        fx.hide(hidden.id);
        fx.mergedInto(duplicate.id, shipped.id);
        jobs.rollUpMarked();

        String csv = csv("funnel", "from=2026-11-10&to=2026-11-11&board=" + board.id);

        assertTrue(csv.contains("4,3,1,1,1,1"), csv);
    }

    @Test
    void answer_and_ship_times_are_median_and_p90_per_board_in_hours() {
        Board board = fx.board();
        Member pm = fx.member("paula");
        Suggestion quick = post(board, "Quick", LATE);
        Suggestion slow = post(board, "Slow", LATE);
        post(board, "Never answered", LATE);
        fx.officialAnswer(quick.id, pm, LATE.plus(Duration.ofHours(2)));
        fx.officialAnswer(slow.id, pm, LATE.plus(Duration.ofHours(50)));
        fx.sql("update suggestion set status = 'SHIPPED', status_changed_at = ?2 where id = ?1", quick.id,
                LATE.plus(Duration.ofHours(100)));
        jobs.rollUpMarked();

        String answer = csv("answer", "from=2026-11-10&to=2026-11-10&board=" + board.id);
        String ship = csv("ship", "from=2026-11-10&to=2026-11-10&board=" + board.id);

        // Median of 2 h and 50 h is 26 h; p90 is 2 + 0.9 × 48 = 45.2 h.
        assertTrue(answer.contains("," + board.name + ",26.0,45.2,2"), answer);
        assertTrue(ship.contains("," + board.name + ",100.0,100.0,1"), ship);
        // Tuesday 10 November's posts belong to the week of Monday 9 November.
        String weeks = csv("answer-weeks", "from=2026-11-10&to=2026-11-10&board=" + board.id);
        assertTrue(weeks.contains("2026-11-09,26.0,45.2,2"), weeks);
        page().get("/triage/insights?from=2026-11-10&to=2026-11-10&board=" + board.id).then().statusCode(200)
                .body(containsString("class=\"target\""), containsString("26.0"));
    }

    @Test
    void rising_compares_the_last_7_days_of_votes_with_the_7_before_and_skips_hidden_posts() {
        clock.advance(Duration.ofDays(7 * 900)); // a fortnight nobody else's test voted in
        Instant now = clock.now();
        Board board = fx.board();
        Suggestion rising = post(board, "Rising", now.minus(Duration.ofDays(20)));
        Suggestion falling = post(board, "Falling", now.minus(Duration.ofDays(20)));
        Suggestion hidden = post(board, "Hidden rising", now.minus(Duration.ofDays(20)));
        fx.votes(rising.id, 3, now.minus(Duration.ofDays(1)));
        fx.votes(rising.id, 1, now.minus(Duration.ofDays(10)));
        fx.votes(falling.id, 2, now.minus(Duration.ofDays(10)));
        fx.votes(hidden.id, 9, now.minus(Duration.ofDays(1)));
        jobs.refreshRising(); // the roll-up job computes the list (once per cluster per period)
        fx.hide(hidden.id); // hidden after the computation: the page leaves it out as it reads

        String csv = csv("rising", "board=" + board.id);

        assertTrue(csv.contains(rising.id + "," + rising.title + ",3,1,2,4"), csv);
        assertTrue(!csv.contains(falling.title), csv);
        assertTrue(!csv.contains(hidden.title), csv);
    }

    @Test
    void features_show_demand_which_are_not_yet_planned_and_votes_per_period() {
        Board board = fx.board();
        Suggestion s = post(board, "Wanted", LATE);
        fx.votes(s.id, 1000, LATE); // more distinct voters than any other test's feature item
        fx.votes(s.id, 2, LATE.plus(Duration.ofDays(7)));
        String title = unique("Most wanted");
        long item = fx.featureItem(title, s.id);

        String csv = csv("features", "");
        String trends = csv("feature-trends", "from=2026-11-09&to=2026-11-29&by=week");

        assertTrue(csv.contains(item + "," + title + ",BACKLOG,1002"), csv);
        assertTrue(trends.contains(item + "," + title + ",2026-11-09,1000"), trends);
        assertTrue(trends.contains(item + "," + title + ",2026-11-16,2"), trends);
        assertTrue(trends.contains(item + "," + title + ",2026-11-23,0"), trends);
        page().get("/triage/insights").then().statusCode(200).body(containsString(title),
                containsString("id=\"feature-trends-table\""));
    }

    @Test
    void page_is_in_english_too() {
        page().cookie("fanloop-lang", "en").get("/triage/insights").then().statusCode(200)
                .body(containsString("Feedback volume"), containsString("Status funnel"),
                        containsString("Time to first official answer"), containsString("Download CSV"));
    }

    /**
     * The charts are drawn once and spliced as bytes into each reader's page (web/SplicedPage): the reader's own parts
     * (their name in the header) are filled in, the charts sit in their place, whole, in either language, and
     * nothing of the splice shows. A browser that asks gets it compressed (the all-boards page is ~190 KB of HTML).
     */
    @Test
    void the_charts_are_spliced_into_the_readers_own_page() {
        for (String lang : List.of("zh", "en")) {
            var response = page().cookie("fanloop-lang", lang).header("Accept-Encoding", "gzip").get("/triage/insights")
                    .then().statusCode(200).header("Content-Type", containsString("charset=UTF-8"))
                    .header("Content-Encoding", "gzip").extract().response();
            String html = response.asString();
            Document doc = Jsoup.parse(html);
            assertEquals(-1, html.indexOf('\u0000'), "no slot or mark left in the page");
            assertEquals("paula", doc.selectFirst("a.author .brand-name").text(), "the reader's own name, filled in");
            assertEquals(1, doc.select("#volume").size());
            assertEquals("zh".equals(lang) ? "反馈量" : "Feedback volume", doc.selectFirst("#volume-title").text());
            assertEquals(doc.selectFirst("#insight-freshness").closest("section"),
                    doc.selectFirst("#volume").previousElementSibling(), "the charts follow the filters");
            assertEquals("feature-trends", doc.selectFirst(".insights").children().last().id(), "and end the page's charts");
        }
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void fans_may_not_see_insights() {
        page().get("/triage/insights").then().statusCode(403);
        page().get("/triage/insights/volume.csv").then().statusCode(403);
    }

    @Test
    void page_costs_the_same_number_of_statements_whatever_it_shows() {
        Board small = fx.board();
        post(small, "One", LATE);
        Board large = fx.board();
        for (int i = 0; i < 30; i++) {
            Suggestion s = post(large, "Many " + i, LATE.plus(Duration.ofHours(i * 7)));
            fx.votes(s.id, 1, clock.now().minus(Duration.ofDays(1)));
        }
        jobs.rollUpMarked();
        page().get("/triage/insights").then().statusCode(200);

        long few = statements("/triage/insights?from=2026-11-10&to=2026-11-10&board=" + small.id);
        long many = statements("/triage/insights?from=2026-11-01&to=2026-12-31&board=" + large.id);
        long all = statements("/triage/insights?from=2025-01-01&to=2026-12-31&by=day");

        assertEquals(few, many);
        assertEquals(few, all);
        assertTrue(few <= 10, few + " statements");
    }

    private Suggestion post(Board board, String title, Instant at) {
        return fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique(title), "b", at);
    }

    private String csv(String chart, String query) {
        return page().get("/triage/insights/" + chart + ".csv" + (query.isEmpty() ? "" : "?" + query)).then().statusCode(200)
                .header("Content-Type", containsString("text/csv")).extract().asString().replace("\r\n", "\n");
    }

    private long statements(String path) {
        Statistics stats = sessionFactory.getStatistics();
        stats.clear();
        page().get(path).then().statusCode(200);
        return stats.getPrepareStatementCount();
    }

    static List<String> charts() {
        return InsightResource.charts();
    }
}
