package app.fanloop.api;

import static app.fanloop.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.DevTokens;
import app.fanloop.release.Release;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Every route of the API at once (read from the compiled classes, as ApiContractTest reads them): each GET
 * answers JSON with an ETag and a 304 to it; each write refuses malformed JSON and a body that is not JSON with a
 * 4xx problem, never a 5xx, and stores nothing.
 */
@QuarkusTest
class ApiSweepTest {

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures releases;

    @Inject
    app.fanloop.poll.PollFixtures polls;

    /** Real values for the routes' path parameters. */
    Map<String, String> values() {
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, fx.someone(), unique("Sweep"));
        Comment c = fx.comment(s.id, fx.someone(), null, "Swept", false);
        polls.poll(s.id, false, false, null, "Swept yes", "Swept no");
        long item = fx.featureItem(unique("Sweep item"), s.id);
        Release r = releases.draft(ReleaseChannel.DEV, unique("sweep"), null, s.id);
        releases.publish(r.id);
        return Map.of("slug", board.slug, "/suggestions/{id}", s.id.toString(), "/comments/{id}", c.id.toString(),
                "/feature-items/{id}", Long.toString(item), "/releases/{id}", r.id.toString(),
                "/members/{id}", fx.member("bob").id.toString(), "suggestionId", s.id.toString(), "channel", "stable");
    }

    String fill(String path, Map<String, String> values) {
        String filled = path.replace("{slug}", values.get("slug")).replace("{channel}", values.get("channel"))
                .replace("{suggestionId}", values.get("suggestionId"));
        for (String prefix : List.of("/suggestions/{id}", "/comments/{id}", "/feature-items/{id}", "/releases/{id}",
                "/members/{id}")) {
            if (filled.contains(prefix)) {
                filled = filled.replace(prefix, prefix.replace("{id}", values.get(prefix)));
            }
        }
        assertTrue(!filled.contains("{"), "no value for a parameter of " + path);
        return filled;
    }

    @Test
    void every_get_answers_json_with_an_etag_and_a_304_to_it() {
        Map<String, String> values = values();
        String token = DevTokens.accessToken("alice");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (ApiContractTest.Route route : ApiContractTest.routes()) {
            if (!route.method().equals("GET")) {
                continue;
            }
            checked++;
            String path = fill(route.path(), values) + (route.path().endsWith("/search") ? "?q=Sweep"
                    : route.path().endsWith("/similar") ? "?title=Sweep" : "");
            Response first = given().auth().oauth2(token).get(path);
            String tag = first.getHeader("ETag");
            if (first.statusCode() != 200 || tag == null || !first.getContentType().startsWith("application/json")) {
                problems.add(route.key() + ": " + first.statusCode() + " " + first.getContentType() + " ETag " + tag);
                continue;
            }
            int again = given().auth().oauth2(token).header("If-None-Match", tag).get(path).statusCode();
            if (again != 304) {
                problems.add(route.key() + ": If-None-Match answered " + again);
            }
        }
        assertTrue(checked >= 14, "only " + checked + " GET routes");
        assertEquals(List.of(), problems);
    }

    @Test
    void every_write_refuses_malformed_json_with_a_problem_and_stores_nothing() {
        Map<String, String> values = values();
        String token = DevTokens.accessToken("alice");
        List<String> problems = new ArrayList<>();
        int checked = 0;
        for (ApiContractTest.Route route : ApiContractTest.routes()) {
            if (route.method().equals("GET") || !ApiContractTest.hasBody(route.declared())) {
                continue;
            }
            checked++;
            String path = fill(route.path(), values);
            long before = fx.number("select (select count(*) from suggestion) + (select count(*) from comment)"
                    + " + (select count(*) from feature_item) + (select count(*) from report)");
            for (String[] body : List.of(new String[] { "application/json", "{\"title\": " },
                    new String[] { "application/json", "[1, 2" }, new String[] { "text/plain", "hello" })) {
                Response r = given().auth().oauth2(token).contentType(body[0]).body(body[1]).request(route.method(), path);
                boolean json = "text/plain".equals(body[0]);
                int expected = json ? 415 : 400;
                if (r.statusCode() != expected || !String.valueOf(r.getContentType()).startsWith("application/problem+json")) {
                    problems.add(route.key() + " with " + body[0] + " '" + body[1] + "': " + r.statusCode() + " "
                            + r.getContentType());
                }
            }
            long after = fx.number("select (select count(*) from suggestion) + (select count(*) from comment)"
                    + " + (select count(*) from feature_item) + (select count(*) from report)");
            if (before != after) {
                problems.add(route.key() + ": stored something");
            }
        }
        assertTrue(checked >= 12, "only " + checked + " write routes with a body");
        assertEquals(List.of(), problems);
    }
}
