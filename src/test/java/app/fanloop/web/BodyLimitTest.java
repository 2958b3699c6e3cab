package app.fanloop.web;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** quarkus.http.limits.max-body-size=256K: larger requests are turned away before any work is done. */
@QuarkusTest
@TestSecurity(user = "bob", roles = "fan")
class BodyLimitTest {

    @Inject
    Fixtures fx;

    @Test
    void request_body_over_the_limit_gets_413_and_stores_nothing() {
        Board board = fx.board();

        Response tooLarge = form().formParam("kind", "SUGGESTION").formParam("title", unique("Huge"))
                .formParam("body", "x".repeat(300 * 1024)).post("/boards/" + board.slug + "/suggestions");

        assertEquals(413, tooLarge.statusCode());
        assertEquals(0, fx.suggestionCount(board.id));
    }
}
