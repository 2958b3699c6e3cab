package app.fanloop.suggestion;

import static app.fanloop.ConcurrentRequests.runTogether;
import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.CSRF_COOKIE;
import static app.fanloop.web.Browser.CSRF_FIELD;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.member.DevTokens;
import app.fanloop.web.Browser;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Counts stay exact when many members vote at the same moment. Each member calls the app with their
 * own bearer token from the dev OpenID Connect server (the app is a hybrid); bearer requests are
 * checked for CSRF like any other form POST, so they carry the cookie and the field too.
 */
@QuarkusTest
class ConcurrentVotingTest {

    /** The order the simultaneous requests start in (fixed, so a failure can be repeated). */
    private static final long SHUFFLE_SEED = 7;

    private static final int MEMBERS = 10;
    /** Toggles per member: 50 requests in all. */
    private static final int[] TOGGLES = { 3, 4, 5, 6, 7, 3, 4, 5, 6, 7 };

    @Inject
    Fixtures fx;

    @Inject
    TimedVotes votes;

    @Inject
    DataSource dataSource;

    private final List<String> tokens = new ArrayList<>();
    private Browser.Csrf csrf;
    private Suggestion suggestion;

    @BeforeEach
    void tenMembers() {
        // Posted a month ago, so withdrawing the last fresh vote takes the exact recompute path as well.
        suggestion = fx.suggestion(fx.board(), fx.someone(), SuggestionKind.SUGGESTION, unique("Stampede"), "Vote!",
                Instant.now().minus(Duration.ofDays(30)));
        csrf = Browser.csrf();
        for (int i = 0; i < MEMBERS; i++) {
            String token = DevTokens.accessToken(unique("stampede"));
            // The first request signs the member in; the race of first sign-ins has its own test.
            given().auth().oauth2(token).get("/me").then().statusCode(200);
            tokens.add(token);
        }
    }

    @Test
    void fifty_concurrent_vote_toggles_keep_every_counter_exact() throws Exception {
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            for (int t = 0; t < TOGGLES[i]; t++) {
                requests.add(vote(tokens.get(i), null));
            }
        }
        assertEquals(50, requests.size());

        assertEquals(Collections.nCopies(50, 303), runTogether(requests, SHUFFLE_SEED));

        // Two toggles of one member racing may both end "not voted" (each removes the vote it saw),
        // so the outcome per member is not fixed; the counters must match the rows whatever it is.
        assertCountersMatchRows();
        assertEquals(MEMBERS, fx.counter(suggestion.id, "follower_count"), "every member who voted follows");
    }

    @Test
    void concurrent_votes_and_withdrawals_end_exactly_where_asked() throws Exception {
        List<Callable<Integer>> on = new ArrayList<>();
        for (String token : tokens) {
            for (int t = 0; t < 3; t++) {
                on.add(vote(token, "true"));
            }
        }
        assertEquals(Collections.nCopies(30, 303), runTogether(on, SHUFFLE_SEED));
        assertEquals(MEMBERS, fx.counter(suggestion.id, "vote_count"), "one vote per member, however often asked");
        assertCountersMatchRows();

        List<Callable<Integer>> off = new ArrayList<>();
        for (String token : tokens) {
            for (int t = 0; t < 3; t++) {
                off.add(vote(token, "false"));
            }
        }
        assertEquals(Collections.nCopies(30, 303), runTogether(off, SHUFFLE_SEED));
        assertEquals(0, fx.counter(suggestion.id, "vote_count"));
        assertCountersMatchRows();
        assertEquals(MEMBERS, fx.counter(suggestion.id, "follower_count"), "withdrawing keeps the follow");
    }

    /**
     * A comment being written holds a key-share lock on its suggestion (the foreign-key check of its insert) until
     * it commits. A vote on the same suggestion must not wait for it: with a lock that conflicts (for update), a
     * vote and a comment of the same moment could deadlock, and one of them failed with a 500.
     */
    @Test
    void a_vote_does_not_wait_for_a_comment_being_written_on_the_same_suggestion() throws Exception {
        ExecutorService voter = Executors.newSingleThreadExecutor();
        try (Connection writing = dataSource.getConnection()) {
            writing.setAutoCommit(false);
            try (PreparedStatement keyShare = writing.prepareStatement("select 1 from suggestion where id = ? for key share")) {
                keyShare.setLong(1, suggestion.id);
                keyShare.executeQuery().close();
            }
            Future<Integer> vote = voter.submit(vote(tokens.get(0), "true"));
            try {
                // Not a timing assertion: a vote that waits for the lock waits until the rollback below, forever here.
                assertEquals(303, vote.get(60, TimeUnit.SECONDS), "the vote went through while the comment was open");
            } finally {
                writing.rollback();
                vote.get(60, TimeUnit.SECONDS);
            }
        } finally {
            voter.shutdownNow();
        }
        assertEquals(1, fx.counter(suggestion.id, "vote_count"));
        assertCountersMatchRows();
    }

    private void assertCountersMatchRows() {
        long id = suggestion.id;
        assertEquals(fx.number("select count(*) from vote where suggestion_id = ?1", id), fx.counter(id, "vote_count"),
                "vote_count equals the vote rows");
        assertEquals(fx.number("select count(*) from suggestion_follow where suggestion_id = ?1", id),
                fx.counter(id, "follower_count"), "follower_count equals the follow rows");
        // The service weighs a vote at millisecond resolution (Trending.exponent) while the database
        // keeps microseconds: up to 4e-9 half-lives per vote apart from the exact recomputation.
        assertEquals(votes.recomputed(id), votes.trendingOf(id), 1e-7, "trending equals its exact recomputation");
    }

    private Callable<Integer> vote(String token, String on) {
        return () -> {
            var request = given().auth().oauth2(token).redirects().follow(false)
                    .cookie(CSRF_COOKIE, csrf.cookie()).contentType("application/x-www-form-urlencoded")
                    .formParam(CSRF_FIELD, csrf.token());
            if (on != null) {
                request.formParam("on", on);
            }
            return request.post("/suggestions/" + suggestion.id + "/vote").statusCode();
        };
    }
}
