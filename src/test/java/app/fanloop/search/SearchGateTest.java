package app.fanloop.search;

import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** At most fanloop.search.max-concurrent searches at once; the next reader gets a quick 503, never a wait forever. */
@QuarkusTest
class SearchGateTest {

    @Inject
    SearchGate gate;

    @Inject
    SearchConfig config;

    private int held;

    @AfterEach
    void releaseHeld() {
        for (; held > 0; held--) {
            gate.release();
        }
    }

    /** Takes every slot, as that many long searches would. */
    private void fillTheGate() {
        while (gate.tryHold()) {
            held++;
        }
        assertEquals(config.maxConcurrent(), held);
    }

    @Test
    void a_search_over_the_cap_gets_a_quick_localized_503_with_retry_after() {
        fillTheGate();
        long start = System.nanoTime();
        Response busy = page().queryParam("q", "battery").get("/search");
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(503, busy.statusCode());
        assertEquals("2", busy.getHeader("Retry-After"));
        assertEquals("Search is busy", html(busy).selectFirst("h1").text());
        assertTrue(took < 5000, "answered after " + took + " ms");

        Response zh = io.restassured.RestAssured.given().header("Accept-Language", "zh").queryParam("q", "battery").get("/search");
        assertEquals(503, zh.statusCode());
        assertEquals("搜索繁忙", html(zh).selectFirst("h1").text());

        Response hints = page().header("HX-Request", "true").queryParam("title", "battery life").get("/search/similar");
        assertEquals(503, hints.statusCode());
        assertEquals("2", hints.getHeader("Retry-After"));
        assertTrue(hints.asString().contains("Many people are searching"), hints.asString());

        releaseHeld();
        page().queryParam("q", "battery").get("/search").then().statusCode(200);
        page().queryParam("title", "battery life").get("/search/similar").then().statusCode(200);
    }

    @Test
    void pages_render_while_every_search_slot_is_taken() {
        fillTheGate();
        page().get("/").then().statusCode(200);
    }

    @Test
    void a_search_waiting_for_a_slot_runs_when_one_frees_up_in_time() throws Exception {
        fillTheGate();
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
            started.countDown();
            return gate.run(() -> "ran");
        });
        started.await();
        gate.release();
        held--;
        assertEquals("ran", waiting.get(5, TimeUnit.SECONDS));
        assertThrows(SearchGate.Busy.class, () -> {
            gate.tryHold();
            held++;
            gate.run(() -> "never");
        });
    }
}
