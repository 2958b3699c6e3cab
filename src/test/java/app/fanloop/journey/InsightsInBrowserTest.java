package app.fanloop.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.insight.InsightJobs;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.web.SiteClock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Issue 22: paula opens the insights tab of the triage console over three boards with a few weeks of feedback and
 * sees each chart with its table (the boards side by side, the weeks per board against the answer target), on a desktop, on a 360 px phone and in the dark theme (journey-26-insights*.png with
 * -Dfanloop.screenshots=true).
 */
@QuarkusTest
class InsightsInBrowserTest extends BrowserJourney {

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
    void paula_sees_the_charts_and_their_tables_on_desktop_phone_and_dark() {
        // Weeks nobody else's test posted in, so "all boards" shows this test's three boards only.
        clock.advance(Duration.ofDays(7 * 1400));
        List<Board> boards = List.of(fx.board(true, true), fx.board(true, true), fx.board(true, false));
        Member pm = fx.member("paula");
        Instant now = clock.now();
        for (int i = 0; i < 48; i++) {
            Board board = boards.get(i % 5 == 0 ? 2 : i % 3 == 0 ? 1 : 0);
            Instant at = now.minus(Duration.ofHours(7L * i + 3));
            SuggestionKind kind = i % 4 == 1 && board != boards.get(2) ? SuggestionKind.BUG : SuggestionKind.SUGGESTION;
            Suggestion s = fx.suggestion(board, fx.someone(), kind, Fixtures.unique("Idea " + i), "Body", at);
            if (i % 2 == 0) {
                fx.officialAnswer(s.id, pm, at.plus(Duration.ofHours(5L + 2L * i)));
            }
            if (i % 5 == 0) {
                fx.statusChange(s.id, pm, i % 10 == 0 ? SuggestionStatus.PLANNED : SuggestionStatus.DECLINED, "noted");
            }
            if (i % 7 == 1) {
                fx.sql("update suggestion set status = 'SHIPPED', status_changed_at = ?2 where id = ?1", s.id,
                        at.plus(Duration.ofHours(30L + 3L * i)));
            }
            fx.votes(s.id, i % 4, now.minus(Duration.ofDays(i % 3 == 0 ? 2 : 9)));
        }
        // Two feature items, so the demand table shows its status labels.
        List<Long> ideas = fx.list("select id from suggestion where board_id = ?1 order by id limit 4", boards.get(0).id)
                .stream().map(id -> ((Number) id).longValue()).toList();
        fx.featureItem(Fixtures.unique("Dual clock widget"), ideas.get(0), ideas.get(1));
        long planned = fx.featureItem(Fixtures.unique("Dark mode schedule"), ideas.get(2), ideas.get(3));
        fx.sql("update feature_item set status = 'PLANNED' where id = ?1", planned);
        jobs.rollUpMarked();
        String path = "/triage/insights";
        List<String> sideways = new ArrayList<>();

        BrowserContext desktop = context(1280, false);
        Page page = chromium.signIn(desktop, "paula", path);
        assertThat(page.locator("#volume svg.chart")).isVisible();
        assertThat(page.locator("#funnel-table tbody tr")).hasCount(6);
        assertThat(page.locator("#answer svg.chart line.target")).hasCount(1);
        assertThat(page.locator("#boards-table tr.total-row")).hasCount(3);
        assertThat(page.locator("#board-weeks-table .over-target").first()).hasText("超时");
        assertThat(page.locator("#ship-weeks svg.chart")).isVisible();
        assertThat(page.locator("#features-table .badge").first()).isVisible();
        sideways.addAll(shown(page, "insights", "26-insights"));

        BrowserContext phone = context(360, false);
        Page small = chromium.signIn(phone, "paula", path);
        assertThat(small.locator("#volume svg.chart")).isVisible();
        assertThat(small.locator("#boards svg.chart.multiple")).hasCount(3);
        assertThat(small.locator("#boards svg.chart.multiple").first()).isVisible();
        sideways.addAll(shown(small, "insights at 360 px", "26-insights-mobile"));

        BrowserContext dark = context(1280, true);
        Page night = chromium.signIn(dark, "paula", path);
        assertThat(night.locator("#funnel svg.chart")).isVisible();
        sideways.addAll(shown(night, "insights in the dark", "26-insights-dark"));

        assertEquals(List.of(), sideways);
    }
}
