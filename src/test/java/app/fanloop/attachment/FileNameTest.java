package app.fanloop.attachment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The stored name: the uploaded one without folders or invisible characters, short, with the stored extension. */
class FileNameTest {

    @Test
    void folders_are_dropped() {
        assertEquals("passwd.txt", SafeFiles.cleanName("../../etc/passwd", "log", ".txt"));
        assertEquals("shot.png", SafeFiles.cleanName("C:\\Users\\fan\\shot.png", "screenshot", ".png"));
    }

    @Test
    void bidi_overrides_and_control_characters_are_removed() {
        // "photo<RLO>gnp.exe" shows as "photoexe.png" in a right-to-left aware list
        assertEquals("photognp.jpg", SafeFiles.cleanName("photo\u202Egnp.exe", "screenshot", ".jpg"));
        assertEquals("ab.log", SafeFiles.cleanName("a\u0000\r\nb\u200B.log", "log", ".log"));
    }

    @Test
    void extension_is_the_stored_type_whatever_was_uploaded() {
        assertEquals("cat.png", SafeFiles.cleanName("cat.jpg", "screenshot", ".png"));
        assertEquals("report.txt", SafeFiles.cleanName("report.html", "log", ".txt"));
        assertEquals("截图 2026-12-01.jpg", SafeFiles.cleanName("截图 2026-12-01.webp", "screenshot", ".jpg"));
    }

    @Test
    void empty_name_falls_back() {
        assertEquals("screenshot.png", SafeFiles.cleanName(null, "screenshot", ".png"));
        assertEquals("screenshot.png", SafeFiles.cleanName("", "screenshot", ".png"));
        assertEquals("log.txt", SafeFiles.cleanName("dir/", "log", ".txt"));
        assertEquals("avatar.jpg", SafeFiles.cleanName("\u202E.jpg", "avatar", ".jpg"));
    }

    @Test
    void long_name_is_cut_to_200_characters() {
        String name = SafeFiles.cleanName("图".repeat(500) + ".png", "screenshot", ".png");
        assertEquals(200, name.codePointCount(0, name.length()));
        assertTrue(name.endsWith("图.png"));
    }

    @Test
    void limits_read_as_people_say_them() {
        assertEquals("10 MiB", app.fanloop.web.BodyLimit.sizeText(10L << 20));
        assertEquals("1.5 MiB", app.fanloop.web.BodyLimit.sizeText(3L << 19));
        assertEquals("512 KiB", app.fanloop.web.BodyLimit.sizeText(512 << 10));
    }
}
