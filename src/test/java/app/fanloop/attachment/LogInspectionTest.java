package app.fanloop.attachment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import app.fanloop.attachment.FileInspector.Purpose;
import app.fanloop.attachment.FileRefused.Reason;

/** Logs on a bug report: UTF-8 (or GB18030) text, or a zip that is inflated and counted; bombs and binaries refused. */
class LogInspectionTest {

    private static final String LOG = "2026-12-01 03:04:05.678 E/CameraService: 相机打开失败 (-19)\n"
            + "<html><script>alert(1)</script></html>\n";

    @TempDir
    Path dir;

    private final SafeFiles inspector = new SafeFiles(SafeFiles.Limits.defaults());

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private Reason refusal(Path file, String name, Purpose purpose) {
        return assertThrows(FileRefused.class, () -> inspector.inspect(file, name, purpose).close()).reason();
    }

    private Path zip(String name, int entries, int bytesEach) throws IOException {
        Path zip = dir.resolve(name);
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
            for (int i = 0; i < entries; i++) {
                out.putNextEntry(new ZipEntry("logcat-" + i + ".txt"));
                byte[] line = (LOG + i).getBytes(StandardCharsets.UTF_8);
                for (int written = 0; written < bytesEach; written += line.length) {
                    out.write(line);
                }
                out.closeEntry();
            }
        }
        return zip;
    }

    @Test
    void utf8_log_is_stored_as_it_is_as_plain_text() throws Exception {
        byte[] bytes = LOG.getBytes(StandardCharsets.UTF_8);

        try (Inspected stored = inspector.inspect(file("up", bytes), "logcat.log", Purpose.IMAGE_OR_LOG)) {
            assertEquals(AttachmentKind.LOG, stored.kind());
            assertEquals("text/plain; charset=UTF-8", stored.contentType());
            assertEquals("logcat.log", stored.fileName());
            assertArrayEquals(bytes, Files.readAllBytes(stored.file()));
            assertNull(stored.thumb());
            assertEquals(0, stored.width());
            assertEquals(SafeFiles.sha256(stored.file()), stored.sha256());
        }
    }

    @Test
    void a_log_with_markup_in_its_lines_is_just_text_named_txt() throws Exception {
        byte[] log = "10:00:01 W/WebView: loaded <html><body><script>alert(1)</script></body></html>\n"
                .getBytes(StandardCharsets.UTF_8);

        try (Inspected stored = inspector.inspect(file("up", log), "report.html", Purpose.IMAGE_OR_LOG)) {
            assertEquals("text/plain; charset=UTF-8", stored.contentType());
            assertEquals("report.txt", stored.fileName());
        }
    }

    @Test
    void an_html_or_svg_document_is_refused_even_named_as_a_log() throws Exception {
        for (String document : new String[] { "<!DOCTYPE html><html><body><script>alert(1)</script></body></html>",
                "\uFEFF  <svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>",
                "<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"/>",
                "\n<HTML><script>alert(1)</script>" }) {
            assertEquals(FileRefused.Reason.TYPE,
                    refusal(file("up", document.getBytes(StandardCharsets.UTF_8)), "crash.log", Purpose.IMAGE_OR_LOG), document);
        }
    }

    @Test
    void gb18030_log_is_stored_converted_to_utf8() throws Exception {
        Charset gb18030 = Charset.forName("GB18030");
        String text = "错误：无法连接服务器\r\n重试 3 次后放弃\r\n";

        try (Inspected stored = inspector.inspect(file("up", text.getBytes(gb18030)), "错误.txt", Purpose.IMAGE_OR_LOG)) {
            assertEquals("text/plain; charset=UTF-8", stored.contentType());
            assertEquals("错误.txt", stored.fileName());
            assertEquals(text, Files.readString(stored.file(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void gb18030_log_that_grows_past_the_limit_as_utf8_is_refused_and_leaves_no_file() throws Exception {
        SafeFiles strict = new SafeFiles(new SafeFiles.Limits(10L << 20, 100_000_000L, 4096, 480, 256, 1000, 1000,
                200L << 20, 200, 1));
        // 400 characters: 800 bytes in GB18030, 1200 in UTF-8
        Path log = file("gb.log", "错".repeat(400).getBytes(Charset.forName("GB18030")));
        long before = madeFiles();

        FileRefused refused = assertThrows(FileRefused.class,
                () -> strict.inspect(log, "gb.log", Purpose.IMAGE_OR_LOG));
        assertEquals(Reason.SIZE, refused.reason());
        assertEquals("1000 B", refused.value());
        assertEquals(before, madeFiles(), "the converted file was deleted");
    }

    private static long madeFiles() throws IOException {
        try (var files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("fanloop-attachment-")).count();
        }
    }

    @Test
    void binary_named_txt_is_refused() throws Exception {
        byte[] binary = new byte[4096];
        new Random(17).nextBytes(binary);
        binary[10] = 0;
        assertEquals(Reason.TYPE, refusal(file("app.txt", binary), "app.txt", Purpose.IMAGE_OR_LOG));
        byte[] withNul = "line one\nline\0two\n".getBytes(StandardCharsets.UTF_8);
        assertEquals(Reason.TYPE, refusal(file("nul.log", withNul), "nul.log", Purpose.IMAGE_OR_LOG));
    }

    @Test
    void empty_file_is_refused() throws Exception {
        assertEquals(Reason.TYPE, refusal(file("empty.log", new byte[0]), "empty.log", Purpose.IMAGE_OR_LOG));
    }

    @Test
    void log_is_refused_where_only_pictures_may_go() throws Exception {
        Path log = file("crash.txt", LOG.getBytes(StandardCharsets.UTF_8));
        assertEquals(Reason.TYPE, refusal(log, "crash.txt", Purpose.IMAGE));
        assertEquals(Reason.TYPE, refusal(log, "crash.txt", Purpose.AVATAR));
        assertEquals(Reason.TYPE, refusal(zip("logs.zip", 1, 100), "logs.zip", Purpose.IMAGE));
    }

    @Test
    void log_over_the_size_limit_is_refused_naming_the_limit() throws Exception {
        Path big = dir.resolve("big.log");
        byte[] line = "I/ActivityManager: Start proc 1234\n".getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(big)) {
            for (long written = 0; written <= (20L << 20); written += line.length) {
                out.write(line);
            }
        }
        FileRefused refused = assertThrows(FileRefused.class,
                () -> inspector.inspect(big, "big.log", Purpose.IMAGE_OR_LOG));
        assertEquals(Reason.SIZE, refused.reason());
        assertEquals("20 MiB", refused.value());
    }

    @Test
    void zip_of_logs_is_stored_as_it_is() throws Exception {
        Path zip = zip("logs.zip", 3, 50_000);

        try (Inspected stored = inspector.inspect(zip, "bugreport-2026.zip", Purpose.IMAGE_OR_LOG)) {
            assertEquals(AttachmentKind.LOG, stored.kind());
            assertEquals("application/zip", stored.contentType());
            assertEquals("bugreport-2026.zip", stored.fileName());
            assertArrayEquals(Files.readAllBytes(zip), Files.readAllBytes(stored.file()));
        }
    }

    @Test
    void empty_zip_is_accepted() throws Exception {
        Path zip = dir.resolve("empty.zip");
        new ZipOutputStream(Files.newOutputStream(zip)).close();
        assertEquals('P', Files.readAllBytes(zip)[0]);

        try (Inspected stored = inspector.inspect(zip, "empty", Purpose.IMAGE_OR_LOG)) {
            assertEquals("empty.zip", stored.fileName());
        }
    }

    @Test
    void zip_bomb_is_refused_while_inflating() throws Exception {
        Path bomb = dir.resolve("bomb.zip");
        byte[] zeros = new byte[1 << 20];
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(bomb))) {
            out.putNextEntry(new ZipEntry("zeros.log"));
            for (int i = 0; i < 300; i++) {
                out.write(zeros);
            }
            out.closeEntry();
        }
        assertTrue(Files.size(bomb) < 1 << 20, "300 MB of zeros packed into " + Files.size(bomb) + " bytes");

        Reason reason = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> refusal(bomb, "bomb.zip", Purpose.IMAGE_OR_LOG));
        assertEquals(Reason.ZIP, reason);
    }

    @Test
    void zip_that_unpacks_to_more_than_the_limit_in_all_is_refused() throws Exception {
        SafeFiles strict = new SafeFiles(new SafeFiles.Limits(10L << 20, 100_000_000L, 4096, 480, 256, 20L << 20,
                1000, 1L << 20, 200, 1));
        Path zip = zip("many.zip", 4, 400_000);
        FileRefused refused = assertThrows(FileRefused.class,
                () -> strict.inspect(zip, "many.zip", Purpose.IMAGE_OR_LOG));
        assertEquals(Reason.ZIP, refused.reason());
    }

    @Test
    void zip_with_too_many_entries_is_refused() throws Exception {
        assertEquals(Reason.ZIP, refusal(zip("tiny.zip", 1001, 1), "tiny.zip", Purpose.IMAGE_OR_LOG));
    }

    @Test
    void damaged_or_cut_zip_is_refused() throws Exception {
        byte[] garbage = new byte[2000];
        new Random(3).nextBytes(garbage);
        garbage[0] = 'P';
        garbage[1] = 'K';
        garbage[2] = 3;
        garbage[3] = 4;
        assertEquals(Reason.ZIP, refusal(file("garbage.zip", garbage), "garbage.zip", Purpose.IMAGE_OR_LOG));

        byte[] whole = Files.readAllBytes(zip("whole.zip", 2, 20_000));
        byte[] cut = Arrays.copyOf(whole, whole.length / 2);
        assertEquals(Reason.ZIP, refusal(file("cut.zip", cut), "cut.zip", Purpose.IMAGE_OR_LOG));
    }

    @Test
    void encrypted_zip_is_refused() throws Exception {
        byte[] bytes = Files.readAllBytes(zip("secret.zip", 1, 1000));
        ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        // set the "encrypted" flag (bit 0) in the local header and in the central directory
        b.putShort(6, (short) (b.getShort(6) | 1));
        int central = Samples.indexOf(bytes, new byte[] {'P', 'K', 1, 2});
        assertTrue(central > 0);
        b.putShort(central + 8, (short) (b.getShort(central + 8) | 1));
        assertEquals(Reason.ZIP, refusal(file("secret2.zip", bytes), "secret.zip", Purpose.IMAGE_OR_LOG));
    }
}
