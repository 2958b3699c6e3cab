package app.fanloop.honour;

import static app.fanloop.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Members who took part before honours existed get the points the rules would have given them, once. */
@QuarkusTest
class HonourBackfillTest {

    @Inject
    Fixtures fx;

    @Inject
    HonourFixtures hf;

    @Inject
    HonourBackfill backfill;

    @Inject
    HonourConfig config;

    @AfterEach
    void totals_equal_the_ledger() {
        hf.assertLedgerConsistent();
    }

    @Test
    void the_backfill_credits_existing_posts_votes_comments_statuses_and_reports_once() {
        Member author = fx.someone();
        Member commenter = fx.someone();
        Member reporter = fx.someone();
        Board board = fx.board();
        Suggestion shipped = fx.suggestion(board, author, unique("Old shipped"));
        Suggestion hidden = fx.suggestion(board, author, unique("Old hidden"));
        fx.votes(shipped.id, 3, java.time.Instant.now());
        fx.voteAs(shipped.id, author); // one's own vote earns nothing
        fx.statusChange(shipped.id, fx.member("paula"), SuggestionStatus.PLANNED, null);
        fx.status(shipped.id, SuggestionStatus.SHIPPED);
        fx.hide(hidden.id);
        Comment kept = fx.comment(shipped.id, commenter, null, "Old comment", false);
        fx.comment(shipped.id, fx.member("paula"), kept.id, "Official", true);
        Suggestion spam = fx.suggestion(board, fx.someone(), unique("Old spam"));
        fx.report(spam.id, null, reporter);
        hf.uphold(spam.id);
        hf.reopenBackfill();

        assertTrue(backfill.run());

        assertEquals(5 + 3 + 30 + 100, hf.points(author), "post, three votes by others, adopted, shipped; the hidden post not");
        assertEquals("HIDDEN", hf.revokedCause(PointReason.POSTED, hidden.id), "restoring it gives its points back");
        assertEquals(2, hf.points(commenter));
        assertEquals(3, hf.points(reporter));
        assertEquals(1, hf.medals(author, Medal.FIRST_SUGGESTION));
        assertEquals(1, hf.medals(author, Medal.FIRST_SHIPPED));
        assertEquals(config.levelFor(138), hf.level(author));

        assertFalse(backfill.run(), "once per database");
        assertEquals(138, hf.points(author));
    }
}
