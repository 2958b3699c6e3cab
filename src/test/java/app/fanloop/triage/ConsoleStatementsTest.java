package app.fanloop.triage;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

@QuarkusTest
@TestSecurity(user = "paula", roles = "pm")
class ConsoleStatementsTest {

    @Inject
    Fixtures fx;

    @Inject
    SessionFactory sessions;

    @Test
    void the_console_runs_the_same_number_of_statements_for_few_and_many_rows() {
        Board few = fx.board();
        for (int i = 0; i < 2; i++) {
            Suggestion s = fx.suggestion(few, fx.someone(), unique("few"));
            fx.votes(s.id, 1, java.time.Instant.now());
        }
        Board many = fx.board();
        for (int i = 0; i < 30; i++) {
            Suggestion s = fx.suggestion(many, fx.someone(), unique("many"));
            fx.votes(s.id, 1 + i % 3, java.time.Instant.now());
        }
        page().queryParam("board", few.id).get("/triage").then().statusCode(200);

        long small = statements("/triage?board=" + few.id);
        long large = statements("/triage?board=" + many.id);
        assertEquals(small, large);
        // The needs-answer view runs the same queries (an empty page skips the sparkline one).
        assertTrue(statements("/triage/needs-answer?page=1") <= small);
        assertEquals(statements("/roadmap"), statements("/roadmap"));
    }

    /**
     * Statements one request prepares; the lower of two runs, so a once-in-a-while write (the
     * member's last-seen time) does not count as a per-row query.
     */
    private long statements(String path) {
        var stats = sessions.getStatistics();
        long lowest = Long.MAX_VALUE;
        for (int run = 0; run < 2; run++) {
            stats.clear();
            page().get(path).then().statusCode(200);
            lowest = Math.min(lowest, stats.getPrepareStatementCount());
        }
        return lowest;
    }
}
