package app.fanloop.insight;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.insight.InsightDaysTest.LATE;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.web.SiteClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/**
 * The insights figures cache as production runs it (30 s): a range's figures are computed once and served until they
 * expire, the page says when they were computed, another range is computed on its own, and fans still get 403.
 */
@QuarkusTest
@TestProfile(InsightFiguresCacheTest.ThirtySeconds.class)
@TestSecurity(user = "paula", roles = "pm")
class InsightFiguresCacheTest {

    public static class ThirtySeconds implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fanloop.insight.cache-ttl", "PT30S");
        }
    }

    @Inject
    Fixtures fx;
    @Inject
    InsightJobs jobs;
    @Inject
    SiteClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void a_ranges_figures_are_kept_for_the_cache_period_and_say_when_they_were_computed() {
        Board board = fx.board();
        post(board, "First");
        String range = tenthOfNovember(board);
        assertTrue(csv(range).contains("2026-11-10,1,0,1"));
        String asOf = Jsoup.parse(page().get("/triage/insights?" + range).then().statusCode(200).extract().asString())
                .select("#insight-freshness").text();
        assertTrue(asOf.contains("30"), asOf);

        post(board, "Second");

        assertTrue(csv(range).contains("2026-11-10,1,0,1"), "the same range within 30 s: the kept figures");
        assertEquals(asOf, Jsoup.parse(page().get("/triage/insights?" + range).then().statusCode(200).extract().asString())
                .select("#insight-freshness").text(), "the page says when its figures were computed");
        assertTrue(csv(range + "&x=1").contains("2026-11-10,1,0,1"), "query parameters the range ignores share it");
        assertTrue(csv("from=2026-11-09&to=2026-11-10&by=day&board=" + board.id).contains("2026-11-10,2,0,2"),
                "another range is computed on its own");
        // The charts are drawn once per language and kept with the figures: each reader gets their language.
        page().cookie("fanloop-lang", "zh").get("/triage/insights?" + range).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("需求热度走势"));
        page().cookie("fanloop-lang", "en").get("/triage/insights?" + range).then().statusCode(200)
                .body(org.hamcrest.Matchers.containsString("Demand over time"));
    }

    @Test
    void kept_figures_expire_after_the_cache_period_on_the_site_clock() {
        Board board = fx.board();
        post(board, "First");
        String range = tenthOfNovember(board);
        assertTrue(csv(range).contains("2026-11-10,1,0,1"));
        post(board, "Second");

        clock.advance(Duration.ofSeconds(29));
        assertTrue(csv(range).contains("2026-11-10,1,0,1"), "kept for 30 s");
        clock.advance(Duration.ofSeconds(2));
        assertTrue(csv(range).contains("2026-11-10,2,0,2"), "computed again after 30 s");
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void fans_may_not_read_the_figures() {
        page().get("/triage/insights/volume.csv").then().statusCode(403);
        page().get("/triage/insights").then().statusCode(403);
    }

    /** A suggestion on the board on 10 November (site time), rolled up. */
    private void post(Board board, String title) {
        fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique(title), "b", LATE);
        jobs.rollUpMarked();
    }

    private static String tenthOfNovember(Board board) {
        return "from=2026-11-10&to=2026-11-10&by=day&board=" + board.id;
    }

    private static String csv(String query) {
        return page().get("/triage/insights/volume.csv?" + query).then().statusCode(200).extract().asString()
                .replace("\r\n", "\n");
    }
}
