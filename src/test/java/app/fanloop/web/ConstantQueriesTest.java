package app.fanloop.web;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.suggestion.SuggestionStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/**
 * A page costs the same number of SQL statements whatever it lists: no query per row (N+1).
 * Uses the Hibernate statistics the test profile turns on.
 */
@QuarkusTest
@TestSecurity(user = "bob", roles = "fan")
class ConstantQueriesTest {

    /** What a page may cost at most; a regression that adds queries should be a decision, not an accident. */
    private static final long BUDGET = 8;
    /** The suggestion page also loads its timeline, sparkline, feature item and merged duplicates. */
    private static final long SUGGESTION_BUDGET = 12;

    @Inject
    Fixtures fx;

    @Inject
    SessionFactory sessionFactory;

    @Test
    void board_page_costs_the_same_with_3_or_60_suggestions() {
        Board small = boardWith(3);
        Board large = boardWith(60);
        page().get("/me").then().statusCode(200); // bob's first request of the test signs him in

        long few = statements("/boards/" + small.slug);
        long many = statements("/boards/" + large.slug);
        long manyTop = statements("/boards/" + large.slug + "?sort=top&page=2");

        assertEquals(few, many, "board page statements: 3 suggestions vs 60");
        assertEquals(few, manyTop);
        assertTrue(few <= BUDGET, few + " statements");
    }

    @Test
    void suggestion_page_costs_the_same_with_2_or_60_comments() {
        long small = suggestionWith(2);
        long large = suggestionWith(60);
        page().get("/me").then().statusCode(200);

        long few = statements("/suggestions/" + small);
        long many = statements("/suggestions/" + large);

        assertEquals(few, many, "suggestion page statements: 2 comments vs 60");
        assertTrue(few <= SUGGESTION_BUDGET, few + " statements");
    }

    @Test
    void home_page_cost_does_not_grow_with_trending_suggestions() {
        page().get("/me").then().statusCode(200);
        long before = statements("/");
        boardWith(12);

        assertEquals(before, statements("/"));
    }

    private long statements(String path) {
        Statistics stats = sessionFactory.getStatistics();
        assertTrue(stats.isStatisticsEnabled(), "quarkus.hibernate-orm.statistics=true in %test");
        stats.clear();
        page().get(path).then().statusCode(200);
        return stats.getPrepareStatementCount();
    }

    /** A board of suggestions by different authors, some voted on by bob, the viewer. */
    private Board boardWith(int suggestions) {
        Board board = fx.board();
        Member bob = fx.member("bob");
        for (int i = 0; i < suggestions; i++) {
            Suggestion s = fx.suggestion(board, fx.someone(), i % 5 == 0 ? SuggestionKind.BUG : SuggestionKind.SUGGESTION,
                    unique("Row " + i), "Body", Instant.now().minusSeconds(i));
            if (i % 3 == 0) {
                fx.voteAs(s.id, bob);
            }
        }
        return board;
    }

    /**
     * A suggestion with a status change and {@code comments} comments by different members: an
     * official response first, then replies and new threads in turn.
     */
    private long suggestionWith(int comments) {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Talked about"));
        Member pm = fx.someone();
        fx.statusChange(s.id, pm, SuggestionStatus.UNDER_REVIEW, "Looking");
        Comment thread = fx.comment(s.id, pm, null, "Official answer", true);
        for (int i = 1; i < comments; i++) {
            boolean reply = i % 2 == 1;
            Comment c = fx.comment(s.id, fx.someone(), reply ? thread.id : null, "Comment " + i, false);
            if (!reply) {
                thread = c;
            }
        }
        fx.voteAs(s.id, fx.member("bob"));
        return s.id;
    }
}
