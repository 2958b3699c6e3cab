package app.fanloop.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.member.DevTokens;
import app.fanloop.member.Member;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * Every error of the JSON API is an RFC 9457 problem: application/problem+json with a stable type, a title in the
 * reader's language (zh and en), the status, and the headers the status calls for; never a page, never internals.
 */
@QuarkusTest
class ApiProblemsTest {

    static final String JSON = "application/json";

    @Inject
    Fixtures fx;

    /** One way to provoke an error, in a language. */
    record Case(String name, int status, String type, String zh, String en, Function<RequestSpecification, Response> call) {
    }

    @Test
    void every_error_status_is_a_localized_problem_with_its_type() {
        String token = DevTokens.accessToken(Fixtures.unique("problems"));
        String banned = Fixtures.unique("problems-banned");
        String bannedToken = DevTokens.accessToken(banned);
        given().auth().oauth2(bannedToken).get("/api/v1/me").then().statusCode(200);
        fx.sanction(fx.member(banned), "BAN", null, "repeated spam");
        String big = "{\"ids\":[" + "1,".repeat(200_000) + "1]}";
        List<Case> cases = List.of(
                new Case("malformed JSON", 400, "malformed-body", "请求体不是有效的 JSON", "Malformed JSON body",
                        r -> r.auth().oauth2(token).contentType(JSON).body("{\"ids\": [1,").post("/api/v1/me/notifications/read")),
                new Case("JSON of the wrong shape", 400, "malformed-body", "请求体不是有效的 JSON", "Malformed JSON body",
                        r -> r.auth().oauth2(token).contentType(JSON).body("{\"ids\": \"all\"}").post("/api/v1/me/notifications/read")),
                new Case("a bad query value", 400, "bad-request", "请求有误", "Bad request",
                        r -> r.auth().oauth2(token).get("/api/v1/me/notifications?limit=0")),
                new Case("a cursor not of ours", 400, "bad-request", "请求有误", "Bad request",
                        r -> r.auth().oauth2(token).get("/api/v1/me/notifications?cursor=bm90LW91cnM")),
                new Case("a path value that is no number", 404, "not-found", "未找到", "Not found",
                        r -> r.get("/api/v1/members/abc")),
                new Case("no credential", 401, "unauthorized", "需要身份凭据", "Authentication required",
                        r -> r.get("/api/v1/me")),
                new Case("a token that does not check out", 401, "unauthorized", "需要身份凭据", "Authentication required",
                        r -> r.auth().oauth2("eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl").get("/api/v1/me")),
                new Case("an unknown API key", 401, "unauthorized", "需要身份凭据", "Authentication required",
                        r -> r.auth().oauth2("fl_" + "A".repeat(43)).get("/api/v1/me")),
                new Case("a banned member", 403, "sanctioned", "账号受到限制", "Account restricted",
                        r -> r.auth().oauth2(bannedToken).contentType(JSON).body("{}").post("/api/v1/me/notifications/read")),
                new Case("no such member", 404, "not-found", "未找到", "Not found", r -> r.get("/api/v1/members/999999999")),
                new Case("no such route", 404, "not-found", "未找到", "Not found", r -> r.get("/api/v1/" + Fixtures.unique("nothing"))),
                new Case("a wrong method", 405, "method-not-allowed", "不支持该请求方法", "Method not allowed",
                        r -> r.auth().oauth2(token).delete("/api/v1/me")),
                new Case("a conflict", 409, "conflict", "与当前状态冲突", "Conflict with the current state",
                        r -> r.get("/api/test-probe/conflict")),
                new Case("a body over the limit", 413, "too-large", "请求体过大", "Request body too large",
                        r -> r.auth().oauth2(token).contentType(JSON).body(big).post("/api/v1/me/notifications/read")),
                new Case("a body that is not JSON", 415, "unsupported-media-type", "不支持的内容类型", "Unsupported media type",
                        r -> r.auth().oauth2(token).contentType("text/plain").body("all").post("/api/v1/me/notifications/read")),
                new Case("a JSON body against its constraints", 422, "validation", "输入有误", "Validation failed",
                        r -> r.contentType(JSON).body("{\"title\":\"\",\"stars\":9}").post("/api/test-probe/drafts")),
                new Case("a service's own check", 422, "validation", "输入有误", "Validation failed",
                        r -> r.contentType(JSON).body("{\"title\":\"x\"}").post("/api/test-probe/checked")),
                new Case("too many requests", 429, "too-many-requests", "请求过于频繁", "Too many requests",
                        r -> r.get("/api/test-probe/busy")),
                new Case("a bug", 500, "internal", "服务器出错了", "Internal error", r -> r.get("/api/test-probe/bug")),
                new Case("the database away", 503, "unavailable", "服务暂时不可用", "Service temporarily unavailable",
                        r -> r.get("/api/test-probe/outage")));
        for (Case c : cases) {
            for (String language : List.of("zh", "en")) {
                String what = c.name + " in " + language;
                Response response = c.call.apply(given().header("Accept-Language", language).redirects().follow(false));
                assertEquals(c.status, response.statusCode(), what + ": " + response.asString());
                assertTrue(response.contentType().startsWith("application/problem+json"), what + ": " + response.contentType());
                assertEquals("/problems/" + c.type, response.jsonPath().getString("type"), what);
                assertEquals(language.equals("zh") ? c.zh : c.en, response.jsonPath().getString("title"), what);
                assertEquals(c.status, response.jsonPath().getInt("status"), what);
                String body = response.asString();
                for (String internal : List.of("Exception", "at app.fanloop", ".java:", "org.", "SQL")) {
                    assertFalse(body.contains(internal), what + " shows no internals (" + internal + "): " + body);
                }
                if (c.status == 401) {
                    assertNotNull(response.getHeader("WWW-Authenticate"), what);
                    assertTrue(response.getHeader("WWW-Authenticate").startsWith("Bearer"), what);
                }
                if (c.status == 429 || c.status == 503) {
                    assertTrue(Integer.parseInt(response.getHeader("Retry-After")) > 0, what + " says when to retry");
                }
            }
        }
    }

    @Test
    void validation_problems_name_each_field_with_a_localized_message() {
        Response zh = given().header("Accept-Language", "zh").contentType(JSON).body("{\"title\":\"\",\"stars\":9}")
                .post("/api/test-probe/drafts");
        assertEquals(422, zh.statusCode());
        List<Map<String, String>> errors = zh.jsonPath().getList("errors");
        assertEquals(List.of(Map.of("field", "stars", "message", "不能大于 5"), Map.of("field", "title", "message", "必填")), errors,
                zh.asString());
        Response en = given().header("Accept-Language", "en").contentType(JSON).body("{\"title\":\"far too long a title\"}")
                .post("/api/test-probe/drafts");
        assertEquals(List.of(Map.of("field", "title", "message", "At most 10 characters")), en.jsonPath().getList("errors"), en.asString());

        Response query = given().header("Accept-Language", "en").get("/api/test-probe/limited?limit=500");
        assertEquals(400, query.statusCode());
        assertEquals("limit", query.jsonPath().getString("errors[0].field"), query.asString());
        Response taken = given().header("Accept-Language", "en").contentType(JSON).body("{\"title\":\"x\"}").post("/api/test-probe/checked");
        assertEquals("title", taken.jsonPath().getString("errors[0].field"));
        assertNotNull(given().get("/api/test-probe/bug").jsonPath().getString("incident"), "a bug names the incident it was logged as");
    }

    @Test
    void a_session_cookie_or_a_csrf_token_is_not_needed_for_a_bearer_write_and_pages_still_refuse_json() {
        Member reader = fx.member(Fixtures.unique("json-writer"));
        String token = DevTokens.accessToken(reader.subject);
        given().auth().oauth2(token).contentType(JSON).body("{}").post("/api/v1/me/notifications/read").then().statusCode(200);
        Browser.page().auth().oauth2(token).contentType(JSON).body("{}").post("/me/notifications/read-all").then().statusCode(400);
    }
}
