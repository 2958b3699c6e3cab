package app.fanloop.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;

import javax.imageio.ImageIO;

import app.fanloop.web.BodyLimit;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The {@link FileInspector}: the type from the first bytes of the file, never from its name; a picture's size read from
 * its header and refused before decoding when it announces too many pixels; pictures decoded (subsampled to a bounded
 * raster, a few at a time) and written anew, which leaves EXIF, GPS position, text chunks and anything appended behind;
 * logs checked as UTF-8 text (or GB18030 text, stored converted to UTF-8) or as a zip whose entries are inflated and
 * counted, never trusted from its headers. Nothing is read whole into memory.
 */
@ApplicationScoped
public class SafeFiles implements FileInspector {

    /** The limits the inspector applies; from {@link AttachmentConfig} in the app, made directly in unit tests. */
    public record Limits(long imageMaxSize, long maxPixels, int maxSide, int thumbSide, int avatarSide, long logMaxSize,
            int zipMaxEntries, long zipMaxUnpacked, int zipMaxRatio, int decodeConcurrency) {

        /** The defaults of {@link AttachmentConfig}. */
        public static Limits defaults() {
            return new Limits(10L << 20, 100_000_000L, 4096, 480, 256, 20L << 20, 1000, 200L << 20, 200, 2);
        }

        static Limits of(AttachmentConfig config) {
            AttachmentConfig.Images images = config.images();
            AttachmentConfig.Logs logs = config.logs();
            return new Limits(images.maxSize().asLongValue(), images.maxPixels(), images.maxSide(), images.thumbSide(),
                    images.avatarSide(), logs.maxSize().asLongValue(), logs.zipMaxEntries(),
                    logs.zipMaxUnpacked().asLongValue(), logs.zipMaxRatio(), config.decodeConcurrency());
        }
    }

    /** What the first bytes say. */
    enum Sniffed { PNG, JPEG, WEBP, HEIC, GIF, ZIP, OTHER }

    static final int MAX_NAME = 200;
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "hevm",
            "hevs", "mif1", "msf1", "heif");

    private final Limits limits;
    private final Pictures pictures;
    private final Logs logs;

    @Inject
    public SafeFiles(AttachmentConfig config) {
        this(Limits.of(config));
    }

    public SafeFiles(Limits limits) {
        this.limits = limits;
        this.pictures = new Pictures(limits);
        this.logs = new Logs(limits);
        // the plugins on the application's class path (TwelveMonkeys JPEG) join the registry even when it was made
        // before them under another class loader
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    @Override
    public Inspected inspect(Path upload, String uploadedName, Purpose purpose) throws FileRefused, IOException {
        long size = Files.size(upload);
        if (size == 0) {
            throw new FileRefused(FileRefused.Reason.TYPE);
        }
        Sniffed type = sniff(upload);
        switch (type) {
            case PNG, JPEG, WEBP -> {
                if (size > limits.imageMaxSize()) {
                    throw new FileRefused(FileRefused.Reason.SIZE, BodyLimit.sizeText(limits.imageMaxSize()));
                }
                return pictures.inspect(upload, type, uploadedName, purpose);
            }
            case HEIC -> throw new FileRefused(FileRefused.Reason.HEIC);
            case GIF -> throw new FileRefused(FileRefused.Reason.TYPE);
            default -> {
                if (purpose != Purpose.IMAGE_OR_LOG) {
                    throw new FileRefused(FileRefused.Reason.TYPE);
                }
                if (size > limits.logMaxSize()) {
                    throw new FileRefused(FileRefused.Reason.SIZE, BodyLimit.sizeText(limits.logMaxSize()));
                }
                return type == Sniffed.ZIP ? logs.zip(upload, uploadedName) : logs.text(upload, uploadedName);
            }
        }
    }

    // ---- the type -------------------------------------------------------------------------------------------------

    static Sniffed sniff(Path file) throws IOException {
        byte[] head = new byte[16];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        if (n >= 8 && startsWith(head, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) {
            return Sniffed.PNG;
        }
        if (n >= 3 && startsWith(head, 0xFF, 0xD8, 0xFF)) {
            return Sniffed.JPEG;
        }
        if (n >= 12 && ascii(head, 0, 4).equals("RIFF") && ascii(head, 8, 4).equals("WEBP")) {
            return Sniffed.WEBP;
        }
        if (n >= 12 && ascii(head, 4, 4).equals("ftyp") && HEIF_BRANDS.contains(ascii(head, 8, 4))) {
            return Sniffed.HEIC;
        }
        if (n >= 6 && (ascii(head, 0, 6).equals("GIF87a") || ascii(head, 0, 6).equals("GIF89a"))) {
            return Sniffed.GIF;
        }
        if (n >= 4 && (startsWith(head, 'P', 'K', 3, 4) || startsWith(head, 'P', 'K', 5, 6))) {
            return Sniffed.ZIP;
        }
        return Sniffed.OTHER;
    }

    private static boolean startsWith(byte[] head, int... bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if ((head[i] & 0xFF) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    private static String ascii(byte[] head, int from, int length) {
        return new String(head, from, length, StandardCharsets.ISO_8859_1);
    }

    // ---- names, sizes, digests ------------------------------------------------------------------------------------

    /**
     * The uploaded name without folders, control or formatting characters (bidi overrides, zero-width ones) or
     * characters file systems and headers dislike, at most 200 characters, with the stored type's extension.
     */
    static String cleanName(String uploaded, String fallback, String extension) {
        String name = uploaded == null ? "" : uploaded;
        name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
        StringBuilder clean = new StringBuilder();
        name.codePoints().forEach(cp -> {
            int type = Character.getType(cp);
            if (type == Character.CONTROL || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.PRIVATE_USE || type == Character.UNASSIGNED
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR) {
                return;
            }
            if ("\"<>:*?|;".indexOf(cp) >= 0) {
                clean.append('_');
            } else {
                clean.appendCodePoint(Character.isWhitespace(cp) ? ' ' : cp);
            }
        });
        String base = clean.toString().strip();
        int dot = base.lastIndexOf('.');
        if (dot >= 0) {
            base = base.substring(0, dot);
        }
        base = base.replaceAll("^[.\\s]+|[.\\s]+$", "");
        if (base.isEmpty()) {
            base = fallback;
        }
        int room = MAX_NAME - extension.length();
        if (base.codePointCount(0, base.length()) > room) {
            base = base.substring(0, base.offsetByCodePoints(0, room)).strip();
        }
        return base + extension;
    }

    static String extension(String name) {
        if (name == null) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT).strip();
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
                in.transferTo(OutputStream.nullOutputStream());
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
