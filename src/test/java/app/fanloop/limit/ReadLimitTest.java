package app.fanloop.limit;

import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.member.DevTokens;
import app.fanloop.web.SiteClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/** The limits on reading (search, hints, feeds, pages past the visitor cache) and on sign-in attempts. */
@QuarkusTest
@TestProfile(ReadLimitTest.SmallReadLimits.class)
class ReadLimitTest {

    /** Per address: two searches, two hints, two feeds, four pages a minute; members get twice as many. */
    public static class SmallReadLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("fanloop.rate-limit.actions.search.count", "2"),
                    Map.entry("fanloop.rate-limit.actions.search.member-count", "4"),
                    Map.entry("fanloop.rate-limit.actions.search.window", "PT1M"),
                    Map.entry("fanloop.rate-limit.actions.hints.count", "2"),
                    Map.entry("fanloop.rate-limit.actions.hints.member-count", "4"),
                    Map.entry("fanloop.rate-limit.actions.hints.window", "PT1M"),
                    Map.entry("fanloop.rate-limit.actions.feed.count", "2"),
                    Map.entry("fanloop.rate-limit.actions.feed.member-count", "4"),
                    Map.entry("fanloop.rate-limit.actions.feed.window", "PT1M"),
                    Map.entry("fanloop.rate-limit.actions.page.count", "4"),
                    Map.entry("fanloop.rate-limit.actions.page.window", "PT1M"),
                    Map.entry("fanloop.rate-limit.actions.login.count", "2"),
                    Map.entry("fanloop.rate-limit.actions.login.window", "PT1M"));
        }
    }

    @Inject
    Fixtures fx;

    @Inject
    SiteClock clock;

    @Inject
    RequestLimit counter;

    @Inject
    javax.sql.DataSource dataSource;

    /** Every request of these tests comes from 127.0.0.1: each test starts with fresh counters. */
    @BeforeEach
    void freshCounters() throws java.sql.SQLException {
        try (var c = dataSource.getConnection(); var delete = c.createStatement()) {
            delete.executeUpdate("delete from rate_window");
        }
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void hints_are_limited_per_address_with_a_localized_429_and_retry_after() {
        for (int i = 0; i < 2; i++) {
            page().queryParam("title", "battery " + i).get("/search/similar").then().statusCode(200);
        }
        Response refused = page().queryParam("title", "battery 3").get("/search/similar");
        assertTooMany(refused, "Too many requests");
    }

    @Test
    void searches_are_limited_per_address_in_chinese_too() {
        for (int i = 0; i < 2; i++) {
            given().queryParam("q", "limit " + i).get("/search").then().statusCode(200);
        }
        Response refused = given().header("Accept-Language", "zh").queryParam("q", "limit 3").get("/search");
        assertTooMany(refused, "操作太频繁");
    }

    @Test
    void feeds_are_limited_per_address() {
        for (int i = 0; i < 2; i++) {
            page().get("/releases.atom").then().statusCode(200);
        }
        assertTooMany(page().get("/releases.atom"), "Too many requests");
    }

    @Test
    void pages_the_visitor_cache_does_not_serve_are_limited_per_address() {
        for (int i = 0; i < 4; i++) {
            page().get("/").then().statusCode(200);
        }
        assertTooMany(page().get("/"), "Too many requests");
        // Searches keep their own bucket: a reader who paged a lot can still search.
        page().queryParam("q", "still").get("/search").then().statusCode(200);
    }

    @Test
    void a_forged_session_cookie_skips_no_limit() {
        for (int i = 0; i < 2; i++) {
            page().queryParam("title", "forged " + i).get("/search/similar").then().statusCode(200);
        }
        // A cookie named like the session's is no sign-in: the visitor is counted by address as before.
        Response named = page().cookie("q_session_x", "1").queryParam("title", "forged 3").get("/search/similar");
        assertTooMany(named, "Too many requests");
        // A session cookie that does not decrypt is refused by the sign-in itself: off to the provider, nothing searched.
        Response forged = page().cookie("q_session", "x").queryParam("title", "forged 4").get("/search/similar");
        assertEquals(302, forged.statusCode());
        assertTrue(forged.getHeader("Location").startsWith(DevTokens.provider()), forged.getHeader("Location"));
        for (int i = 0; i < 2; i++) {
            page().cookie("q_session_x", "2").queryParam("q", "forged " + i).get("/search").then().statusCode(200);
        }
        assertTooMany(page().cookie("q_session_x", "2").queryParam("q", "forged").get("/search"), "Too many requests");
    }

    @Test
    @TestSecurity(user = "busy-reader", roles = "fan")
    void a_signed_in_member_is_counted_per_member_with_the_larger_limit() {
        fx.member("busy-reader");
        for (int i = 0; i < 4; i++) {
            page().queryParam("q", "member " + i).get("/search").then().statusCode(200);
        }
        assertTooMany(page().queryParam("q", "member 5").get("/search"), "Too many requests");

        clock.advance(Duration.ofMinutes(3));
        page().queryParam("q", "later").get("/search").then().statusCode(200);
    }

    @Test
    @TestSecurity(user = "page-reader", roles = "fan")
    void a_signed_in_members_page_views_are_not_counted() {
        fx.member("page-reader");
        for (int i = 0; i < 12; i++) {
            page().get("/releases").then().statusCode(200);
        }
    }

    @Test
    void a_bearer_token_counts_for_its_member_not_for_the_address() {
        String token = DevTokens.accessToken("token-reader");
        for (int i = 0; i < 2; i++) {
            page().queryParam("q", "visitor " + i).get("/search").then().statusCode(200);
        }
        assertEquals(429, page().queryParam("q", "visitor 3").get("/search").statusCode());
        for (int i = 0; i < 4; i++) {
            bearer(token).queryParam("q", "token " + i).get("/search").then().statusCode(200);
        }
        assertEquals(429, bearer(token).queryParam("q", "token 5").get("/search").statusCode());
    }

    @Test
    void sign_in_attempts_are_limited_per_address_before_the_challenge_whatever_the_cookies() {
        for (int i = 0; i < 2; i++) {
            assertEquals(302, page().cookie("q_session", "x").get("/login").statusCode(), "sent to the provider");
        }
        Response refused = page().cookie("q_session", "x").get("/login");
        assertTooMany(refused, "Too many requests");
        assertEquals(429, given().header("Accept-Language", "zh").get("/login").statusCode());
        assertTrue(given().header("Accept-Language", "zh").get("/login").asString().contains("操作太频繁"));
    }

    @Test
    void counters_are_shared_by_every_node_and_slide_with_the_window() throws Exception {
        // Two independent counters stand for two nodes: only the database is shared.
        RequestLimit nodeA = counter;
        RequestLimit nodeB = new RequestLimit(dataSource, clock);
        String address = "ip:" + Fixtures.unique("10.0.0");
        clock.advance(Duration.ofMillis(60_000 - clock.now().toEpochMilli() % 60_000 + 1000)); // a window's start
        assertEquals(0, nodeA.hit("login", address, 2, Duration.ofMinutes(1)));
        assertEquals(0, nodeB.hit("login", address, 2, Duration.ofMinutes(1)));
        assertTrue(nodeA.hit("login", address, 2, Duration.ofMinutes(1)) > 0);
        assertTrue(nodeB.hit("login", address, 2, Duration.ofMinutes(1)) > 0);

        // Half a minute into the next window, half of the previous one's two still count: one more fits, not two.
        clock.advance(Duration.ofSeconds(60 + 30));
        assertEquals(0, nodeA.hit("login", address, 2, Duration.ofMinutes(1)));
        long wait = nodeB.hit("login", address, 2, Duration.ofMinutes(1));
        assertTrue(wait > 0 && wait <= 31, "free again once the previous window has slid out: " + wait);
    }

    @Test
    void generous_limits_reserve_hits_in_batches_yet_all_nodes_together_never_exceed_the_limit() throws Exception {
        RequestLimit nodeA = counter;
        RequestLimit nodeB = new RequestLimit(dataSource, clock);
        String address = "ip:" + Fixtures.unique("10.0.1");
        clock.advance(Duration.ofMillis(60_000 - clock.now().toEpochMilli() % 60_000 + 1000)); // a window's start
        int allowed = 100;   // a twentieth: 5 hits reserved per write

        int granted = 0;
        for (int i = 0; i < 70; i++) {
            granted += nodeA.hit("page", address, allowed, Duration.ofMinutes(1)) == 0 ? 1 : 0;
            granted += nodeB.hit("page", address, allowed, Duration.ofMinutes(1)) == 0 ? 1 : 0;
        }

        assertEquals(allowed, granted, "both nodes together let exactly the limit through");
        long counted = fx.number("select coalesce(sum(hits), 0) from rate_window where subject = ?1", address);
        assertEquals(allowed, counted, "reservations are counted like hits, refusals are taken back");
        assertTrue(nodeA.hit("page", address, allowed, Duration.ofMinutes(1)) > 0);
    }

    private static RequestSpecification bearer(String token) {
        return page().header("Authorization", "Bearer " + token);
    }

    private static void assertTooMany(Response refused, String title) {
        assertEquals(429, refused.statusCode(), refused.asString());
        assertNotNull(refused.getHeader("Retry-After"));
        assertTrue(Long.parseLong(refused.getHeader("Retry-After")) > 0);
        assertTrue(refused.getContentType().startsWith("text/html"), refused.getContentType());
        assertEquals(title, html(refused).selectFirst("h1").text());
    }
}
