package app.fanloop.attachment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import app.fanloop.attachment.FileInspector.Purpose;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.test.junit.QuarkusTest;

/** In the app: the inspector is the configured bean (with the TwelveMonkeys readers) and refusals have both texts. */
@QuarkusTest
class FileInspectorInAppTest {

    @Inject
    FileInspector inspector;

    @Inject
    AttachmentMessages zh;

    @Localized("en")
    AttachmentMessages en;

    @Test
    void configured_inspector_takes_a_jpeg_and_refuses_an_html_page() throws Exception {
        Path jpeg = Files.createTempFile("upload-", ".jpg");
        Path html = Files.createTempFile("upload-", ".png");
        try {
            Files.write(jpeg, Samples.encode(Samples.bands(120, 80, false, Color.RED, Color.BLUE), "jpeg"));
            try (Inspected stored = inspector.inspect(jpeg, "a.jpg", Purpose.IMAGE_OR_LOG)) {
                assertEquals("image/jpeg", stored.contentType());
                assertEquals(120, stored.width());
            }
            Files.writeString(html, "<html><script>alert(1)</script></html>");
            FileRefused refused = assertThrows(FileRefused.class,
                    () -> inspector.inspect(html, "a.png", Purpose.IMAGE));
            assertEquals(FileRefused.Reason.TYPE, refused.reason());
        } finally {
            Files.deleteIfExists(jpeg);
            Files.deleteIfExists(html);
        }
    }

    @Inject
    AttachmentConfig config;

    @Test
    void the_configured_defaults_are_the_issues_limits_and_the_bug_form_states_them() {
        // Issue 17: pictures up to 10 MB, 9 a post; logs up to 20 MB. The test profile changes only quotas and the janitor.
        assertEquals(SafeFiles.Limits.defaults(), SafeFiles.Limits.of(config), "the unit tests' limits are the app's defaults");
        assertEquals(10L << 20, config.images().maxSize().asLongValue());
        assertEquals(9, config.images().perPost());
        assertEquals(20L << 20, config.logs().maxSize().asLongValue());
        assertEquals(3, config.logs().perPost());
        assertEquals("database", config.storage());

        app.fanloop.board.Board board = fx.board(false, true);
        org.jsoup.nodes.Document form = app.fanloop.web.Browser.html(AttachmentFlowTest.as("bob")
                .get("/boards/" + board.slug + "/new").then().statusCode(200).extract().response());
        String hint = form.selectFirst("#files-hint").text();
        assertTrue(hint.contains("Up to 9 pictures (PNG, JPEG, WebP), at most 10 MiB each."), hint);
        assertTrue(hint.contains("up to 3 logs (.txt, .log, .zip), at most 20 MiB each"), hint);
        org.jsoup.nodes.Element box = form.selectFirst("fieldset[data-files]");
        assertEquals(String.valueOf(10L << 20), box.attr("data-image-bytes"), "files.js checks the same limits");
        assertEquals(String.valueOf(20L << 20), box.attr("data-log-bytes"));
        assertEquals("multipart/form-data", box.closest("form").attr("enctype"), "a plain multipart form, no script needed");
    }

    @Inject
    app.fanloop.Fixtures fx;

    @Test
    void every_refusal_reason_has_a_text_in_both_languages() {
        assertEquals("文件太大，不能超过 10 MiB。", zh.refused_size("10 MiB"));
        assertEquals("The file is too large: at most 10 MiB.", en.refused_size("10 MiB"));
        assertTrue(zh.refused_count("9").contains("9"));
        for (AttachmentMessages m : new AttachmentMessages[] {zh, en}) {
            for (String text : new String[] {m.refused_type(), m.refused_heic(), m.refused_pixels(),
                    m.refused_damaged(), m.refused_zip(), m.refused_quota()}) {
                assertTrue(!text.isBlank() && !text.contains("{"), text);
            }
        }
        assertEquals(8, FileRefused.Reason.values().length, "a new reason needs its message here and in the bundle");
    }
}
