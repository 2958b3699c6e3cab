package app.fanloop.insight;

import static app.fanloop.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.suggestion.SuggestionStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The daily roll-ups: site-zone days, public posts only, the funnel by where each post stands now, the backfill. */
@QuarkusTest
class InsightDaysTest {

    /** 23:30 and 00:30 in Asia/Shanghai (UTC+8), on either side of midnight of 10 and 11 November. */
    static final Instant LATE = Instant.parse("2026-11-10T15:30:00Z");
    static final Instant EARLY = Instant.parse("2026-11-10T16:30:00Z");

    @Inject
    Fixtures fx;
    @Inject
    InsightJobs jobs;

    @Test
    void posts_either_side_of_site_midnight_fall_on_different_days() {
        Board board = fx.board();
        fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Late"), "b", LATE);
        fx.suggestion(board, fx.someone(), SuggestionKind.BUG, unique("Early"), "b", EARLY);
        jobs.rollUpMarked();

        assertEquals(1, posted(board, "2026-11-10", "SUGGESTION"));
        assertEquals(0, posted(board, "2026-11-10", "BUG"));
        assertEquals(1, posted(board, "2026-11-11", "BUG"));
        assertEquals(0, posted(board, "2026-11-11", "SUGGESTION"));
    }

    @Test
    void hidden_posts_never_count_and_a_hide_updates_the_day() {
        Board board = fx.board();
        Suggestion kept = fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Kept"), "b", LATE);
        Suggestion hidden = fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Spam"), "b", LATE);
        jobs.rollUpMarked();
        assertEquals(2, posted(board, "2026-11-10", "SUGGESTION"));

        fx.hide(hidden.id);
        jobs.rollUpMarked();

        assertEquals(1, posted(board, "2026-11-10", "SUGGESTION"));
        assertTrue(kept.id > 0);
    }

    @Test
    void the_funnel_counts_where_each_post_stands_now_merges_and_reopened_included() {
        Board board = fx.board();
        Member pm = fx.member("paula");
        Suggestion reopened = fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Reopened"), "b", LATE);
        Suggestion shipped = fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Shipped"), "b", LATE);
        Suggestion declined = fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Declined"), "b", LATE);
        Suggestion duplicate = fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Duplicate"), "b", LATE);
        fx.statusChange(reopened.id, pm, SuggestionStatus.PLANNED, "yes");
        fx.statusChange(reopened.id, pm, SuggestionStatus.OPEN, "not after all");
        fx.statusChange(shipped.id, pm, SuggestionStatus.SHIPPED, "done");
        fx.statusChange(declined.id, pm, SuggestionStatus.DECLINED, "no");
        fx.mergedInto(duplicate.id, shipped.id);
        jobs.rollUpMarked();

        Object[] row = fx.list("select posted, reviewed, planned, shipped, declined, merged from insight_day"
                + " where board_id = ?1 and day = date '2026-11-10' and kind = 'SUGGESTION'", board.id).stream()
                .map(Object[].class::cast).findFirst().orElseThrow();
        assertEquals("[4, 3, 1, 1, 1, 1]", java.util.Arrays.toString(java.util.Arrays.stream(row)
                .mapToLong(n -> ((Number) n).longValue()).toArray()));
    }

    @Test
    void the_backfill_rebuilds_every_day_from_the_first_post_and_reports_progress() {
        Board board = fx.board();
        fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Old"), "b", LATE);
        fx.sql("delete from insight_dirty");
        fx.sql("delete from insight_day where board_id = ?1", board.id);
        fx.sql("delete from insight_backfill");

        assertTrue(jobs.begin());
        assertTrue(!jobs.progress().done());
        assertTrue(jobs.runBackfill());

        assertEquals(1, posted(board, "2026-11-10", "SUGGESTION"));
        InsightJobs.Progress progress = jobs.progress();
        assertTrue(progress.done());
        assertEquals(progress.totalDays(), progress.doneDays());
        assertEquals(100, progress.percent());
    }

    private long posted(Board board, String day, String kind) {
        return fx.number("select coalesce(sum(posted), 0) from insight_day where board_id = ?1 and day = cast(?2 as date)"
                + " and kind = ?3", board.id, day, kind);
    }
}
