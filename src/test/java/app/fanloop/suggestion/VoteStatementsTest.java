package app.fanloop.suggestion;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.htmx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.Waits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/**
 * What one vote costs in SQL. A vote that asks for the state it is already in costs the viewer's own
 * statements (member, sanction: every signed-in request pays those) and the ballot (one read: the
 * suggestion's facts and whether the member voted, locking the row). Casting adds exactly two: the vote
 * with its follow, counters and trending in one statement, and the author's point; withdrawing the same
 * two. Counted with the Hibernate statistics the test profile turns on; the rate limit's batched
 * reservation goes through its own connection and writes at most once per batch of votes.
 */
@QuarkusTest
@TestSecurity(user = "bob", roles = "fan")
class VoteStatementsTest {

    /**
     * The viewer's statements (today member, sanction and the bell) and the ballot; a regression that adds
     * queries should be a decision.
     */
    private static final long NO_CHANGE_BUDGET = 4;

    @Inject
    Fixtures fx;

    @Inject
    SessionFactory sessionFactory;

    @Test
    void a_vote_costs_the_ballot_and_two_statements_and_so_does_its_withdrawal() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Cheap vote"));
        Suggestion warmUp = fx.suggestion(fx.board(), fx.someone(), unique("Warm-up"));
        // The honours backfill runs in the background after the start; until a node has seen it done, a take-back
        // asks whether a batch is running (HonourBackfill). Counted here is the vote of a node past that.
        Waits.until(() -> fx.number("select count(*) from honour_backfill where phase = 'DONE'") == 1,
                "the honours backfill");
        vote(warmUp, "true"); // bob's first request signs him in; the limit reserves its first batch
        vote(warmUp, "false"); // and this node sees the backfill done

        long cast = statements(s, "true");
        long unchanged = statements(s, "true");
        long withdrawn = statements(s, "false");

        assertTrue(unchanged <= NO_CHANGE_BUDGET, unchanged + " statements for a vote that changes nothing");
        assertEquals(unchanged + 2, cast, "the vote with its follow, counters and trending; the author's point");
        assertEquals(unchanged + 2, withdrawn, "the withdrawal with its counters and trending; the point taken back");
        assertEquals(0, fx.counter(s.id, "vote_count"));
        assertEquals(1, fx.counter(s.id, "follower_count"), "the vote's follow stays");
    }

    private long statements(Suggestion s, String on) {
        Statistics stats = sessionFactory.getStatistics();
        assertTrue(stats.isStatisticsEnabled(), "quarkus.hibernate-orm.statistics=true in %test");
        var request = htmx().formParam("on", on); // fetches its CSRF token first, with a page of its own
        stats.clear();
        request.post("/suggestions/" + s.id + "/vote").then().statusCode(200);
        return stats.getPrepareStatementCount();
    }

    private static void vote(Suggestion s, String on) {
        htmx().formParam("on", on).post("/suggestions/" + s.id + "/vote").then().statusCode(200);
    }
}
