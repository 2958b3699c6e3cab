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

/**
 * Bodies over their limit are turned away before any work is done: 256 KiB for forms and JSON, 160 MiB for a member's
 * multipart form with files (web/BodyLimit).
 */
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

    @Test
    void files_may_be_large_only_from_a_signed_in_member() throws Exception {
        Board board = fx.board();
        byte[] big = new byte[300 * 1024];
        java.util.Arrays.fill(big, (byte) 'x');

        String boundary = "fanloop-test-boundary";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.log\"\r\n"
                + "Content-Type: text/plain\r\n\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] body = new byte[head.length + big.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(big, 0, body, head.length, big.length);
        System.arraycopy(tail, 0, body, head.length + big.length, tail.length);
        var anonymous = http().send(request("/boards/" + board.slug + "/suggestions")
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                java.net.http.HttpResponse.BodyHandlers.discarding());
        assertEquals(413, anonymous.statusCode(), "nobody anonymous makes the server write a large body to disk");

        Response member = Browser.multipart().auth().oauth2(app.fanloop.member.DevTokens.accessToken("bob"))
                .multiPart("kind", "BUG").multiPart("title", unique("Big log")).multiPart("body", "a big log")
                .multiPart("deviceModel", "Xiaomi 14").multiPart("systemVersion", "HyperOS 2")
                .multiPart("frequency", "ALWAYS").multiPart("steps", "Open it")
                .multiPart("file", "big.log", big, "text/plain").post("/boards/" + board.slug + "/suggestions");
        assertEquals(303, member.statusCode(), "a member's post with a 300 KiB log is read and taken");
    }

    @Test
    void a_form_body_without_a_declared_length_is_refused_with_411() throws Exception {
        Board board = fx.board();
        var chunked = request("/boards/" + board.slug + "/suggestions")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofInputStream(
                        () -> new java.io.ByteArrayInputStream("kind=SUGGESTION&title=Chunked&body=x".getBytes())))
                .build();
        assertEquals(411, http().send(chunked, java.net.http.HttpResponse.BodyHandlers.discarding()).statusCode());
        assertEquals(0, fx.suggestionCount(board.id));
    }

    private static java.net.http.HttpClient http() {
        return java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
    }

    private static java.net.http.HttpRequest.Builder request(String path) {
        return java.net.http.HttpRequest.newBuilder(
                java.net.URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + path));
    }
}
