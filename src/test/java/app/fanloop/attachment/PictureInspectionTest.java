package app.fanloop.attachment;

import static app.fanloop.attachment.Samples.bands;
import static app.fanloop.attachment.Samples.encode;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import app.fanloop.attachment.FileInspector.Purpose;
import app.fanloop.attachment.FileRefused.Reason;

/** Pictures are typed by their bytes, refused when they are bombs, HTML or SVG, and stored decoded and written anew. */
class PictureInspectionTest {

    @TempDir
    Path dir;

    private final SafeFiles inspector = new SafeFiles(SafeFiles.Limits.defaults());

    private Path file(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    private static BufferedImage read(Path file) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "the stored file decodes");
        return image;
    }

    private static Reason refusal(SafeFiles inspector, Path file, String name, Purpose purpose) {
        return assertThrows(FileRefused.class, () -> inspector.inspect(file, name, purpose).close()).reason();
    }

    @Test
    void jpeg_with_gps_exif_is_stored_without_exif_and_with_the_same_size() throws Exception {
        byte[] photo = Samples.jpegWithExif(encode(bands(64, 48, false, Color.RED, Color.BLUE), "jpeg"), 1, true);
        assertTrue(Samples.jpegMarkers(photo).contains(0xFFE1), "the upload carries an APP1 segment");
        assertTrue(Samples.indexOf(photo, Samples.LATITUDE) > 0, "the upload carries the GPS latitude");

        try (Inspected stored = inspector.inspect(file("IMG_0001.JPG", photo), "IMG_0001.JPG", Purpose.IMAGE)) {
            byte[] bytes = Files.readAllBytes(stored.file());
            assertEquals("image/jpeg", stored.contentType());
            assertEquals("IMG_0001.jpg", stored.fileName());
            assertFalse(Samples.jpegMarkers(bytes).contains(0xFFE1), "no APP1 (Exif) segment is stored");
            assertEquals(-1, Samples.indexOf(bytes, "Exif".getBytes(StandardCharsets.ISO_8859_1)));
            assertEquals(-1, Samples.indexOf(bytes, Samples.LATITUDE), "no GPS position is stored");
            BufferedImage image = read(stored.file());
            assertEquals(64, image.getWidth());
            assertEquals(48, image.getHeight());
            assertEquals(64, stored.width());
            assertEquals(48, stored.height());
            assertEquals(HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes)),
                    stored.sha256());
        }
    }

    @Test
    void jpeg_turned_by_exif_orientation_is_stored_upright() throws Exception {
        // orientation 6: the camera stored it lying on its side; shown turned 90° clockwise, the left (red) goes on top
        byte[] photo = Samples.jpegWithExif(encode(bands(80, 40, false, Color.RED, Color.BLUE), "jpeg"), 6, false);

        try (Inspected stored = inspector.inspect(file("turned.jpg", photo), "turned.jpg", Purpose.IMAGE)) {
            BufferedImage image = read(stored.file());
            assertEquals(40, image.getWidth());
            assertEquals(80, image.getHeight());
            assertEquals(40, stored.width());
            assertEquals(80, stored.height());
            assertTrue(new Color(image.getRGB(20, 10)).getRed() > 200, "the top is red");
            assertTrue(new Color(image.getRGB(20, 70)).getBlue() > 200, "the bottom is blue");
        }
    }

    @ParameterizedTest
    @CsvSource({"1, 20, 10", "2, 60, 10", "3, 60, 30", "4, 20, 30", "5, 10, 20", "6, 30, 20", "7, 30, 60", "8, 10, 60"})
    void every_exif_orientation_is_applied_before_the_exif_is_dropped(int orientation, int redX, int redY)
            throws Exception {
        BufferedImage picture = bands(80, 40, false, Color.BLUE);
        java.awt.Graphics2D g = picture.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, 40, 20);
        g.dispose();
        byte[] photo = Samples.jpegWithExif(encode(picture, "jpeg"), orientation, false);

        try (Inspected stored = inspector.inspect(file("o.jpg", photo), "o.jpg", Purpose.IMAGE)) {
            BufferedImage image = read(stored.file());
            boolean turned = orientation >= 5;
            assertEquals(turned ? 40 : 80, image.getWidth());
            assertEquals(turned ? 80 : 40, image.getHeight());
            assertTrue(new Color(image.getRGB(redX, redY)).getRed() > 200, "the red corner is where the camera saw it");
            assertFalse(Samples.jpegMarkers(Files.readAllBytes(stored.file())).contains(0xFFE1));
        }
    }

    @Test
    void png_html_polyglot_is_stored_as_a_plain_png_without_the_script() throws Exception {
        byte[] polyglot = Samples.pngHtmlPolyglot(encode(bands(32, 32, false, Color.GREEN), "png"));
        assertTrue(Samples.indexOf(polyglot, "<script".getBytes(StandardCharsets.ISO_8859_1)) > 0);

        try (Inspected stored = inspector.inspect(file("a.png", polyglot), "a.png", Purpose.IMAGE)) {
            byte[] bytes = Files.readAllBytes(stored.file());
            assertEquals("image/png", stored.contentType());
            assertEquals(AttachmentKind.IMAGE, stored.kind());
            assertEquals(-1, Samples.indexOf(bytes, "<script".getBytes(StandardCharsets.ISO_8859_1)));
            assertEquals(-1, Samples.indexOf(bytes, "tEXt".getBytes(StandardCharsets.ISO_8859_1)));
            assertArrayEquals(Samples.IEND, Arrays.copyOfRange(bytes, bytes.length - 12, bytes.length),
                    "nothing follows IEND");
            assertEquals(32, read(stored.file()).getWidth());
        }
    }

    @Test
    void html_named_png_is_refused_as_not_a_picture() throws Exception {
        Path html = file("cat.png",
                "<!DOCTYPE html><html><script>alert(1)</script></html>".getBytes(StandardCharsets.UTF_8));
        assertEquals(Reason.TYPE, refusal(inspector, html, "cat.png", Purpose.IMAGE));
    }

    @Test
    void svg_with_script_is_refused_whatever_its_name() throws Exception {
        byte[] svg = ("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"10\" height=\"10\">"
                + "<script>alert(document.cookie)</script><rect width=\"10\" height=\"10\"/></svg>")
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(Reason.TYPE, refusal(inspector, file("logo.svg", svg), "logo.svg", Purpose.IMAGE));
        assertEquals(Reason.TYPE, refusal(inspector, file("logo.png", svg), "logo.png", Purpose.IMAGE));
        assertEquals(Reason.TYPE, refusal(inspector, file("logo2.png", svg), "logo.png", Purpose.AVATAR));
    }

    @Test
    void gif_is_refused_as_not_a_picture_type_we_take() throws Exception {
        BufferedImage indexed = new BufferedImage(16, 16, BufferedImage.TYPE_BYTE_INDEXED);
        byte[] gif = encode(indexed, "gif");
        assertEquals(Reason.TYPE, refusal(inspector, file("funny.gif", gif), "funny.gif", Purpose.IMAGE));
    }

    @Test
    void heic_photo_is_refused_with_its_own_reason() throws Exception {
        assertEquals(Reason.HEIC, refusal(inspector, file("IMG_1234.HEIC", Samples.heicHeader()), "IMG_1234.HEIC",
                Purpose.IMAGE));
    }

    @Test
    void pixel_bomb_is_refused_from_its_header_without_decoding() throws Exception {
        Path bomb = file("bomb.png", Samples.pngAnnouncing(100_000, 100_000));
        assertTrue(Files.size(bomb) < 200, "a few bytes announcing ten billion pixels");
        // decoding 10^10 pixels would need 30 GB: refused in time and without an OutOfMemoryError
        Reason reason = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> refusal(inspector, bomb, "bomb.png", Purpose.IMAGE));
        assertEquals(Reason.PIXELS, reason);
    }

    @Test
    void picture_whose_pixels_do_not_decode_is_refused_as_damaged() throws Exception {
        byte[] png = encode(bands(64, 64, false, Color.RED, Color.BLUE), "png");
        byte[] cut = Arrays.copyOf(png, 60);
        assertEquals(Reason.DAMAGED, refusal(inspector, file("cut.png", cut), "cut.png", Purpose.IMAGE));
        byte[] jpegStart = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 2, 1, 2, 3};
        assertEquals(Reason.DAMAGED, refusal(inspector, file("cut.jpg", jpegStart), "cut.jpg", Purpose.IMAGE));
    }

    @Test
    void picture_over_the_size_limit_is_refused_naming_the_limit() throws Exception {
        Path big = dir.resolve("big.png");
        try (var out = Files.newOutputStream(big)) {
            out.write(Samples.PNG_SIGNATURE);
            out.write(new byte[(10 << 20) + 1]);
        }
        FileRefused refused = assertThrows(FileRefused.class, () -> inspector.inspect(big, "big.png", Purpose.IMAGE));
        assertEquals(Reason.SIZE, refused.reason());
        assertEquals("10 MiB", refused.value());
    }

    @Test
    void large_picture_is_decoded_subsampled_and_scaled_to_the_longest_side_with_a_thumbnail() throws Exception {
        SafeFiles small = new SafeFiles(new SafeFiles.Limits(10L << 20, 100_000_000L, 1000, 200, 256, 20L << 20,
                1000, 200L << 20, 200, 1));
        byte[] jpeg = encode(bands(6000, 4000, false, Color.RED, Color.WHITE, Color.BLUE), "jpeg");

        try (Inspected stored = small.inspect(file("panorama.jpg", jpeg), "panorama.jpg", Purpose.IMAGE)) {
            assertEquals(1000, stored.width());
            assertEquals(667, stored.height());
            BufferedImage image = read(stored.file());
            assertEquals(1000, image.getWidth());
            assertEquals(667, image.getHeight());
            assertTrue(new Color(image.getRGB(100, 300)).getRed() > 200, "the left is still red");
            assertTrue(new Color(image.getRGB(900, 300)).getBlue() > 200, "the right is still blue");
            BufferedImage thumb = read(stored.thumb());
            assertEquals(200, thumb.getWidth());
            assertEquals(133, thumb.getHeight());
            assertEquals(200, stored.thumbWidth());
            assertEquals(133, stored.thumbHeight());
        }
    }

    @Test
    void picture_of_6000_by_4000_stays_within_the_default_longest_side() throws Exception {
        byte[] jpeg = encode(bands(6000, 4000, false, Color.RED, Color.BLUE), "jpeg");

        try (Inspected stored = inspector.inspect(file("photo.jpg", jpeg), "photo.jpg", Purpose.IMAGE)) {
            BufferedImage image = read(stored.file());
            // decoded with every second pixel (the raster may hold at most 4096² pixels), so 3000 × 2000
            assertEquals(3000, image.getWidth());
            assertEquals(2000, image.getHeight());
            assertEquals(480, read(stored.thumb()).getWidth());
            assertEquals(320, stored.thumbHeight());
        }
    }

    @Test
    void picture_between_max_side_and_its_pixel_budget_is_scaled_precisely_to_max_side() throws Exception {
        byte[] png = encode(bands(5000, 1000, false, Color.RED, Color.BLUE), "png");

        try (Inspected stored = inspector.inspect(file("wide.png", png), "wide.png", Purpose.IMAGE)) {
            assertEquals(4096, stored.width());
            assertEquals(819, stored.height());
            assertEquals(4096, read(stored.file()).getWidth());
        }
    }

    @Test
    void avatar_is_the_centre_square_scaled_to_the_avatar_side_without_thumbnail() throws Exception {
        byte[] png = encode(bands(300, 200, false, Color.RED, Color.GREEN, Color.GREEN, Color.GREEN, Color.GREEN,
                Color.BLUE), "png");

        try (Inspected stored = inspector.inspect(file("me.png", png), "me.png", Purpose.AVATAR)) {
            assertEquals(AttachmentKind.AVATAR, stored.kind());
            assertNull(stored.thumb());
            assertEquals(256, stored.width());
            assertEquals(256, stored.height());
            BufferedImage image = read(stored.file());
            assertEquals(256, image.getWidth());
            assertEquals(256, image.getHeight());
            for (int[] corner : new int[][] {{0, 0}, {255, 0}, {0, 255}, {255, 255}}) {
                assertEquals(Color.GREEN.getRGB(), image.getRGB(corner[0], corner[1]), "the sides were cropped away");
            }
        }
    }

    @Test
    void png_with_transparency_keeps_it() throws Exception {
        byte[] png = encode(bands(40, 20, true, new Color(255, 0, 0, 0), Color.RED), "png");

        try (Inspected stored = inspector.inspect(file("t.png", png), "t.png", Purpose.IMAGE)) {
            BufferedImage image = read(stored.file());
            assertEquals(0, image.getRGB(5, 5) >>> 24, "the left stays transparent");
            assertEquals(255, image.getRGB(35, 5) >>> 24);
            assertEquals(0, read(stored.thumb()).getRGB(5, 5) >>> 24);
        }
    }

    @Test
    void lossy_webp_is_stored_as_jpeg() throws Exception {
        Path webp = copyResource("lossy-64x48.webp");

        try (Inspected stored = inspector.inspect(webp, "shot.webp", Purpose.IMAGE)) {
            assertEquals("image/jpeg", stored.contentType());
            assertEquals("shot.jpg", stored.fileName());
            assertEquals(0xFFD8, Samples.jpegMarkers(Files.readAllBytes(stored.file())).get(0));
            BufferedImage image = read(stored.file());
            assertEquals(64, image.getWidth());
            assertEquals(48, image.getHeight());
            assertTrue(new Color(image.getRGB(8, 24)).getRed() > 200, "the left is red");
            assertTrue(new Color(image.getRGB(56, 24)).getBlue() > 200, "the right is blue");
        }
    }

    @Test
    void lossless_webp_with_transparency_is_stored_as_png() throws Exception {
        Path webp = copyResource("lossless-alpha-40x30.webp");

        try (Inspected stored = inspector.inspect(webp, "sticker.webp", Purpose.IMAGE)) {
            assertEquals("image/png", stored.contentType());
            assertEquals("sticker.png", stored.fileName());
            BufferedImage image = read(stored.file());
            assertEquals(40, image.getWidth());
            assertEquals(30, image.getHeight());
            assertEquals(0x80, image.getRGB(5, 5) >>> 24, "half transparent on the left");
            assertEquals(0xFF, image.getRGB(35, 5) >>> 24);
        }
    }

    private Path copyResource(String name) throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/attachments/" + name)) {
            assertNotNull(in, name);
            Path file = dir.resolve(name);
            Files.copy(in, file);
            return file;
        }
    }
}
