package app.fanloop.member;

import static app.fanloop.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Bearer tokens work (the app is a hybrid), and a member's first requests racing create one member. */
@QuarkusTest
class FirstSignInTest {

    @Inject
    Fixtures fx;

    @Test
    void concurrent_first_requests_create_one_member() throws Exception {
        String name = unique("newcomer");
        String token = DevTokens.accessToken(name);
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> statuses = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return given().auth().oauth2(token).redirects().follow(false).get("/me").statusCode();
                }));
            }
            start.countDown();
            for (Future<Integer> status : statuses) {
                assertEquals(200, status.get(30, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, fx.number("select count(*) from member where subject = ?1", name));
        // The dev provider names a user after the login name, capitalised.
        assertEquals(Character.toUpperCase(name.charAt(0)) + name.substring(1),
                fx.text("select name from member where subject = ?1", name));
    }
}
