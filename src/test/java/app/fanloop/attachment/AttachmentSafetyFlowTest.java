package app.fanloop.attachment;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.notification.EmailMode;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Issue 17's safety items through the real forms and routes (the inspectors' own tests are PictureInspectionTest and
 * LogInspectionTest): the dangerous files of the issue sent as a fan sends them, a log that stays out of search, the
 * release feed and e-mail, and the janitor's claim that makes its work happen once in a cluster.
 */
@QuarkusTest
class AttachmentSafetyFlowTest {

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Inject
    MockMailbox mailbox;

    @Inject
    app.fanloop.notification.NotificationMailer mailer;

    @Inject
    Attachments attachments;

    @Inject
    AttachmentJanitor janitor;

    @BeforeEach
    void emptyMailbox() {
        mailbox.clear();
    }

    /** A word no other test uses (as SearchPageTest makes them: ending in x, so no stemming changes it). */
    static String word() {
        StringBuilder w = new StringBuilder("qz");
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int i = 0; i < 10; i++) {
            w.append((char) ('a' + random.nextInt(26)));
        }
        return w.append('x').toString();
    }

    /** 300 MB of zeros in one entry, packed into a few hundred kilobytes. */
    static byte[] zipBomb() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] zeros = new byte[1 << 20];
        try (ZipOutputStream out = new ZipOutputStream(bytes)) {
            out.putNextEntry(new ZipEntry("zeros.log"));
            for (int i = 0; i < 300; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        return bytes.toByteArray();
    }

    static final byte[] SVG = ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
            + "<script>alert(document.cookie)</script><rect width=\"10\" height=\"10\"/></svg>").getBytes(StandardCharsets.UTF_8);

    @Test
    void a_pixel_bomb_a_zip_bomb_an_svg_and_html_sent_through_the_bug_form_are_each_refused_with_why() throws Exception {
        Board board = fx.board();
        String title = unique("Dangerous files");
        byte[] bomb = zipBomb();
        assertTrue(bomb.length < 1 << 20, "the zip bomb is small: " + bomb.length);
        Response refused = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> AttachmentFlowTest.postAs("bob")
                .multiPart("kind", "BUG").multiPart("title", title).multiPart("body", "Files a fan should not send")
                .multiPart("deviceModel", "Xiaomi 14").multiPart("systemVersion", "HyperOS 2.0.105")
                .multiPart("frequency", "ALWAYS").multiPart("steps", "Send them")
                .multiPart("file", "bomb.png", Samples.pngAnnouncing(100_000, 100_000), "image/png")
                .multiPart("file", "logs.zip", bomb, "application/zip")
                .multiPart("file", "logo.png", SVG, "image/png")
                .multiPart("file", "page.jpg", "<!DOCTYPE html><html><script>alert(1)</script></html>"
                        .getBytes(StandardCharsets.UTF_8), "image/jpeg")
                .post("/boards/" + board.slug + "/suggestions"));
        assertEquals(400, refused.statusCode());
        Document form = html(refused);
        assertEquals(title, form.selectFirst("input#title").val(), "the typed report is kept");
        List<String> why = form.select("#files-refused li").eachText();
        assertEquals(4, why.size(), why.toString());
        assertTrue(why.get(0).startsWith("bomb.png") && why.get(0).contains("too many pixels"), why.get(0));
        assertTrue(why.get(1).startsWith("logs.zip") && why.get(1).contains("The zip cannot be taken"), why.get(1));
        assertTrue(why.get(2).startsWith("logo.png") && why.get(2).contains("can be uploaded"), why.get(2));
        assertTrue(why.get(3).startsWith("page.jpg") && why.get(3).contains("can be uploaded"), why.get(3));
        assertTrue(form.select("input[name=attachment]").isEmpty(), "nothing was taken");
        assertEquals(0, fx.suggestionCount(board.id));
    }

    @Test
    void a_phone_photo_with_its_gps_position_is_served_without_exif() {
        Board board = fx.board();
        byte[] photo = Samples.jpegWithExif(Samples.encode(Samples.bands(64, 48, false, Color.RED, Color.BLUE), "jpeg"), 1, true);
        assertTrue(Samples.indexOf(photo, Samples.LATITUDE) > 0, "the upload carries the GPS latitude");
        Response posted = AttachmentFlowTest.postAs("bob").multiPart("kind", "SUGGESTION").multiPart("title", unique("GPS"))
                .multiPart("body", "Taken at home").multiPart("file", "IMG_0001.JPG", photo, "image/jpeg")
                .post("/boards/" + board.slug + "/suggestions");
        assertEquals(303, posted.statusCode(), html(posted).select(".refused-files").text());
        long id = Long.parseLong(location(posted).substring("/suggestions/".length()));
        long picture = fx.number("select id from attachment where suggestion_id = ?1", id);
        for (String path : List.of("/files/" + picture, "/files/" + picture + "/thumb")) {
            Response served = page().get(path);
            assertEquals(200, served.statusCode());
            assertEquals("image/jpeg", served.contentType());
            byte[] bytes = served.asByteArray();
            assertEquals(-1, Samples.indexOf(bytes, Samples.LATITUDE), path + ": no GPS position");
            assertFalse(Samples.jpegMarkers(bytes).contains(0xFFE1), path + ": no APP1 (Exif) segment");
            assertEquals(FilesResource.PUBLIC, served.header("Cache-Control"));
            assertEquals("nosniff", served.header("X-Content-Type-Options"));
            assertTrue(served.header("Content-Disposition").startsWith("inline;"), served.header("Content-Disposition"));
        }
        // The board list marks the post with its one picture, in the reader's language.
        Element row = html(page().get("/boards/" + board.slug)).selectFirst("a.row-title[href=/suggestions/" + id + "]")
                .closest("li");
        assertTrue(row.select(".count-with-icon").first().text().contains("1 picture"), row.text());
        assertFalse(row.text().contains("1 pictures"), row.text());
        Element zh = html(io.restassured.RestAssured.given().header("Accept-Language", "zh-CN").get("/boards/" + board.slug))
                .selectFirst("a.row-title[href=/suggestions/" + id + "]").closest("li");
        assertTrue(zh.text().contains("1 张图片"), zh.text());
    }

    @Test
    void a_log_stays_out_of_search_the_release_feed_and_e_mail() {
        Member follower = rf.withEmail("log-follower");
        rf.emailMode(follower, EmailMode.IMMEDIATE, "en");
        Board board = fx.board();
        String word = word();
        String titleWord = word();
        String logName = word + ".log";
        String title = "Crash with a private log " + titleWord;
        Response posted = AttachmentFlowTest.postAs("bob")
                .multiPart("kind", "BUG").multiPart("title", title).multiPart("body", "It crashes; see the log")
                .multiPart("deviceModel", "Xiaomi 14").multiPart("systemVersion", "HyperOS 2.0.105")
                .multiPart("frequency", "ALWAYS").multiPart("steps", "Open it")
                .multiPart("file", "shot.png", DrawnPictures.png(200, 100), "image/png")
                .multiPart("file", logName, (word + " token=secret-value\n").getBytes(StandardCharsets.UTF_8), "text/plain")
                .post("/boards/" + board.slug + "/suggestions");
        assertEquals(303, posted.statusCode(), html(posted).select(".refused-files").text());
        long id = Long.parseLong(location(posted).substring("/suggestions/".length()));
        String log = "/files/" + fx.number("select id from attachment where suggestion_id = ?1 and kind = 'LOG'", id);
        Suggestion s = Suggestion.findById(id);

        // Search: the post is found by its title, but neither the log's name nor a link to it is anywhere.
        Document found = html(page().queryParam("q", titleWord).get("/search").then().statusCode(200).extract().response());
        assertNotNull(found.selectFirst("a[href=/suggestions/" + id + "]"), "the post itself is found");
        assertFalse(found.html().contains(log) || found.html().contains(word), "no log in the results");
        Document byLogName = html(page().queryParam("q", word).get("/search").then().statusCode(200).extract().response());
        assertTrue(byLogName.select("a[href=/suggestions/" + id + "]").isEmpty(), "a log's name finds nothing");
        Document staffSearch = html(AttachmentFlowTest.as("paula").queryParam("q", titleWord).get("/search"));
        assertFalse(staffSearch.html().contains(log), "not even for staff: search lists posts, not files");

        // The release feed: the report ships in a published release; the feed credits it without its files.
        fx.status(id, app.fanloop.suggestion.SuggestionStatus.PLANNED);
        var release = rf.draft(ReleaseChannel.DEV, unique("LogFeed"), null, id);
        rf.publish(release.id);
        String feed = page().get("/releases.atom").then().statusCode(200).extract().asString();
        assertTrue(feed.contains(release.version), "the release is in the feed");
        assertFalse(feed.contains(log) || feed.contains(word), "no log in the feed");

        // E-mail: a follower is told of a status change and a comment; the mails never carry the log.
        fx.followAs(id, follower);
        rf.statusChanged(s, "UNDER_REVIEW");
        AttachmentFlowTest.postAs("bob").multiPart("body", "More details in " + "the log above")
                .post("/suggestions/" + id + "/comments").then().statusCode(303);
        rf.deliver();
        mailer.sendImmediate();
        List<Mail> mails = mailbox.getMailsSentTo(follower.email);
        assertFalse(mails.isEmpty(), "the follower was mailed");
        for (Mail mail : mails) {
            String all = mail.getSubject() + mail.getText() + mail.getHtml();
            assertFalse(all.contains(log) || all.contains(word) || all.contains("/files/"), all);
            assertTrue(mail.getAttachments().isEmpty(), "no file goes with a mail");
        }
    }

    @Test
    void a_hidden_comment_hides_its_pictures_and_a_purged_one_takes_their_bytes() {
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, fx.someone(), unique("Comment pictures"));
        Response posted = AttachmentFlowTest.postAs("chen").multiPart("body", "Mine looks like this")
                .multiPart("file", "mine.png", DrawnPictures.png(200, 300), "image/png").post("/suggestions/" + s.id + "/comments");
        assertEquals(303, posted.statusCode());
        long comment = fx.number("select max(id) from comment where suggestion_id = ?1", s.id);
        long picture = fx.number("select id from attachment where comment_id = ?1", comment);
        List<String> keys = fx.texts("select blob_key from attachment where id = ?1 union all"
                + " select thumb_key from attachment where id = ?1 and thumb_key is not null", picture);
        assertEquals(2, keys.size(), "the picture and its thumbnail");
        assertEquals(FilesResource.PUBLIC, page().get("/files/" + picture).header("Cache-Control"));

        Response hidden = app.fanloop.web.Browser.form().auth().oauth2(AttachmentFlowTest.token("alice"))
                .formParam("reason", "off-topic").post("/admin/reports/comment/" + comment + "/hide");
        assertEquals(303, hidden.statusCode(), hidden.asString());
        assertEquals(404, page().get("/files/" + picture).statusCode(), "a visitor");
        assertEquals(404, page().get("/files/" + picture + "/thumb").statusCode());
        assertEquals(404, AttachmentFlowTest.as("bob").get("/files/" + picture).statusCode(), "another fan");
        Response own = AttachmentFlowTest.as("chen").get("/files/" + picture);
        assertEquals(200, own.statusCode(), "its author still sees it");
        assertEquals(FilesResource.PRIVATE, own.header("Cache-Control"));

        Response purged = app.fanloop.web.Browser.form().auth().oauth2(AttachmentFlowTest.token("alice"))
                .formParam("confirm", String.valueOf(comment)).post("/admin/reports/comment/" + comment + "/purge");
        assertEquals(303, purged.statusCode(), purged.asString());
        assertEquals(404, AttachmentFlowTest.as("chen").get("/files/" + picture).statusCode());
        assertEquals(0, fx.number("select count(*) from attachment where id = ?1", picture));
        for (String key : keys) {
            assertEquals(0, fx.number("select count(*) from blob_chunk where blob_key = ?1", key),
                    "deleted right after the commit, without waiting for the janitor: " + key);
        }
    }

    @Test
    void a_staged_file_or_discarded_bytes_one_node_is_removing_are_skipped_by_another() throws Exception {
        Board board = fx.board();
        Response staged = AttachmentFlowTest.postAs("bob").multiPart("kind", "SUGGESTION").multiPart("title", "")
                .multiPart("body", "never sent").multiPart("file", "left.png", DrawnPictures.png(90, 90), "image/png")
                .post("/boards/" + board.slug + "/suggestions");
        long left = Long.parseLong(html(staged).selectFirst("input[name=attachment]").val());
        String key = fx.text("select blob_key from attachment where id = ?1", left);
        fx.sql("update attachment set created_at = now() - interval '2 days' where id = ?1", left);

        // Node A claims the old staged file and holds it; node B's janitor runs meanwhile.
        CountDownLatch claimed = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<List<Long>> nodeA = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> {
            List<Long> mine = attachments.stagedBefore(Instant.now().minus(Duration.ofDays(1)), 10_000);
            claimed.countDown();
            release.await(20, TimeUnit.SECONDS);
            return mine;
        }));
        try {
            assertTrue(claimed.await(20, TimeUnit.SECONDS));
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> janitor.removeStaged(), "node B does not wait for A");
            assertEquals(1, fx.number("select count(*) from attachment where id = ?1", left), "B skipped what A holds");
        } finally {
            release.countDown();
        }
        assertTrue(nodeA.get(20, TimeUnit.SECONDS).contains(left), "A had claimed it");

        // A let go of it: the next run takes it, and the bytes it queued go the same way.
        janitor.removeStaged();
        assertEquals(0, fx.number("select count(*) from attachment where id = ?1", left));
        assertEquals(1, fx.number("select count(*) from blob_discard where blob_key = ?1", key), "its bytes are queued");
        CountDownLatch claimedBytes = new CountDownLatch(1);
        CountDownLatch releaseBytes = new CountDownLatch(1);
        CompletableFuture<List<String>> nodeAgain = CompletableFuture.supplyAsync(() -> QuarkusTransaction.requiringNew().call(() -> {
            List<String> mine = attachments.claimDiscarded(10_000);
            claimedBytes.countDown();
            releaseBytes.await(20, TimeUnit.SECONDS);
            return mine;
        }));
        try {
            assertTrue(claimedBytes.await(20, TimeUnit.SECONDS));
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> janitor.deleteDiscarded(), "node B does not wait for A");
            assertTrue(fx.number("select count(*) from blob_chunk where blob_key = ?1", key) > 0, "B left A's bytes alone");
        } finally {
            releaseBytes.countDown();
        }
        assertTrue(nodeAgain.get(20, TimeUnit.SECONDS).contains(key));
        janitor.deleteDiscarded();
        assertEquals(0, fx.number("select count(*) from blob_chunk where blob_key = ?1", key));
        assertEquals(0, fx.number("select count(*) from blob_discard where blob_key = ?1", key));
    }
}
