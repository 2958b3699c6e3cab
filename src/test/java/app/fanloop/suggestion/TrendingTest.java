package app.fanloop.suggestion;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The trending rank is log2 of the sum of 2^(t / half-life) over the post and its votes, kept in
 * SQL (Trending.ADD, Trending.REMOVE); these tests run that SQL on PostgreSQL and compare it with
 * the sum computed exactly in Java.
 */
@QuarkusTest
class TrendingTest {

    private static final double EXACT = 1e-9;

    @Inject
    Fixtures fx;

    @Inject
    TimedVotes votes;

    @Inject
    Trending trending;

    @Test
    void a_weight_halves_every_half_life() {
        Trending threeDays = new Trending(() -> Duration.ofDays(3));

        assertEquals(0.0, threeDays.exponent(Trending.EPOCH), 0.0);
        assertEquals(1.0, threeDays.exponent(Trending.EPOCH.plus(Duration.ofDays(3))), 0.0);
        assertEquals(-2.0, threeDays.exponent(Trending.EPOCH.minus(Duration.ofDays(6))), 0.0);
        assertEquals(3 * 24 * 3600.0, trending.halfLifeSeconds(), 0.0, "the default half-life is three days");
    }

    @Test
    void adding_then_removing_votes_restores_the_original_value() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant posted = now.minus(Duration.ofDays(10));
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), SuggestionKind.SUGGESTION, unique("Math"), "x", posted);
        double original = votes.trendingOf(s.id);
        assertEquals(trending.exponent(posted), original, EXACT);

        List<Instant> times = List.of(now.minus(Duration.ofDays(9)), now.minus(Duration.ofDays(6)),
                now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(1)), now.minus(Duration.ofHours(2)));
        List<Member> voters = new ArrayList<>();
        List<Instant> counted = new ArrayList<>(List.of(posted));
        for (Instant time : times) {
            Member voter = fx.someone();
            voters.add(voter);
            votes.cast(s.id, voter, time);
            counted.add(time);
            assertEquals(exact(counted), votes.trendingOf(s.id), EXACT, "after a vote at " + time);
        }

        for (int i : new int[] { 2, 0, 4, 1, 3 }) {
            votes.withdraw(s.id, voters.get(i));
            counted.remove(times.get(i));
            assertEquals(exact(counted), votes.trendingOf(s.id), EXACT, "after withdrawing the vote at " + times.get(i));
        }
        assertEquals(original, votes.trendingOf(s.id), EXACT);
        assertEquals(0, fx.counter(s.id, "vote_count"));
    }

    @Test
    void removing_a_vote_that_dominates_the_sum_recomputes_it_exactly() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant posted = now.minus(Duration.ofDays(60));
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), SuggestionKind.SUGGESTION, unique("Dominated"), "x", posted);
        Instant old1 = now.minus(Duration.ofDays(50));
        Instant old2 = now.minus(Duration.ofDays(40));
        votes.cast(s.id, fx.someone(), old1);
        votes.cast(s.id, fx.someone(), old2);
        Member fresh = fx.someone();
        votes.cast(s.id, fresh, now);
        // The fresh vote is more than 99.9% of the sum: subtracting it in log space would lose the rest.
        assertTrue(votes.trendingOf(s.id) - trending.exponent(now) < 0.001);

        votes.withdraw(s.id, fresh);

        assertEquals(exact(List.of(posted, old1, old2)), votes.trendingOf(s.id), EXACT);
        assertEquals(votes.recomputed(s.id), votes.trendingOf(s.id), EXACT);
    }

    @Test
    void removing_the_only_vote_of_an_old_post_gives_back_the_posts_own_weight() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant posted = now.minus(Duration.ofDays(90));
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), SuggestionKind.SUGGESTION, unique("Lonely"), "x", posted);
        Member voter = fx.someone();

        votes.cast(s.id, voter, now);
        votes.withdraw(s.id, voter);

        assertEquals(trending.exponent(posted), votes.trendingOf(s.id), EXACT);
    }

    @Test
    void a_fresh_burst_of_votes_outranks_more_but_older_votes() {
        Board board = fx.board();
        Instant now = Instant.now();
        Instant posted = now.minus(Duration.ofDays(21));
        Suggestion veteran = fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Veteran"), "x", posted);
        Suggestion comeback = fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Comeback"), "x", posted);
        for (int i = 0; i < 30; i++) {
            votes.cast(veteran.id, fx.someone(), now.minus(Duration.ofDays(20)).plusSeconds(i));
        }
        for (int i = 0; i < 8; i++) {
            votes.cast(comeback.id, fx.someone(), now.minusSeconds(i));
        }

        assertTrue(votes.trendingOf(comeback.id) > votes.trendingOf(veteran.id));
        assertEquals(List.of(comeback.title, veteran.title), titles(board, "trending"));
        assertEquals(List.of(veteran.title, comeback.title), titles(board, "top"));
    }

    /** log2 of the sum of 2^exponent over the given times, computed with the largest term factored out. */
    private double exact(List<Instant> times) {
        double max = times.stream().mapToDouble(trending::exponent).max().orElseThrow();
        double sum = times.stream().mapToDouble(t -> Math.pow(2, trending.exponent(t) - max)).sum();
        return max + Math.log(sum) / Math.log(2);
    }

    private static List<String> titles(Board board, String sort) {
        return html(page().get("/boards/" + board.slug + "?sort=" + sort).then().statusCode(200).extract().response())
                .select("ul.list li.row a.row-title").eachText();
    }
}
