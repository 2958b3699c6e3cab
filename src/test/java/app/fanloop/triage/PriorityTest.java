package app.fanloop.triage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import app.fanloop.suggestion.Suggestion;

/** The triage priority formula, without the application or the database. */
class PriorityTest {

    private static final double EXACT = 1e-12;

    /** The default weights (TriageConfig.Weights). */
    private static final TriageConfig.Weights DEFAULT = weights(1.0, 2.0, 0.5);

    @Test
    void each_part_is_its_weight_times_the_log_of_one_plus_its_count() {
        Suggestion s = suggestion(9, 3, 100.0);

        Priority p = Priority.of(s, 100.0, DEFAULT);

        assertEquals(1.0 * Math.log(10), p.votes(), EXACT);
        assertEquals(2.0 * Math.log(2), p.heat(), EXACT, "a trending value equal to now decays to one vote");
        assertEquals(0.5 * Math.log(4), p.comments(), EXACT);
        assertEquals(p.votes() + p.heat() + p.comments(), p.total(), EXACT);
    }

    @Test
    void heat_halves_its_decayed_votes_every_half_life() {
        Suggestion s = suggestion(0, 0, 100.0 + Math.log(8) / Math.log(2)); // eight fresh votes' worth

        assertEquals(2.0 * Math.log(1 + 8), Priority.of(s, 100.0, DEFAULT).heat(), 1e-9);
        assertEquals(2.0 * Math.log(1 + 4), Priority.of(s, 101.0, DEFAULT).heat(), 1e-9);
        assertEquals(2.0 * Math.log(1 + 2), Priority.of(s, 102.0, DEFAULT).heat(), 1e-9);
    }

    @Test
    void an_old_suggestion_has_no_heat_and_a_huge_one_does_not_overflow() {
        assertEquals(0.0, Priority.of(suggestion(5, 0, -5000.0), 100.0, DEFAULT).heat(), EXACT);
        Priority huge = Priority.of(suggestion(5, 0, 1e9), 0.0, DEFAULT);
        assertEquals(2.0 * Math.log1p(Math.pow(2, 60)), huge.heat(), EXACT, "the decayed votes are capped at 2^60");
        assertTrue(Double.isFinite(huge.total()));
    }

    @Test
    void the_weights_scale_each_part() {
        Suggestion s = suggestion(9, 3, 100.0);
        Priority votesOnly = Priority.of(s, 100.0, weights(1.0, 0.0, 0.0));
        Priority doubled = Priority.of(s, 100.0, weights(2.0, 4.0, 1.0));

        assertEquals(votesOnly.votes(), votesOnly.total(), EXACT);
        assertEquals(2 * Priority.of(s, 100.0, DEFAULT).total(), doubled.total(), EXACT);
    }

    @Test
    void an_unvoted_new_suggestion_has_only_its_own_heat() {
        Priority p = Priority.of(suggestion(0, 0, 100.0), 100.0, DEFAULT);
        assertEquals(0.0, p.votes(), EXACT);
        assertEquals(0.0, p.comments(), EXACT);
        assertEquals("1.4", p.totalText(), "one decimal, whatever the locale");
    }

    @Test
    void the_sql_formula_clamps_like_the_java_one() {
        assertTrue(Priority.SQL.contains("least(60, greatest(-1000, s.trending - :xnow))"), Priority.SQL);
        assertTrue(Priority.SQL.contains(":wv * ln(1 + s.vote_count)"), Priority.SQL);
        assertTrue(Priority.SQL.contains(":wc * ln(1 + s.comment_count)"), Priority.SQL);
    }

    private static Suggestion suggestion(int votes, int comments, double trending) {
        Suggestion s = new Suggestion();
        s.voteCount = votes;
        s.commentCount = comments;
        s.trending = trending;
        return s;
    }

    private static TriageConfig.Weights weights(double votes, double heat, double comments) {
        return new TriageConfig.Weights() {
            @Override
            public double votes() {
                return votes;
            }

            @Override
            public double heat() {
                return heat;
            }

            @Override
            public double comments() {
                return comments;
            }
        };
    }
}
