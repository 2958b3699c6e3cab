package app.fanloop.insight;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.page;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.time.Duration;
import java.time.Instant;

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
import jakarta.inject.Inject;

/** "Community in numbers" on the home page: from the roll-ups and this month's releases, hidden posts never counted. */
@QuarkusTest
class CommunityFiguresTest {

    @Inject
    Fixtures fx;
    @Inject
    InsightJobs jobs;
    @Inject
    CommunityFigures community;
    @Inject
    SiteClock clock;

    /** The release this test publishes in the far future; removed after it, so no other test sees it as the latest. */
    private Long release;

    @AfterEach
    void resetClockAndRemoveTheRelease() {
        clock.reset();
        if (release != null) {
            fx.sql("update suggestion set shipped_release_id = null where shipped_release_id = ?1", release);
            fx.sql("delete from release where id = ?1", release);
            release = null;
        }
    }

    @Test
    void figures_count_public_suggestions_of_this_week_adoptions_and_this_months_shipped_fans_ideas() {
        clock.advance(Duration.ofDays(7 * 1100)); // a week and month nobody else's test posted in
        Instant now = clock.now();
        jobs.rollUpMarked();
        CommunityFigures.Figures before = community.now();
        Board board = fx.board();
        Member pm = fx.member("paula");
        Suggestion plain = post(board, SuggestionKind.SUGGESTION, now.minusSeconds(5));
        Suggestion adopted = post(board, SuggestionKind.SUGGESTION, now.minusSeconds(5));
        Suggestion hidden = post(board, SuggestionKind.SUGGESTION, now.minusSeconds(5));
        post(board, SuggestionKind.BUG, now.minusSeconds(5));
        fx.statusChange(adopted.id, pm, SuggestionStatus.PLANNED, "yes");
        fx.statusChange(hidden.id, pm, SuggestionStatus.PLANNED, "yes");
        fx.officialAnswer(plain.id, pm, now.minusSeconds(1));
        fx.hide(hidden.id);
        release = fx.number("insert into release (version, channel, week, state, published_at, created_by_id)"
                + " values (?1, 'STABLE', '2040-W01', 'PUBLISHED', ?2, ?3) returning id",
                unique("v").replaceAll("[^A-Za-z0-9]", ""), now.minusSeconds(2), pm.id);
        Suggestion shipped = post(board, SuggestionKind.SUGGESTION, now.minus(Duration.ofDays(400)));
        Suggestion shippedHidden = post(board, SuggestionKind.SUGGESTION, now.minus(Duration.ofDays(400)));
        fx.sql("update suggestion set status = 'SHIPPED', status_changed_at = ?2, shipped_release_id = ?3 where id in (?1, ?4)",
                shipped.id, now.minusSeconds(2), release, shippedHidden.id);
        fx.hide(shippedHidden.id);
        jobs.rollUpMarked();

        CommunityFigures.Figures after = community.now();

        assertEquals(2, after.thisWeek() - before.thisWeek());
        assertEquals(2, after.adopted() - before.adopted()); // adopted, and the shipped one
        assertEquals(1, after.shippedThisMonth() - before.shippedThisMonth());
        assertNotNull(after.medianAnswerHours());
        page().get("/").then().statusCode(200).body(containsString("id=\"community-numbers\""),
                containsString("Community in numbers"));
    }

    private Suggestion post(Board board, SuggestionKind kind, Instant at) {
        return fx.suggestion(board, fx.someone(), kind, unique("Community"), "b", at);
    }
}
