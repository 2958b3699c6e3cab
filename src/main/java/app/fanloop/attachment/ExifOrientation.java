package app.fanloop.attachment;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The EXIF orientation of a JPEG (1..8, 1 when absent), read from its APP1 segment without decoding. */
final class ExifOrientation {

    private ExifOrientation() {
    }

    static int read(Path jpeg) {
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(jpeg)))) {
            if (in.readUnsignedShort() != 0xFFD8) {
                return 1;
            }
            for (int segments = 0; segments < 64; segments++) {
                int marker = in.readUnsignedShort();
                if ((marker & 0xFF00) != 0xFF00 || marker == 0xFFDA || marker == 0xFFD9) {
                    return 1;
                }
                int length = in.readUnsignedShort();
                if (length < 2) {
                    return 1;
                }
                if (marker == 0xFFE1) {
                    byte[] segment = in.readNBytes(length - 2);
                    int o = orientation(segment);
                    if (o > 0) {
                        return o;
                    }
                } else {
                    in.skipNBytes(length - 2);
                }
            }
        } catch (IOException | RuntimeException e) {
            return 1;
        }
        return 1;
    }

    /** The orientation tag of IFD0 in an APP1 "Exif" segment, or 0. */
    static int orientation(byte[] s) {
        if (s.length < 14 || !new String(s, 0, 6, StandardCharsets.ISO_8859_1).equals("Exif\0\0")) {
            return 0;
        }
        int base = 6;
        boolean little = s[base] == 'I' && s[base + 1] == 'I';
        if (!little && !(s[base] == 'M' && s[base + 1] == 'M')) {
            return 0;
        }
        long ifd = u32(s, base + 4, little);
        if (ifd < 8 || base + ifd + 2 > s.length) {
            return 0;
        }
        int at = (int) (base + ifd);
        int entries = u16(s, at, little);
        for (int i = 0; i < entries; i++) {
            int e = at + 2 + i * 12;
            if (e + 12 > s.length) {
                return 0;
            }
            if (u16(s, e, little) == 0x0112) {
                int value = u16(s, e + 8, little);
                return value >= 1 && value <= 8 ? value : 0;
            }
        }
        return 0;
    }

    private static int u16(byte[] s, int at, boolean little) {
        int a = s[at] & 0xFF;
        int b = s[at + 1] & 0xFF;
        return little ? (b << 8) | a : (a << 8) | b;
    }

    private static long u32(byte[] s, int at, boolean little) {
        long hi = u16(s, little ? at + 2 : at, little);
        long lo = u16(s, little ? at : at + 2, little);
        return (hi << 16) | lo;
    }
}
