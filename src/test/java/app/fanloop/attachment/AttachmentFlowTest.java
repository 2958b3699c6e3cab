package app.fanloop.attachment;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.multipart;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;

/**
 * Files on posts, end to end through the pages: what is taken, what is refused (the typed post kept), who may fetch
 * what (the one rule: pictures with their post, logs for the author and staff), and what hiding and purging do.
 * Members act with access tokens from the development sign-in server, so one test can act as several of them.
 */
@QuarkusTest
class AttachmentFlowTest {

    static final String LOG_TEXT = "2026-12-01 10:00:01 E/Camera: crash in HDR pipeline\nuser=bob@example.com\n";

    @Inject
    Fixtures fx;

    @Inject
    AttachmentJanitor janitor;

    static String token(String member) {
        return DevTokens.accessToken(member);
    }

    static RequestSpecification as(String member) {
        return page().auth().oauth2(token(member));
    }

    static RequestSpecification postAs(String member) {
        return multipart().auth().oauth2(token(member));
    }

    /** Posts a bug report as bob with two screenshots and a log; returns its id. */
    long bugWithTwoScreenshotsAndALog(Board board, String title) {
        Response posted = postAs("bob")
                .multiPart("kind", "BUG").multiPart("title", title).multiPart("body", "The camera crashes in HDR mode")
                .multiPart("deviceModel", "Xiaomi 14").multiPart("systemVersion", "HyperOS 2.0.105")
                .multiPart("frequency", "ALWAYS").multiPart("steps", "Open camera, switch HDR on")
                .multiPart("file", "first.png", DrawnPictures.png(640, 360), "image/png")
                .multiPart("file", "second.jpg", DrawnPictures.jpeg(800, 600), "image/jpeg")
                .multiPart("file", "camera.log", LOG_TEXT.getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/boards/" + board.slug + "/suggestions");
        assertEquals(303, posted.statusCode(), posted.asString());
        return Long.parseLong(location(posted).substring("/suggestions/".length()));
    }

    List<Long> files(long suggestionId, String kind) {
        @SuppressWarnings("unchecked")
        List<Number> ids = (List<Number>) (List<?>) fx.list(
                "select id from attachment where suggestion_id = ?1 and kind = ?2 order by position", suggestionId, kind);
        return ids.stream().map(Number::longValue).toList();
    }

    @Test
    void a_bug_report_carries_screenshots_for_all_and_a_log_for_its_author_and_staff() {
        Board board = fx.board();
        long id = bugWithTwoScreenshotsAndALog(board, unique("HDR crash"));
        List<Long> images = files(id, "IMAGE");
        List<Long> logs = files(id, "LOG");
        assertEquals(2, images.size());
        assertEquals(1, logs.size());
        assertEquals(2, fx.counter(id, "image_count"));
        assertEquals(1, fx.counter(id, "log_count"));

        // Everyone sees the screenshots as thumbnails linking to the full picture.
        Document visitor = html(page().get("/suggestions/" + id).then().statusCode(200).extract().response());
        List<Element> thumbs = visitor.select("article .gallery a[href^=/files/] img");
        assertEquals(2, thumbs.size());
        assertEquals("/files/" + images.get(0) + "/thumb", thumbs.get(0).attr("src"));
        assertFalse(thumbs.get(0).attr("alt").isBlank(), "a picture without alt text is named by its place");
        assertTrue(visitor.select("a[href=/files/" + logs.get(0) + "]").isEmpty(), "visitors are not shown the log");

        Response picture = page().get("/files/" + images.get(0));
        assertEquals(200, picture.statusCode());
        assertEquals("image/png", picture.contentType());
        assertEquals("nosniff", picture.header("X-Content-Type-Options"));
        assertEquals("public, max-age=31536000, s-maxage=600, immutable", picture.header("Cache-Control"),
                "a year in browsers (the bytes of a file never change), ten minutes in shared caches");
        assertTrue(picture.header("Content-Disposition").startsWith("inline;"), picture.header("Content-Disposition"));
        assertEquals("\"" + fx.text("select sha256 from attachment where id = ?1", images.get(0)) + "\"", picture.header("ETag"));
        assertEquals(304, page().header("If-None-Match", picture.header("ETag")).get("/files/" + images.get(0)).statusCode());
        Response thumb = page().get("/files/" + images.get(1) + "/thumb");
        assertEquals(200, thumb.statusCode());
        assertEquals("image/jpeg", thumb.contentType(), "a thumbnail has its picture's type");
        assertEquals("image/png", page().get("/files/" + images.get(0) + "/thumb").contentType());
        assertEquals(404, as("bob").get("/files/" + logs.get(0) + "/thumb").statusCode(), "a log has no thumbnail");
        assertEquals("image/jpeg", page().get("/files/" + images.get(1)).contentType());

        // The log: not for visitors or other fans, even with its address; for the author and staff, as a download.
        String log = "/files/" + logs.get(0);
        assertEquals(404, page().get(log).statusCode());
        assertEquals(404, as("chen").get(log).statusCode());
        assertTrue(html(as("chen").get("/suggestions/" + id)).select("a[href=" + log + "]").isEmpty());
        for (String allowed : List.of("bob", "paula", "alice")) {
            Response fetched = as(allowed).get(log);
            assertEquals(200, fetched.statusCode(), allowed);
            assertEquals(LOG_TEXT, fetched.asString(), allowed);
            assertTrue(fetched.contentType().startsWith("text/plain"), fetched.contentType());
            assertTrue(fetched.header("Content-Disposition").startsWith("attachment;"), fetched.header("Content-Disposition"));
            assertEquals(FilesResource.PRIVATE, fetched.header("Cache-Control"));
        }
        assertNotNull(html(as("bob").get("/suggestions/" + id)).selectFirst(".log-files a[href=" + log + "]"));

        // The PM sees the pictures and opens the log from the triage console.
        Document console = html(as("paula").get("/triage?board=" + board.id).then().statusCode(200).extract().response());
        assertNotNull(console.selectFirst(".triage-files a.log-link[href=" + log + "]"), "the console row links the log");
        assertEquals(2, console.select(".triage-files img").size());

        // The API lists the same files to the same readers.
        List<String> visitorKinds = io.restassured.RestAssured.given().get("/api/v1/suggestions/" + id)
                .then().statusCode(200).extract().jsonPath().getList("files.kind");
        assertEquals(List.of("IMAGE", "IMAGE"), visitorKinds);
        var authorFiles = io.restassured.RestAssured.given().auth().oauth2(token("bob")).get("/api/v1/suggestions/" + id)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("IMAGE", "IMAGE", "LOG"), authorFiles.getList("files.kind"));
        assertEquals(log, authorFiles.getString("files[2].url"));
        assertEquals("/files/" + images.get(0) + "/thumb", authorFiles.getString("files[0].thumbUrl"));
        assertEquals(List.of("IMAGE", "IMAGE"), io.restassured.RestAssured.given().auth().oauth2(token("chen"))
                .get("/api/v1/suggestions/" + id).then().statusCode(200).extract().jsonPath().getList("files.kind"));

        // The board list marks a post with pictures.
        Document list = html(page().get("/boards/" + board.slug).then().statusCode(200).extract().response());
        Element row = list.selectFirst("a.row-title[href=/suggestions/" + id + "]").closest("li");
        assertTrue(row.text().contains("2 pictures"), row.text());
    }

    @Test
    void a_hidden_post_stops_serving_its_pictures_to_everyone_but_its_author_and_admins() {
        Board board = fx.board();
        long id = bugWithTwoScreenshotsAndALog(board, unique("Hidden later"));
        String picture = "/files/" + files(id, "IMAGE").get(0);
        String log = "/files/" + files(id, "LOG").get(0);
        assertEquals(200, page().get(picture).statusCode());

        Response hidden = form().auth().oauth2(token("alice")).formParam("reason", "spam")
                .post("/admin/reports/suggestion/" + id + "/hide");
        assertEquals(303, hidden.statusCode(), hidden.asString());

        assertEquals(404, page().get(picture).statusCode());
        assertEquals(404, page().get(picture + "/thumb").statusCode());
        assertEquals(404, as("chen").get(picture).statusCode());
        assertEquals(404, as("paula").get(log).statusCode(), "a PM does not see a hidden post, nor its log");
        Response own = as("bob").get(picture);
        assertEquals(200, own.statusCode());
        assertEquals(FilesResource.PRIVATE, own.header("Cache-Control"), "a hidden post's picture is never in a shared cache");
        assertEquals(200, as("alice").get(log).statusCode());
    }

    @Test
    void a_refused_file_is_named_beside_the_field_and_the_typed_post_and_good_files_are_kept() {
        Board board = fx.board();
        String title = unique("Kept title");
        byte[] html = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8);
        Response refused = postAs("bob").multiPart("kind", "SUGGESTION").multiPart("title", title)
                .multiPart("body", "Body typed with care")
                .multiPart("file", "good.png", DrawnPictures.png(300, 200), "image/png")
                .multiPart("file", "evil.png", html, "image/png")
                .post("/boards/" + board.slug + "/suggestions");
        assertEquals(400, refused.statusCode());
        Document form = html(refused);
        assertEquals(title, form.selectFirst("input#title").val());
        assertEquals("Body typed with care", form.selectFirst("textarea#body").text());
        Element why = form.selectFirst("#files-refused");
        assertNotNull(why, "the refusal is beside the file field");
        assertTrue(why.text().contains("evil.png"), why.text());
        assertTrue(form.selectFirst("input#files").attr("aria-describedby").contains("files-refused"));
        Element kept = form.selectFirst("input[name=attachment]");
        assertNotNull(kept, "the good file is kept on the form");
        long keptId = Long.parseLong(kept.val());
        assertEquals(0, fx.suggestionCount(board.id), "nothing is posted while a file is refused");
        assertEquals(404, as("chen").get("/files/" + keptId).statusCode(), "a staged file is its uploader's alone");
        assertEquals(200, as("bob").get("/files/" + keptId).statusCode());

        Response posted = postAs("bob").multiPart("kind", "SUGGESTION").multiPart("title", title)
                .multiPart("body", "Body typed with care").multiPart("attachment", String.valueOf(keptId))
                .multiPart("alt", "The settings page").post("/boards/" + board.slug + "/suggestions");
        assertEquals(303, posted.statusCode(), posted.asString());
        long id = Long.parseLong(location(posted).substring("/suggestions/".length()));
        assertEquals(List.of(keptId), files(id, "IMAGE"));
        Document shown = html(page().get("/suggestions/" + id));
        assertEquals("The settings page", shown.selectFirst("article .gallery img").attr("alt"));
    }

    @Test
    void a_staged_file_joins_one_post_even_when_two_are_sent_at_once() throws Exception {
        Board board = fx.board();
        Response refused = postAs("bob").multiPart("kind", "SUGGESTION").multiPart("title", "")
                .multiPart("body", "twice").multiPart("file", "once.png", DrawnPictures.png(120, 80), "image/png")
                .post("/boards/" + board.slug + "/suggestions");
        String staged = html(refused).selectFirst("input[name=attachment]").val();
        String token = token("bob");
        List<java.util.concurrent.Callable<Integer>> both = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            String title = unique("Twice " + i);
            both.add(() -> multipart().auth().oauth2(token).multiPart("kind", "SUGGESTION").multiPart("title", title)
                    .multiPart("body", "the same picture").multiPart("attachment", staged)
                    .post("/boards/" + board.slug + "/suggestions").statusCode());
        }
        assertEquals(List.of(303, 303), app.fanloop.ConcurrentRequests.runTogether(both, 17));
        assertEquals(1, fx.number("select count(*) from attachment where id = ?1 and suggestion_id is not null", Long.parseLong(staged)));
        assertEquals(1, fx.number("select sum(image_count) from suggestion where board_id = ?1", board.id),
                "the counters agree with the rows: one post has the picture");
    }

    @Test
    void a_form_refused_for_another_field_keeps_the_files_already_taken() {
        Board board = fx.board();
        Response refused = postAs("bob").multiPart("kind", "SUGGESTION").multiPart("title", "")
                .multiPart("body", "No title yet").multiPart("file", "shot.png", DrawnPictures.png(320, 240), "image/png")
                .post("/boards/" + board.slug + "/suggestions");
        assertEquals(400, refused.statusCode());
        Document form = html(refused);
        assertNotNull(form.selectFirst("#title-error"));
        assertEquals(1, form.select("input[name=attachment]").size());
        assertNotNull(form.selectFirst(".kept-file img[src^=/files/]"));
    }

    @Test
    void a_log_is_refused_on_a_suggestion_and_on_a_comment() {
        Board board = fx.board();
        Response refused = postAs("bob").multiPart("kind", "SUGGESTION").multiPart("title", unique("Idea"))
                .multiPart("body", "An idea").multiPart("file", "app.log", LOG_TEXT.getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/boards/" + board.slug + "/suggestions");
        assertEquals(400, refused.statusCode());
        String why = html(refused).selectFirst("#files-refused").text();
        assertTrue(why.contains("app.log") && why.contains("Only PNG, JPEG or WebP pictures"), why);

        long id = bugWithTwoScreenshotsAndALog(board, unique("Comment target"));
        Response comment = postAs("chen").multiPart("body", "Same here")
                .multiPart("file", "mine.log", LOG_TEXT.getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/suggestions/" + id + "/comments");
        assertEquals(400, comment.statusCode());
        String onComment = html(comment).selectFirst("#comment-files-refused").text();
        assertTrue(onComment.contains("mine.log") && onComment.contains("Only PNG, JPEG or WebP pictures"), onComment);
    }

    @Test
    void a_file_refused_on_a_comment_sent_by_htmx_is_named_in_the_swapped_comments_with_the_text_kept() {
        Board board = fx.board();
        long id = fx.suggestion(board, fx.someone(), unique("Htmx comment")).id;
        Response refused = postAs("chen").header("HX-Request", "true").multiPart("body", "Typed with care")
                .multiPart("file", "mine.log", LOG_TEXT.getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/suggestions/" + id + "/comments");
        assertEquals(200, refused.statusCode(), "htmx swaps only a 2xx answer: the message must come back as one");
        Document fragment = html(refused);
        assertEquals(null, fragment.selectFirst("header.topbar"), "only the comments come back");
        Element why = fragment.selectFirst("section#comments #comment-files-refused");
        assertNotNull(why, "the refusal is beside the file field");
        assertTrue(why.text().contains("mine.log") && why.text().contains("Only PNG, JPEG or WebP pictures"), why.text());
        assertEquals("Typed with care", fragment.selectFirst("#comment-form textarea[name=body]").text());
        assertEquals(0, fx.number("select count(*) from comment where suggestion_id = ?1", id), "nothing was posted");
    }

    @Test
    void a_comment_carries_pictures_shown_to_all() {
        Board board = fx.board();
        long id = bugWithTwoScreenshotsAndALog(board, unique("With comments"));
        Response comment = postAs("chen").multiPart("body", "Here is mine")
                .multiPart("file", "mine.png", DrawnPictures.png(200, 400), "image/png").post("/suggestions/" + id + "/comments");
        assertEquals(303, comment.statusCode(), html(comment).select(".error-text, .refused-files").text());
        long commentId = fx.number("select max(id) from comment where suggestion_id = ?1", id);
        assertEquals(1, fx.number("select image_count from comment where id = ?1", commentId));
        Document shown = html(page().get("/suggestions/" + id));
        Element picture = shown.selectFirst("#comment-" + commentId + " .gallery img");
        assertNotNull(picture);
        assertEquals(200, page().get(picture.parent().attr("href")).statusCode());
    }

    @Test
    void more_pictures_than_a_post_may_hold_are_refused_by_count() {
        Board board = fx.board();
        RequestSpecification request = postAs("bob").multiPart("kind", "SUGGESTION").multiPart("title", unique("Many"))
                .multiPart("body", "Ten pictures");
        for (int i = 0; i < 10; i++) {
            request.multiPart("file", "shot" + i + ".png", DrawnPictures.png(64 + i, 64), "image/png");
        }
        Response refused = request.post("/boards/" + board.slug + "/suggestions");
        assertEquals(400, refused.statusCode());
        Document form = html(refused);
        assertEquals(9, form.select("input[name=attachment]").size(), "nine are kept");
        String why = form.selectFirst("#files-refused").text();
        assertTrue(why.contains("shot9.png") && why.contains("at most 9"), why);
    }

    @Test
    void the_author_removes_a_picture_and_sets_alt_text_when_editing() {
        Board board = fx.board();
        long id = bugWithTwoScreenshotsAndALog(board, unique("Edited files"));
        List<Long> images = files(id, "IMAGE");
        Document edit = html(as("bob").get("/suggestions/" + id + "/edit").then().statusCode(200).extract().response());
        assertEquals(3, edit.select("input[name=attachment]").size());

        RequestSpecification save = postAs("bob").multiPart("kind", "BUG").multiPart("title", edit.selectFirst("input#title").val())
                .multiPart("body", "The camera crashes in HDR mode").multiPart("deviceModel", "Xiaomi 14")
                .multiPart("systemVersion", "HyperOS 2.0.105").multiPart("frequency", "ALWAYS")
                .multiPart("steps", "Open camera, switch HDR on");
        for (Element kept : edit.select("input[name=attachment]")) {
            long keptId = Long.parseLong(kept.val());
            save.multiPart("attachment", kept.val()).multiPart("alt", keptId == images.get(1) ? "The HDR switch" : "");
        }
        save.multiPart("remove", String.valueOf(images.get(0)));
        assertEquals(303, save.post("/suggestions/" + id + "/edit").statusCode());

        assertEquals(List.of(images.get(1)), files(id, "IMAGE"));
        assertEquals(1, fx.counter(id, "image_count"));
        assertEquals("The HDR switch", fx.text("select alt from attachment where id = ?1", images.get(1)));
        assertEquals(404, page().get("/files/" + images.get(0)).statusCode());
        String key = fx.text("select blob_key from attachment where id = ?1", images.get(1));
        assertTrue(fx.number("select count(*) from blob_chunk where blob_key = ?1", key) > 0);
    }

    @Test
    void a_purge_removes_the_bytes_and_the_janitor_removes_staged_files_nobody_used() {
        Board board = fx.board();
        long id = bugWithTwoScreenshotsAndALog(board, unique("Purged"));
        List<String> keys = fx.texts("select blob_key from attachment where suggestion_id = ?1 union all"
                + " select thumb_key from attachment where suggestion_id = ?1 and thumb_key is not null", id);
        assertEquals(5, keys.size(), "two pictures with thumbnails, one log");
        Response purged = form().auth().oauth2(token("alice")).formParam("confirm", String.valueOf(id))
                .post("/admin/reports/suggestion/" + id + "/purge");
        assertEquals(303, purged.statusCode(), purged.asString());
        janitor.deleteDiscarded();
        for (String key : keys) {
            assertEquals(0, fx.number("select count(*) from blob_chunk where blob_key = ?1", key), key);
        }

        Response staged = postAs("bob").multiPart("kind", "SUGGESTION").multiPart("title", "")
                .multiPart("body", "never sent").multiPart("file", "left.png", DrawnPictures.png(100, 100), "image/png")
                .post("/boards/" + board.slug + "/suggestions");
        long left = Long.parseLong(html(staged).selectFirst("input[name=attachment]").val());
        String leftKey = fx.text("select blob_key from attachment where id = ?1", left);
        fx.sql("update attachment set created_at = now() - interval '2 days' where id = ?1", left);
        janitor.removeStaged();
        janitor.deleteDiscarded();
        assertEquals(0, fx.number("select count(*) from attachment where id = ?1", left));
        assertEquals(0, fx.number("select count(*) from blob_chunk where blob_key = ?1", leftKey));
    }

    @Test
    void the_stored_picture_is_re_encoded_not_the_uploaded_bytes() {
        Board board = fx.board();
        byte[] uploaded = DrawnPictures.png(300, 300);
        byte[] withTail = new byte[uploaded.length + 40];
        System.arraycopy(uploaded, 0, withTail, 0, uploaded.length);
        byte[] tail = "<html><script>alert(1)</script></html>".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(tail, 0, withTail, uploaded.length, tail.length);
        Response posted = postAs("bob").multiPart("kind", "SUGGESTION").multiPart("title", unique("Polyglot"))
                .multiPart("body", "A picture with a tail").multiPart("file", "tail.png", withTail, "image/png")
                .post("/boards/" + board.slug + "/suggestions");
        assertEquals(303, posted.statusCode(), html(posted).select(".error-text, .refused-files").text());
        long id = Long.parseLong(location(posted).substring("/suggestions/".length()));
        byte[] served = page().get("/files/" + files(id, "IMAGE").get(0)).asByteArray();
        assertFalse(new String(served, StandardCharsets.ISO_8859_1).contains("<script"), "the tail is gone");
        assertFalse(java.util.Arrays.equals(withTail, served));
        assertArrayEquals(new byte[] { (byte) 0x89, 'P', 'N', 'G' }, java.util.Arrays.copyOf(served, 4));
    }
}
