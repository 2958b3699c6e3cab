package app.fanloop.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

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
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Issue 22: paula opens the insights tab of the triage console on a board with a few weeks of feedback and sees
 * each chart with its table, on a desktop, on a 360 px phone and in the dark theme (journey-26-insights*.png with
 * -Dfanloop.screenshots=true).
 */
@QuarkusTest
class InsightsInBrowserTest extends BrowserJourney {

    @Inject
    Fixtures fx;
    @Inject
    InsightJobs jobs;

    @Test
    void paula_sees_the_charts_and_their_tables_on_desktop_phone_and_dark() {
        Board board = fx.board(true, true);
        Member pm = fx.member("paula");
        Instant now = Instant.now();
        for (int i = 0; i < 40; i++) {
            Instant at = now.minus(Duration.ofHours(7L * i + 3));
            Suggestion s = fx.suggestion(board, fx.someone(), i % 3 == 0 ? SuggestionKind.BUG : SuggestionKind.SUGGESTION,
                    Fixtures.unique("Idea " + i), "Body", at);
            if (i % 2 == 0) {
                fx.officialAnswer(s.id, pm, at.plus(Duration.ofHours(5L + i)));
            }
            if (i % 5 == 0) {
                fx.statusChange(s.id, pm, i % 10 == 0 ? SuggestionStatus.PLANNED : SuggestionStatus.DECLINED, "noted");
            }
            fx.votes(s.id, i % 4, now.minus(Duration.ofDays(i % 3 == 0 ? 2 : 9)));
        }
        jobs.rollUpMarked();
        String path = "/triage/insights?board=" + board.id;
        List<String> sideways = new ArrayList<>();

        BrowserContext desktop = context(1280, false);
        Page page = chromium.signIn(desktop, "paula", path);
        assertThat(page.locator("#volume svg.chart")).isVisible();
        assertThat(page.locator("#funnel-table tbody tr")).hasCount(6);
        assertThat(page.locator("#answer svg.chart line.target")).hasCount(1);
        sideways.addAll(shown(page, "insights", "26-insights"));

        BrowserContext phone = context(360, false);
        Page small = chromium.signIn(phone, "paula", path);
        assertThat(small.locator("#volume svg.chart")).isVisible();
        sideways.addAll(shown(small, "insights at 360 px", "26-insights-mobile"));

        BrowserContext dark = context(1280, true);
        Page night = chromium.signIn(dark, "paula", path);
        assertThat(night.locator("#funnel svg.chart")).isVisible();
        sideways.addAll(shown(night, "insights in the dark", "26-insights-dark"));

        assertEquals(List.of(), sideways);
    }
}
