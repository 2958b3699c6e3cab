package app.fanloop.attachment;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import javax.imageio.ImageIO;

/** Real files made in the test: pictures drawn and encoded by ImageIO, and hand-built chunks, segments and headers. */
final class Samples {

    private Samples() {
    }

    /** A picture in vertical bands of the given colours, left to right. */
    static BufferedImage bands(int width, int height, boolean alpha, Color... colours) {
        BufferedImage image = new BufferedImage(width, height,
                alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_3BYTE_BGR);
        Graphics2D g = image.createGraphics();
        for (int i = 0; i < colours.length; i++) {
            g.setColor(colours[i]);
            int from = width * i / colours.length;
            g.fillRect(from, 0, width * (i + 1) / colours.length - from, height);
        }
        g.dispose();
        return image;
    }

    static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) {
                throw new IllegalStateException("no writer for " + format);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A JPEG with an APP1 Exif segment inserted right after its start: orientation and, if asked, a GPS position. */
    static byte[] jpegWithExif(byte[] jpeg, int orientation, boolean gps) {
        byte[] app1 = exifSegment(orientation, gps);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(jpeg, 0, 2);
        out.write(app1, 0, app1.length);
        out.write(jpeg, 2, jpeg.length - 2);
        return out.toByteArray();
    }

    /** The rational numbers of the GPS latitude written by {@link #exifSegment}: 39° 54' 27.12" (Beijing). */
    static final byte[] LATITUDE = ByteBuffer.allocate(24).putInt(39).putInt(1).putInt(54).putInt(1).putInt(2712)
            .putInt(100).array();

    /** FFE1, length, "Exif\0\0", then a big-endian TIFF: IFD0 (orientation, GPS pointer) and a GPS IFD. */
    static byte[] exifSegment(int orientation, boolean gps) {
        ByteBuffer tiff = ByteBuffer.allocate(200);
        tiff.put(new byte[] {'M', 'M', 0, 42}).putInt(8);
        int entries = gps ? 2 : 1;
        tiff.putShort((short) entries);
        tiff.putShort((short) 0x0112).putShort((short) 3).putInt(1).putShort((short) orientation).putShort((short) 0);
        int gpsIfd = 8 + 2 + entries * 12 + 4;
        if (gps) {
            tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(gpsIfd);
        }
        tiff.putInt(0);
        if (gps) {
            int values = gpsIfd + 2 + 2 * 12 + 4;
            tiff.putShort((short) 2);
            tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put(new byte[] {'N', 0, 0, 0});
            tiff.putShort((short) 0x0002).putShort((short) 5).putInt(3).putInt(values);
            tiff.putInt(0);
            tiff.put(LATITUDE);
        }
        byte[] body = new byte[tiff.position()];
        tiff.flip().get(body);
        ByteBuffer segment = ByteBuffer.allocate(4 + 6 + body.length);
        segment.putShort((short) 0xFFE1).putShort((short) (2 + 6 + body.length));
        segment.put("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1)).put(body);
        return segment.array();
    }

    /** The markers of a JPEG's segments up to the start of the scan (FFD8 first). */
    static List<Integer> jpegMarkers(byte[] jpeg) {
        List<Integer> markers = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(jpeg);
        markers.add(b.getShort() & 0xFFFF);
        while (b.remaining() >= 4) {
            int marker = b.getShort() & 0xFFFF;
            markers.add(marker);
            if (marker == 0xFFDA) {
                break;
            }
            int length = b.getShort() & 0xFFFF;
            b.position(b.position() + length - 2);
        }
        return markers;
    }

    static byte[] pngChunk(String type, byte[] data) {
        ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
        chunk.putInt(data.length).put(type.getBytes(StandardCharsets.ISO_8859_1)).put(data);
        CRC32 crc = new CRC32();
        crc.update(type.getBytes(StandardCharsets.ISO_8859_1));
        crc.update(data);
        chunk.putInt((int) crc.getValue());
        return chunk.array();
    }

    static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    static final byte[] IEND = pngChunk("IEND", new byte[0]);

    /** A valid PNG with a tEXt chunk holding a script before IEND and an HTML page appended after it. */
    static byte[] pngHtmlPolyglot(byte[] png) {
        String html = "<html><script>alert(1)</script></html>";
        byte[] text = ("Comment\0" + html).getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(png, 0, png.length - IEND.length);
        out.writeBytes(pngChunk("tEXt", text));
        out.writeBytes(IEND);
        out.writeBytes(html.getBytes(StandardCharsets.ISO_8859_1));
        return out.toByteArray();
    }

    /** A small PNG whose header (valid CRC) announces width × height pixels; its data is a few deflated bytes. */
    static byte[] pngAnnouncing(int width, int height) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(PNG_SIGNATURE);
        ByteBuffer ihdr = ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0);
        out.writeBytes(pngChunk("IHDR", ihdr.array()));
        Deflater deflater = new Deflater();
        deflater.setInput(new byte[64]);
        deflater.finish();
        byte[] data = new byte[128];
        int n = deflater.deflate(data);
        deflater.end();
        out.writeBytes(pngChunk("IDAT", java.util.Arrays.copyOf(data, n)));
        out.writeBytes(IEND);
        return out.toByteArray();
    }

    /** The first bytes of an iPhone HEIC: an ftyp box with the heic brand. */
    static byte[] heicHeader() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(24);
            out.writeBytes("ftypheic");
            out.writeInt(0);
            out.writeBytes("mif1heic");
            out.writeInt(100);
            out.writeBytes("meta");
            out.write(new byte[92]);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
