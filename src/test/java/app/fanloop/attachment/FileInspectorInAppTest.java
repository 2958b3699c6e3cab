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
