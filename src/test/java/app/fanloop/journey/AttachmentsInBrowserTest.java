package app.fanloop.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Download;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.FilePayload;

import app.fanloop.Fixtures;
import app.fanloop.attachment.DrawnPictures;
import app.fanloop.board.Board;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Screenshots and logs in a real browser (issue 17's journey): bob files a bug report with two screenshots and a
 * log through the file field (pasting a picture and a file over the limit on the way, as files.js handles them);
 * chen sees the screenshots but not the log, not even by its address; paula downloads the log from the triage
 * console; alice hides the post from its page and the pictures stop being served. Without JavaScript the plain
 * multipart form posts a picture. With -Dfanloop.screenshots=true the refused form, the post and the console row
 * are saved on a desktop and a 360 px phone, light and dark.
 */
@QuarkusTest
class AttachmentsInBrowserTest extends BrowserJourney {

    static final String LOG_TEXT = "2026-12-01 10:00:01 E/Camera: crash in HDR pipeline\n"
            + "2026-12-01 10:00:02 W/Camera: 相机 HDR 处理超时\n";

    @Inject
    Fixtures fx;

    @Inject
    app.fanloop.poll.PollFixtures polls;

    static FilePayload png(String name, int width, int height) {
        return new FilePayload(name, "image/png", DrawnPictures.png(width, height));
    }

    static FilePayload jpeg(String name, int width, int height) {
        return new FilePayload(name, "image/jpeg", DrawnPictures.jpeg(width, height));
    }

    static FilePayload log() {
        return new FilePayload("camera.log", "text/plain", LOG_TEXT.getBytes(StandardCharsets.UTF_8));
    }

    /** A GIF: neither a picture the app takes nor a log (on a bug report any UTF-8 text, even an SVG, is a log). */
    static FilePayload gif() {
        byte[] gif = { 'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0, (byte) 0x80, 0, 0, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            '!', (byte) 0xF9, 4, 1, 0, 0, 0, 0, ',', 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 'D', 1, 0, ';' };
        return new FilePayload("动图.gif", "image/gif", gif);
    }

    /** Types a bug report's fields on the new-post form (the files are chosen by the caller). */
    static void typeBugReport(Page page, String title) {
        page.locator("input[name=kind][value=BUG]").check();
        page.fill("#title", title);
        page.fill("#body", "相机在 HDR 模式下闪退。The camera crashes in HDR mode.");
        page.fill("#deviceModel", "Xiaomi 14");
        page.fill("#systemVersion", "HyperOS 2.0.105");
        page.locator("#frequency").selectOption("ALWAYS");
        page.fill("#steps", "Open the camera, switch HDR on, take a picture.");
    }

    static int chosenFiles(Page page) {
        return ((Number) page.evaluate("() => document.querySelector('#files').files.length")).intValue();
    }

    static long idOf(Page page) {
        return Long.parseLong(page.url().replaceFirst("^.*/suggestions/", "").replaceFirst("[?#].*$", ""));
    }

    @Test
    void a_fan_files_a_bug_with_screenshots_and_a_log_that_only_staff_and_the_author_may_open() throws Exception {
        Board board = fx.board();
        fx.member("chen");
        String title = Fixtures.unique("HDR 闪退 crash");

        // bob chooses two screenshots and a log through the file field.
        BrowserContext bobs = chromium.context(true);
        Page bob = chromium.signIn(bobs, "bob", "/boards/" + board.slug + "/new");
        typeBugReport(bob, title);
        bob.setInputFiles("#files", new FilePayload[] { png("first.png", 640, 360), jpeg("second.jpg", 800, 600), log() });
        assertEquals(3, chosenFiles(bob));
        assertThat(bob.locator("fieldset.files")).hasClass(Pattern.compile("files-enhanced"));

        // A picture pasted into the form joins the same field.
        Object afterPaste = bob.evaluate("""
                base64 => {
                  const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
                  const pasted = new DataTransfer();
                  pasted.items.add(new File([bytes], 'pasted.png', { type: 'image/png' }));
                  document.querySelector('#body').dispatchEvent(
                      new ClipboardEvent('paste', { clipboardData: pasted, bubbles: true, cancelable: true }));
                  return [...document.querySelector('#files').files].map(f => f.name);
                }""", Base64.getEncoder().encodeToString(DrawnPictures.png(120, 80)));
        assertEquals(List.of("first.png", "second.jpg", "camera.log", "pasted.png"), afterPaste);

        // A picture over the limit is named at once, before anything is sent (the limit lowered here to 1 kB).
        bob.evaluate("() => document.querySelector('fieldset[data-files]').dataset.imageBytes = '1000'");
        bob.setInputFiles("#files", new FilePayload[] { png("first.png", 640, 360), log() });
        assertThat(bob.locator("fieldset.files .upload-message")).containsText("first.png");
        assertFalse((Boolean) bob.evaluate("() => document.querySelector('#files').checkValidity()"),
                "the form cannot be sent with a file over the limit");
        bob.evaluate("() => document.querySelector('fieldset[data-files]').dataset.imageBytes = '10485760'");

        // The two screenshots and the log, sent by files.js with its progress bar; the page ends on the new post.
        bob.setInputFiles("#files", new FilePayload[] { png("first.png", 640, 360), jpeg("second.jpg", 800, 600), log() });
        assertThat(bob.locator("fieldset.files .upload-message")).isEmpty();
        bob.locator("form.suggestion-form > .actions button[type=submit]").click();
        bob.waitForURL(Pattern.compile(".*/suggestions/\\d+$"));
        long id = idOf(bob);
        assertThat(bob.locator("main h1").first()).hasText(title);
        assertThat(bob.locator("article .gallery img")).hasCount(2);
        assertThat(bob.locator("article .log-files a")).hasText("camera.log");
        String logPath = bob.locator("article .log-files a").getAttribute("href");
        List<String> pictures = bob.locator("article .gallery a").all().stream().map(a -> a.getAttribute("href")).toList();
        assertEquals(LOG_TEXT, bobs.request().get(chromium.url(logPath)).text(), "the author opens the log");

        // chen sees the screenshots (they load), not the log, and its address answers 404.
        BrowserContext chens = chromium.context(true);
        Page chen = chromium.signIn(chens, "chen", "/suggestions/" + id);
        chen.locator("article .gallery").scrollIntoViewIfNeeded();
        chen.waitForFunction("() => [...document.querySelectorAll('article .gallery img')]"
                + ".every(i => i.complete && i.naturalWidth > 0)");
        assertThat(chen.locator("article .gallery img")).hasCount(2);
        assertThat(chen.locator(".log-files")).hasCount(0);
        assertThat(chen.locator("a[href='" + logPath + "']")).hasCount(0);
        assertEquals(404, chens.request().get(chromium.url(logPath)).status(), "another fan cannot fetch the log");
        assertEquals(200, chens.request().get(chromium.url(pictures.get(0))).status());

        // paula downloads the log from the triage console row.
        BrowserContext paulas = chromium.context(true);
        Page paula = chromium.signIn(paulas, "paula", "/triage?board=" + board.id);
        var row = paula.locator("li.triage-row").filter(new com.microsoft.playwright.Locator.FilterOptions()
                .setHas(paula.locator("a.row-title[href='/suggestions/" + id + "']")));
        assertThat(row.locator(".triage-files img")).hasCount(2);
        Download download = paula.waitForDownload(() -> row.locator(".triage-files a.log-link").click());
        assertEquals("camera.log", download.suggestedFilename());
        assertEquals(LOG_TEXT, Files.readString(download.path(), StandardCharsets.UTF_8));

        // alice hides the post from its page, as an admin does; its pictures are no longer served.
        BrowserContext alices = chromium.context(true);
        Page alice = chromium.signIn(alices, "alice", "/suggestions/" + id);
        alice.locator("details.admin-panel > summary").click();
        var hide = alice.locator("details.admin-panel details.inline-details").filter(
                new com.microsoft.playwright.Locator.FilterOptions().setHas(alice.locator("input[name=reason]")));
        hide.locator("summary").click();
        hide.locator("input[name=reason]").fill("Posted twice");
        hide.locator("button[type=submit]").click();
        alice.waitForURL(Pattern.compile(".*/suggestions/" + id + "$"));
        assertThat(alice.locator("article .notice").first()).containsText("Posted twice");
        for (String picture : pictures) {
            assertEquals(404, chens.request().get(chromium.url(picture)).status(), "chen: " + picture);
            assertEquals(404, chens.request().get(chromium.url(picture + "/thumb")).status(), "chen: " + picture);
            assertEquals(404, paulas.request().get(chromium.url(picture)).status(), "paula: " + picture);
        }
        BrowserContext visitors = chromium.context(true);
        assertEquals(404, visitors.request().get(chromium.url(pictures.get(1))).status(), "a visitor");
        assertEquals(404, paulas.request().get(chromium.url(logPath)).status(), "the PM: the log of a hidden post");
        assertEquals(200, alices.request().get(chromium.url(logPath)).status(), "the admin still may");
        for (BrowserContext c : List.of(bobs, chens, paulas, alices, visitors)) {
            c.close();
        }
    }

    /**
     * Dropped files join the file field as pasted ones do, and sending the form shows the upload's progress bar
     * (files.js): the bar's changes are recorded in sessionStorage, which outlives the page that the answer replaces.
     */
    @Test
    void dropped_files_join_the_field_and_the_upload_shows_a_progress_bar() {
        Board board = fx.board();
        BrowserContext bobs = chromium.context(true);
        Page bob = chromium.signIn(bobs, "bob", "/boards/" + board.slug + "/new");
        typeBugReport(bob, Fixtures.unique("Dropped files"));
        bob.setInputFiles("#files", png("chosen.png", 320, 200));
        Object afterDrop = bob.evaluate("""
                base64 => {
                  const bytes = Uint8Array.from(atob(base64), c => c.charCodeAt(0));
                  const dropped = new DataTransfer();
                  dropped.items.add(new File([bytes], 'dropped.png', { type: 'image/png' }));
                  dropped.items.add(new File(['E/Camera: dropped log\\n'.repeat(40000)], 'dropped.log', { type: 'text/plain' }));
                  const box = document.querySelector('fieldset[data-files]');
                  box.dispatchEvent(new DragEvent('dragover', { dataTransfer: dropped, bubbles: true, cancelable: true }));
                  const marked = box.classList.contains('dragging');
                  box.dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }));
                  return [marked, box.classList.contains('dragging'), ...[...document.querySelector('#files').files].map(f => f.name)];
                }""", Base64.getEncoder().encodeToString(DrawnPictures.png(200, 120)));
        assertEquals(List.of(true, false, "chosen.png", "dropped.png", "dropped.log"), afterDrop,
                "the box is marked while a file is dragged over it; the dropped files join the chosen one");
        assertThat(bob.locator("fieldset.files .upload-progress")).isHidden();

        bob.evaluate("""
                () => {
                  sessionStorage.removeItem('progress');
                  const bar = document.querySelector('fieldset.files .upload-progress');
                  new MutationObserver(() => {
                    if (!bar.hidden) {
                      sessionStorage.setItem('progress', (sessionStorage.getItem('progress') || '') + ' ' + bar.value);
                    }
                  }).observe(bar, { attributes: true });
                }""");
        bob.locator("form.suggestion-form > .actions button[type=submit]").click();
        bob.waitForURL(Pattern.compile(".*/suggestions/\\d+$"));
        assertThat(bob.locator("article .gallery img")).hasCount(2);
        assertThat(bob.locator("article .log-files a")).hasText("dropped.log");
        String progress = (String) bob.evaluate("() => sessionStorage.getItem('progress')");
        assertTrue(progress != null && progress.trim().endsWith("100"), "the bar was shown and reached 100%: " + progress);
        bobs.close();
    }

    /** The comment form is sent by htmx: a refused file is named beside its field and the typed comment stays. */
    @Test
    void a_file_refused_on_a_comment_sent_by_htmx_is_named_beside_the_field() {
        Board board = fx.board();
        long id = fx.suggestion(board, fx.someone(), Fixtures.unique("Comment with a GIF")).id;
        BrowserContext chens = chromium.context(true);
        Page chen = chromium.signIn(chens, "chen", "/suggestions/" + id);
        chen.fill("#comment-body", "我的也是这样 Mine too");
        chen.setInputFiles("#comment-files", gif());
        Response answer = chen.waitForResponse(r -> "POST".equals(r.request().method()),
                () -> chen.locator("#comment-form .actions button[type=submit]").click());
        assertEquals(true, answer.request().headers().containsKey("hx-request"), "sent by htmx");
        assertThat(chen.locator("#comment-files-refused")).containsText("动图.gif");
        assertEquals("我的也是这样 Mine too", chen.inputValue("#comment-body"));
        assertTrue(chen.url().endsWith("/suggestions/" + id), chen.url());
        assertEquals(0, fx.number("select count(*) from comment where suggestion_id = ?1", id));
        chens.close();
    }

    /** Issue 20: a multiple-choice ballot sent by htmx with nothing ticked shows why in place, without leaving the page. */
    @Test
    void an_empty_multiple_choice_ballot_shows_its_message_in_place() {
        Board board = fx.board();
        long id = fx.suggestion(board, fx.someone(), Fixtures.unique("Empty ballot")).id;
        polls.poll(id, true, false, null, "Clock", "Weather", "Steps");
        BrowserContext chens = chromium.context(true);
        Page chen = chromium.signIn(chens, "chen", "/suggestions/" + id);
        Response answer = chen.waitForResponse(r -> "POST".equals(r.request().method()),
                () -> chen.locator("section#poll form.poll-form button[type=submit]").first().click());
        assertEquals(200, answer.status(), "htmx swaps the answer in");
        assertEquals(true, answer.request().headers().containsKey("hx-request"), "sent by htmx");
        assertThat(chen.locator("section#poll #poll-option-error")).isVisible();
        assertThat(chen.locator("section#poll #poll-option-error")).not().isEmpty();
        assertThat(chen.locator("section#poll input[name=option]")).hasCount(3);
        assertTrue(chen.url().endsWith("/suggestions/" + id), chen.url());
        chens.close();
    }

    @Test
    void without_javascript_the_plain_multipart_form_posts_a_picture() {
        Board board = fx.board();
        BrowserContext noScript = chromium.context(false);
        Page bob = chromium.signIn(noScript, "bob", "/boards/" + board.slug + "/new");
        bob.fill("#title", Fixtures.unique("No script, one picture"));
        bob.fill("#body", "Sent by a plain form.");
        bob.setInputFiles("#files", png("plain.png", 400, 300));
        Response posted = bob.waitForResponse(r -> "POST".equals(r.request().method()),
                () -> bob.locator("form.suggestion-form > .actions button[type=submit]").click());
        assertEquals(303, posted.status());
        bob.waitForURL(Pattern.compile(".*/suggestions/\\d+$"));
        assertThat(bob.locator("article .gallery img")).hasCount(1);
        assertThat(bob.locator("article .gallery a")).hasAttribute("href", Pattern.compile("^/files/\\d+$"));
        assertEquals(200, noScript.request().get(chromium.url(bob.locator("article .gallery img").getAttribute("src"))).status());
        checkedWithoutJavaScript(bob, "the suggestion with its picture");
        noScript.close();
    }

    @Test
    void refused_file_post_and_console_row_on_desktop_and_phone() {
        List<String> problems = new ArrayList<>();
        for (boolean dark : List.of(false, true)) {
            for (int width : List.of(1280, 360)) {
                String suffix = (width == 360 ? "-360" : "") + (dark ? "-dark" : "");
                Board board = fx.board();
                BrowserContext bobs = context(width, dark);
                Page bob = chromium.signIn(bobs, "bob", "/boards/" + board.slug + "/new");
                String title = Fixtures.unique("HDR 模式下相机闪退");
                typeBugReport(bob, title);

                // A GIF is refused; the typed report and the good screenshot are kept.
                bob.setInputFiles("#files", new FilePayload[] { png("主界面截图.png", 1080, 600), gif() });
                bob.locator("form.suggestion-form > .actions button[type=submit]").click();
                assertThat(bob.locator("#files-refused")).containsText("动图.gif");
                assertThat(bob.locator(".kept-files .kept-file")).hasCount(1);
                assertEquals(title, bob.inputValue("#title"));
                assertEquals("Xiaomi 14", bob.inputValue("#deviceModel"));
                bob.evaluate("() => window.scrollTo(0, 0)");
                problems.addAll(shown(bob, "refused form" + suffix, "22-attachments-refused" + suffix));

                // The kept screenshot gets alt text, a second one and the log are added, and the report goes.
                bob.locator(".kept-file input[name=alt]").first().fill("设置页面 The settings page");
                bob.setInputFiles("#files", new FilePayload[] { jpeg("second.jpg", 800, 600), log() });
                bob.locator("form.suggestion-form > .actions button[type=submit]").click();
                bob.waitForURL(Pattern.compile(".*/suggestions/\\d+$"));
                long id = idOf(bob);
                assertThat(bob.locator("article .gallery img")).hasCount(2);
                assertThat(bob.locator("article .gallery img").first()).hasAttribute("alt", "设置页面 The settings page");
                assertThat(bob.locator("article .log-files a")).hasText("camera.log");
                bob.waitForFunction("() => [...document.querySelectorAll('article .gallery img')]"
                        + ".every(i => i.complete && i.naturalWidth > 0)");
                problems.addAll(shown(bob, "post" + suffix, "22-attachments-post" + suffix));
                bobs.close();

                BrowserContext paulas = context(width, dark);
                Page paula = chromium.signIn(paulas, "paula", "/triage?board=" + board.id);
                assertThat(paula.locator("li.triage-row .triage-files a.log-link[href]")).hasCount(1);
                assertThat(paula.locator("li.triage-row:has(a.row-title[href='/suggestions/" + id + "']) .triage-files img"))
                        .hasCount(2);
                paula.waitForFunction("() => [...document.querySelectorAll('.triage-files img')]"
                        + ".every(i => i.complete && i.naturalWidth > 0)");
                problems.addAll(shown(paula, "triage" + suffix, "22-attachments-triage" + suffix));
                paulas.close();
            }
        }
        assertEquals(List.of(), problems);
    }

    /**
     * A post with a poll (issue 20), on the same form as its files: bob types a suggestion with a three-option poll
     * and a closing time; three fans voted already; chen votes with the keyboard and htmx swaps the poll with its bars,
     * counts and "you voted for"; without JavaScript paula's ballot is a plain form answered by a 303. Saved on a
     * desktop and a 360 px phone, in Chinese.
     */
    @Test
    void a_suggestion_with_a_poll_on_desktop_and_phone() {
        List<String> problems = new ArrayList<>();
        for (int width : List.of(1280, 360)) {
            String suffix = width == 360 ? "-360" : "";
            Board board = fx.board();
            BrowserContext bobs = context(width, false);
            Page bob = chromium.signIn(bobs, "bob", "/boards/" + board.slug + "/new");
            bob.fill("#title", Fixtures.unique("锁屏样式投票"));
            bob.fill("#body", "新的锁屏有三种样式，大家更喜欢哪一种？Which lock-screen style do you prefer?");
            bob.locator("#poll-fields > summary").click();
            bob.fill("#pollQuestion", "你更喜欢哪种锁屏样式？");
            bob.fill("#pollOption0", "经典时钟 Classic clock");
            bob.fill("#pollOption2", "极简 Minimal");
            // An empty option between filled ones comes back beside its field, the post and the options kept.
            bob.locator("form.suggestion-form > .actions button[type=submit]").click();
            assertThat(bob.locator("#pollOption1-error")).hasText("该选项为空：请填写，或清空其后的选项");
            assertEquals("极简 Minimal", bob.inputValue("#pollOption2"));
            bob.evaluate("() => window.scrollTo(0, 0)");
            problems.addAll(shown(bob, "poll form" + suffix, "23-poll-form" + suffix));
            bob.fill("#pollOption1", "大字天气 Big weather");
            bob.fill("#pollClosesAt", java.time.LocalDateTime.now(java.time.ZoneId.of("Asia/Shanghai")).plusDays(7)
                    .withHour(20).withMinute(0).format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm")));
            bob.locator("form.suggestion-form > .actions button[type=submit]").click();
            bob.waitForURL(Pattern.compile(".*/suggestions/\\d+$"));
            long id = idOf(bob);
            assertThat(bob.locator("section#poll .poll-label")).hasCount(3);
            bobs.close();

            List<Long> options = fx.list("select o.id from poll_option o join poll p on p.id = o.poll_id"
                    + " where p.suggestion_id = ?1 order by o.position", id).stream().map(v -> ((Number) v).longValue()).toList();
            polls.ballotAs(id, fx.someone().id, options.get(0));
            polls.ballotAs(id, fx.someone().id, options.get(1));
            polls.ballotAs(id, fx.someone().id, options.get(1));

            BrowserContext chens = context(width, false);
            Page chen = chromium.signIn(chens, "chen", "/suggestions/" + id);
            chen.locator("section#poll input[name=option]").nth(1).focus();
            chen.keyboard().press("Space");
            chen.keyboard().press("Tab");
            chen.keyboard().press("Enter");
            assertThat(chen.locator("section#poll .poll-mine")).containsText("大字天气");
            assertThat(chen.locator("section#poll .poll-count").nth(1)).hasText("3 票 · 75%");
            chen.evaluate("() => window.scrollTo(0, 0)");
            problems.addAll(shown(chen, "poll" + suffix, "23-poll" + suffix));
            chens.close();

            if (width == 1280) {
                BrowserContext noScript = chromium.context(false);
                Page paula = chromium.signIn(noScript, "paula", "/suggestions/" + id);
                paula.locator("section#poll input[name=option]").nth(2).check();
                Response posted = paula.waitForResponse(r -> "POST".equals(r.request().method()),
                        () -> paula.locator("section#poll form.poll-form button[type=submit]").first().click());
                assertEquals(303, posted.status());
                assertThat(paula.locator("section#poll .poll-mine")).containsText("Minimal");
                assertThat(paula.locator("section#poll form[action$='/poll/close']")).hasCount(1);
                checkedWithoutJavaScript(paula, "the poll after a PM's ballot");
                noScript.close();
            }
        }
        assertEquals(List.of(), problems);
    }
}
