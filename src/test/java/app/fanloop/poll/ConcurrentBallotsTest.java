package app.fanloop.poll;

import static app.fanloop.ConcurrentRequests.runTogether;
import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.CSRF_COOKIE;
import static app.fanloop.web.Browser.CSRF_FIELD;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.poll.PollFixtures.Fan;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.Browser;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A poll's counts stay exact when many members cast, change and withdraw their ballots at the same moment (as
 * ConcurrentVotingTest does for votes): each member calls the app with their own bearer token.
 */
@QuarkusTest
class ConcurrentBallotsTest {

    /** The order the simultaneous requests start in and the choices made (fixed, so a failure can be repeated). */
    private static final long SEED = 11;
    private static final int MEMBERS = 10;

    @Inject
    Fixtures fx;

    @Inject
    PollFixtures polls;

    private final List<Fan> fans = new ArrayList<>();
    private Browser.Csrf csrf;

    @BeforeEach
    void tenMembers() {
        csrf = Browser.csrf();
        for (int i = 0; i < MEMBERS; i++) {
            fans.add(polls.fan("crowd"));
        }
    }

    @Test
    void sixty_concurrent_ballots_changes_and_withdrawals_keep_every_count_equal_to_the_rows() throws Exception {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Crowded poll"));
        List<Long> options = polls.poll(s.id, true, false, null, "Clock", "Weather", "Steps", "Music");
        Random random = new Random(SEED);
        List<Callable<Integer>> requests = new ArrayList<>();
        for (Fan fan : fans) {
            for (int t = 0; t < 6; t++) {
                if (random.nextInt(5) == 0) {
                    requests.add(withdraw(fan, s.id));
                    continue;
                }
                List<Long> chosen = new ArrayList<>();
                for (Long option : options) {
                    if (random.nextBoolean()) {
                        chosen.add(option);
                    }
                }
                if (chosen.isEmpty()) {
                    chosen.add(options.get(random.nextInt(options.size())));
                }
                requests.add(ballot(fan, s.id, chosen));
            }
        }

        assertEquals(Collections.nCopies(60, 303), runTogether(requests, SEED));

        assertCountsMatchRows(s.id, options);
    }

    @Test
    void everyone_switching_at_once_moves_every_ballot_exactly() throws Exception {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Switching poll"));
        List<Long> options = polls.poll(s.id, false, false, null, "Before", "After");
        List<Callable<Integer>> first = new ArrayList<>();
        for (Fan fan : fans) {
            for (int t = 0; t < 3; t++) {
                first.add(ballot(fan, s.id, List.of(options.get(0))));
            }
        }
        assertEquals(Collections.nCopies(30, 303), runTogether(first, SEED));
        assertEquals(MEMBERS, polls.voters(s.id), "one ballot per member, however often sent");
        assertEquals(MEMBERS, polls.count(options.get(0)));

        List<Callable<Integer>> switched = new ArrayList<>();
        for (Fan fan : fans) {
            for (int t = 0; t < 3; t++) {
                switched.add(ballot(fan, s.id, List.of(options.get(1))));
            }
        }
        assertEquals(Collections.nCopies(30, 303), runTogether(switched, SEED));

        assertEquals(MEMBERS, polls.voters(s.id));
        assertEquals(0, polls.count(options.get(0)));
        assertEquals(MEMBERS, polls.count(options.get(1)));
        assertCountsMatchRows(s.id, options);
    }

    private void assertCountsMatchRows(long suggestionId, List<Long> options) {
        assertEquals(polls.ballotRows(suggestionId), polls.voters(suggestionId), "voter_count equals the ballot rows");
        for (Long option : options) {
            assertEquals(polls.choiceRows(option), polls.count(option), "ballot_count equals the choice rows of " + option);
        }
        assertEquals(0, fx.number("""
                select count(*) from poll_ballot b join poll p on p.id = b.poll_id
                where p.suggestion_id = ?1 and not exists (select 1 from poll_choice c
                    where c.poll_id = b.poll_id and c.member_id = b.member_id)""", suggestionId),
                "every ballot holds a choice");
    }

    private Callable<Integer> ballot(Fan fan, long suggestionId, List<Long> chosen) {
        return () -> {
            var request = given().auth().oauth2(fan.token()).redirects().follow(false)
                    .cookie(CSRF_COOKIE, csrf.cookie()).contentType("application/x-www-form-urlencoded")
                    .formParam(CSRF_FIELD, csrf.token());
            chosen.forEach(o -> request.formParam("option", o));
            return request.post("/suggestions/" + suggestionId + "/poll/ballot").statusCode();
        };
    }

    private Callable<Integer> withdraw(Fan fan, long suggestionId) {
        return () -> given().auth().oauth2(fan.token()).redirects().follow(false)
                .cookie(CSRF_COOKIE, csrf.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam(CSRF_FIELD, csrf.token()).formParam("withdraw", "true")
                .post("/suggestions/" + suggestionId + "/poll/ballot").statusCode();
    }
}
