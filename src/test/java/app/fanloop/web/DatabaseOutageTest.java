package app.fanloop.web;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.CSRF_COOKIE;
import static app.fanloop.web.Browser.CSRF_FIELD;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.eclipse.microprofile.config.ConfigProvider;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.DevTokens;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * PostgreSQL gone under the app (a proxy in front of it is cut): every page answers a localized 503
 * with Retry-After within the pool's acquisition timeout, readiness is DOWN, and once the database is
 * reachable again the same pages answer 200 without a restart.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.BehindProxy.class)
class DatabaseOutageTest {

    /** The app reaches PostgreSQL only through a proxy the test can cut. */
    public static class BehindProxy implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ProxiedDatabase.class));
        }
    }

    /** Starts the proxy in front of the test database and points the datasource at it. */
    public static class ProxiedDatabase implements QuarkusTestResourceLifecycleManager {
        static DatabaseProxy proxy;

        @Override
        public Map<String, String> start() {
            String url = ConfigProvider.getConfig().getOptionalValue("quarkus.datasource.jdbc.url", String.class)
                    .orElse("jdbc:postgresql://127.0.0.1:5432/fanloop_test");
            URI target = URI.create(url.substring("jdbc:".length()));
            proxy = new DatabaseProxy(target.getHost(), target.getPort() < 0 ? 5432 : target.getPort());
            try {
                proxy.start();
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
            String proxied = "jdbc:postgresql://127.0.0.1:" + proxy.port() + target.getRawPath()
                    + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
            return Map.of("quarkus.datasource.jdbc.url", proxied, "%test.quarkus.datasource.jdbc.url", proxied);
        }

        @Override
        public void stop() {
            if (proxy != null) {
                proxy.cut();
            }
        }
    }

    @Inject
    Fixtures fx;

    private final Duration acquisitionTimeout = ConfigProvider.getConfig()
            .getValue("quarkus.datasource.jdbc.acquisition-timeout", Duration.class);

    @AfterEach
    void databaseBack() throws Exception {
        ProxiedDatabase.proxy.restore();
    }

    @Test
    void pages_answer_a_localized_503_while_the_database_is_gone_and_200_once_it_is_back() throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        assertTrue(url.contains(":" + ProxiedDatabase.proxy.port() + "/"), "the app goes through the proxy: " + url);
        Board board = fx.board();
        Suggestion suggestion = fx.suggestion(board, fx.someone(), unique("Outage"));
        String token = DevTokens.accessToken(unique("outage"));
        Browser.Csrf csrf = Browser.csrf();
        List<Page> pages = List.of(
                new Page("board page", spec -> spec.get("/boards/" + board.slug)),
                new Page("suggestion page", spec -> spec.get("/suggestions/" + suggestion.id)),
                new Page("search (address limit before the page)", spec -> spec.get("/search?q=outage")),
                new Page("signed-in page", spec -> spec.auth().oauth2(token).get("/me")),
                new Page("htmx vote", spec -> spec.auth().oauth2(token).header("HX-Request", "true")
                        .cookie(CSRF_COOKIE, csrf.cookie()).contentType(Browser.FORM)
                        .formParam(CSRF_FIELD, csrf.token()).formParam("on", "true")
                        .post("/suggestions/" + suggestion.id + "/vote")));
        for (Page page : pages) {
            assertTrue(page.call("en").statusCode() < 400, page.name + " works before the outage");
        }

        ProxiedDatabase.proxy.cut();

        for (Page page : pages) {
            for (String language : List.of("zh", "en")) {
                long started = System.nanoTime();
                Response response = page.call(language);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                String what = page.name + " in " + language;
                assertEquals(503, response.statusCode(), what + ": " + response.asString());
                assertTrue(took.compareTo(acquisitionTimeout.plusSeconds(2)) < 0, what + " answered within the pool's timeout: " + took);
                assertNotNull(response.getHeader("Retry-After"), what + " says when to retry");
                assertTrue(Integer.parseInt(response.getHeader("Retry-After")) > 0);
                Document doc = Jsoup.parse(response.asString());
                assertEquals("503", doc.selectFirst(".error-page .code").text(), what);
                assertEquals(language.equals("zh") ? "服务暂时不可用" : "Temporarily unavailable",
                        doc.selectFirst(".error-page h1").text(), what);
                String body = response.asString();
                for (String internal : List.of("Exception", "SQL", "org.", "at app.fanloop", "jdbc", "Incident", "错误编号")) {
                    assertFalse(body.contains(internal), what + " shows no internals (" + internal + ")");
                }
            }
        }
        Response ready = given().get("/q/health/ready");
        assertEquals(503, ready.statusCode(), "readiness is DOWN while the database is gone: " + ready.asString());
        assertEquals("DOWN", ready.jsonPath().getString("status"));

        ProxiedDatabase.proxy.restore();

        for (Page page : pages) {
            Response response = page.call("en");
            assertTrue(response.statusCode() == 200 || response.statusCode() == 303,
                    page.name + " works again without a restart: " + response.statusCode() + " " + response.asString());
        }
        assertEquals(200, given().get("/q/health/ready").statusCode(), "readiness is UP again");
    }

    @Test
    void a_database_that_hangs_gets_the_503_once_the_pools_acquisition_timeout_is_over() throws Exception {
        Board board = fx.board();
        Suggestion suggestion = fx.suggestion(board, fx.someone(), unique("Hang"));
        String token = DevTokens.accessToken(unique("hang"));
        Browser.Csrf csrf = Browser.csrf();
        Page boardPage = new Page("board page", spec -> spec.get("/boards/" + board.slug));
        Page vote = new Page("htmx vote", spec -> spec.auth().oauth2(token).header("HX-Request", "true")
                .cookie(CSRF_COOKIE, csrf.cookie()).contentType(Browser.FORM)
                .formParam(CSRF_FIELD, csrf.token()).formParam("on", "true")
                .post("/suggestions/" + suggestion.id + "/vote"));
        assertEquals(200, boardPage.call("zh").statusCode());
        assertEquals(200, given().auth().oauth2(token).get("/me").statusCode());

        ProxiedDatabase.proxy.stall();

        for (Page page : List.of(boardPage, vote)) {
            for (String language : List.of("zh", "en")) {
                long started = System.nanoTime();
                Response response = page.call(language);
                Duration took = Duration.ofNanos(System.nanoTime() - started);
                String what = page.name + " in " + language;
                assertEquals(503, response.statusCode(), what + ": " + response.asString());
                assertTrue(took.compareTo(acquisitionTimeout.plusSeconds(2)) < 0, what + " answered within the pool's timeout: " + took);
                assertEquals(language.equals("zh") ? "服务暂时不可用" : "Temporarily unavailable",
                        Jsoup.parse(response.asString()).selectFirst(".error-page h1").text(), what);
            }
        }
        assertEquals(503, given().get("/q/health/ready").statusCode(), "readiness is DOWN while the database hangs");

        ProxiedDatabase.proxy.restore();

        assertEquals(200, boardPage.call("en").statusCode(), "the board page works again without a restart");
        assertEquals(200, vote.call("en").statusCode(), "voting works again without a restart");
        assertEquals(1, fx.counter(suggestion.id, "vote_count"), "the vote after the outage was stored");
        assertEquals(1, fx.number("select count(*) from vote where suggestion_id = ?1", suggestion.id));
    }

    private record Page(String name, Function<RequestSpecification, Response> request) {
        Response call(String language) {
            RequestSpecification spec = given().redirects().follow(false).header("Accept-Language", language);
            return request.apply(spec);
        }
    }
}
