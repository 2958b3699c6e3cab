package app.fanloop.honour;

import static app.fanloop.ConcurrentRequests.runTogether;
import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.CSRF_COOKIE;
import static app.fanloop.web.Browser.CSRF_FIELD;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.member.DevTokens;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.Browser;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The author's points stay exact when many members vote, withdraw and comment at the same moment:
 * each member calls the app with their own bearer token, as in ConcurrentVotingTest.
 */
@QuarkusTest
class HonourConcurrencyTest {

    /** The order the simultaneous requests start in (fixed, so a failure can be repeated). */
    private static final long SHUFFLE_SEED = 11;

    private static final int MEMBERS = 8;

    @Inject
    Fixtures fx;

    @Inject
    HonourFixtures hf;

    @Inject
    HonourConfig config;

    @Test
    void racing_votes_withdrawals_and_comments_leave_the_authors_points_equal_to_the_ledger() throws Exception {
        Member author = fx.someone();
        Suggestion s = hf.posted(fx.board(), author, unique("Crowded"));
        Browser.Csrf csrf = Browser.csrf();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < MEMBERS; i++) {
            String token = DevTokens.accessToken(unique("crowd"));
            given().auth().oauth2(token).get("/me").then().statusCode(200);
            tokens.add(token);
        }
        List<Callable<Integer>> requests = new ArrayList<>();
        for (String token : tokens) {
            for (int t = 0; t < 4; t++) {
                requests.add(post(token, csrf, s.votePath(), null));
            }
            requests.add(post(token, csrf, s.commentsPath(), "Me too!"));
        }

        assertEquals(Collections.nCopies(requests.size(), 303), runTogether(requests, SHUFFLE_SEED));

        long votes = fx.number("select count(*) from vote where suggestion_id = ?1", s.id);
        assertEquals(config.points().posted() + votes * config.points().voteReceived(), hf.points(author));
        assertEquals(votes, fx.number("""
                select count(*) from honour_point where reason = 'VOTE_RECEIVED' and suggestion_id = ?1 and revoked_at is null""",
                s.id), "one unrevoked row per standing vote");
        assertEquals(MEMBERS, fx.number("""
                select count(*) from honour_point where reason = 'COMMENTED' and suggestion_id = ?1 and revoked_at is null""",
                s.id));
        hf.assertLedgerConsistent();
    }

    private static Callable<Integer> post(String token, Browser.Csrf csrf, String path, String body) {
        return () -> {
            var request = given().auth().oauth2(token).redirects().follow(false)
                    .cookie(CSRF_COOKIE, csrf.cookie()).contentType("application/x-www-form-urlencoded")
                    .formParam(CSRF_FIELD, csrf.token());
            if (body != null) {
                request.formParam("body", body);
            }
            return request.post(path).statusCode();
        };
    }
}
