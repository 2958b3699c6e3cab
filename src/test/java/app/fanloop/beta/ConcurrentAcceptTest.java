package app.fanloop.beta;

import static app.fanloop.ConcurrentRequests.runTogether;
import static app.fanloop.web.Browser.form;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.poll.PollFixtures;
import app.fanloop.poll.PollFixtures.Fan;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The quota holds when two PMs accept at the same moment (as two nodes would: each request its own transaction):
 * for the last place, two PMs accept two different applicants at once; exactly one gets it, the other is told the
 * places are taken (400, never a 500), and accepted_count equals the accepted rows. Repeated on several programs,
 * and once with "accept the top N" racing a single accept.
 */
@QuarkusTest
class ConcurrentAcceptTest {

    private static final long SEED = 20;
    private static final int ROUNDS = 6;

    @Inject
    Fixtures fx;

    @Inject
    PollFixtures members;

    @Inject
    BetaFixtures beta;

    @Test
    void two_pms_accepting_different_applicants_for_the_last_place_never_exceed_it() throws Exception {
        Fan paula = members.pm("paula");
        Fan peter = members.pm("peter");
        for (int round = 0; round < ROUNDS; round++) {
            BetaProgram p = beta.program(2, 0, 0, null);
            beta.application(p, members.fan("in").id(), "ACCEPTED", "Xiaomi 14");
            long first = beta.application(p, members.fan("x").id(), "APPLIED", "Xiaomi 14");
            long second = beta.application(p, members.fan("y").id(), "APPLIED", "Xiaomi 14");

            List<Callable<Integer>> requests = new ArrayList<>();
            requests.add(() -> accept(paula, p, first));
            requests.add(() -> accept(peter, p, second));
            List<Integer> statuses = new ArrayList<>(runTogether(requests, SEED + round));
            statuses.sort(null);

            assertEquals(List.of(303, 400), statuses, "one accept wins, the other is refused with a message");
            assertQuotaExact(p, 2);
        }
    }

    @Test
    void top_n_racing_a_single_accept_never_exceeds_the_places() throws Exception {
        Fan paula = members.pm("paula");
        Fan peter = members.pm("peter");
        for (int round = 0; round < ROUNDS; round++) {
            BetaProgram p = beta.program(3, 0, 0, null);
            List<Long> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                ids.add(beta.application(p, members.fan("crowd").id(), "APPLIED", "Xiaomi 14"));
            }
            long last = ids.get(4);
            List<Callable<Integer>> requests = new ArrayList<>();
            requests.add(() -> form().auth().oauth2(paula.token()).formParam("n", "3").post("/triage/beta/" + p.slug + "/top")
                    .statusCode());
            requests.add(() -> accept(peter, p, last));
            List<Integer> statuses = runTogether(requests, SEED * 7 + round);

            for (int status : statuses) {
                assertEquals(true, status == 303 || status == 400, "no error page: " + statuses);
            }
            assertQuotaExact(p, 3);
        }
    }

    private void assertQuotaExact(BetaProgram p, int places) {
        long rows = fx.number("select count(*) from beta_application where program_id = ?1 and state = 'ACCEPTED'", p.id);
        assertEquals(places, rows, "every place taken, none more");
        assertEquals(rows, fx.number("select accepted_count from beta_program where id = ?1", p.id));
        assertEquals(rows, fx.number("select count(*) from member where ?1 = any(beta_programs)", p.id),
                "exactly the accepted testers have access");
    }

    private static int accept(Fan pm, BetaProgram p, long application) {
        return form().auth().oauth2(pm.token()).formParam("state", "ACCEPTED")
                .post("/triage/beta/" + p.slug + "/applications/" + application + "/decision").statusCode();
    }
}
