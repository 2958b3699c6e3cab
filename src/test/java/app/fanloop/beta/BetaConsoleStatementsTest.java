package app.fanloop.beta;

import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/** The console scores a page of applicants with a constant number of statements, whatever their number. */
@QuarkusTest
@TestSecurity(user = "paula", roles = "pm")
class BetaConsoleStatementsTest {

    @Inject
    Fixtures fx;

    @Inject
    BetaFixtures beta;

    @Inject
    SessionFactory sessions;

    @Test
    void the_console_runs_the_same_number_of_statements_for_two_and_thirty_applicants() {
        BetaProgram few = beta.program(10, 1, 0, null);
        for (int i = 0; i < 2; i++) {
            beta.application(few, fx.someone().id, i == 0 ? "ACCEPTED" : "APPLIED", "Xiaomi 14");
        }
        BetaProgram many = beta.program(10, 1, 0, null);
        for (int i = 0; i < 30; i++) {
            beta.application(many, fx.someone().id, i < 5 ? "ACCEPTED" : "APPLIED", "Xiaomi 14");
        }
        page().get("/triage/beta/" + few.slug).then().statusCode(200);

        assertEquals(statements("/triage/beta/" + few.slug), statements("/triage/beta/" + many.slug));
        assertEquals(statements("/triage/beta/" + few.slug + "?sort=date"), statements("/triage/beta/" + many.slug + "?sort=date"));
    }

    /** Statements one request prepares; the lower of two runs (a once-in-a-while write does not count). */
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
