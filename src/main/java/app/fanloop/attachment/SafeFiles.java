package app.fanloop.attachment;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.twelvemonkeys.imageio.plugins.webp.WebPImageReaderSpi;

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

    /** A zip entry's ratio is judged only once it has inflated this much, so tiny entries of repeated text pass. */
    static final long RATIO_FLOOR = 1L << 20;
    static final int MAX_NAME = 200;
    static final float JPEG_QUALITY = 0.9f;
    private static final Set<String> HEIF_BRANDS = Set.of("heic", "heix", "hevc", "hevx", "heim", "heis", "hevm",
            "hevs", "mif1", "msf1", "heif");

    private final Limits limits;
    private final Semaphore decoding;

    @Inject
    public SafeFiles(AttachmentConfig config) {
        this(Limits.of(config));
    }

    public SafeFiles(Limits limits) {
        this.limits = limits;
        this.decoding = new Semaphore(Math.max(1, limits.decodeConcurrency()), true);
        // the plugins on the application's class path (TwelveMonkeys JPEG) join the registry even when it was made
        // before them under another class loader
        ImageIO.scanForPlugins();
        ImageIO.setUseCache(false);
    }

    @Override
    public Inspected inspect(Path upload, String uploadedName, Purpose purpose) throws FileRefused, IOException {
        long size = Files.size(upload);
        Sniffed type = sniff(upload);
        switch (type) {
            case PNG, JPEG, WEBP -> {
                if (size > limits.imageMaxSize()) {
                    throw new FileRefused(FileRefused.Reason.SIZE, sizeText(limits.imageMaxSize()));
                }
                return image(upload, type, uploadedName, purpose);
            }
            case HEIC -> throw new FileRefused(FileRefused.Reason.HEIC);
            case GIF -> throw new FileRefused(FileRefused.Reason.TYPE);
            default -> {
                if (purpose != Purpose.IMAGE_OR_LOG) {
                    throw new FileRefused(FileRefused.Reason.TYPE);
                }
                if (size > limits.logMaxSize()) {
                    throw new FileRefused(FileRefused.Reason.SIZE, sizeText(limits.logMaxSize()));
                }
                return type == Sniffed.ZIP ? zip(upload, uploadedName) : text(upload, uploadedName);
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

    // ---- pictures -------------------------------------------------------------------------------------------------

    private Inspected image(Path upload, Sniffed type, String uploadedName, Purpose purpose)
            throws FileRefused, IOException {
        int orientation = type == Sniffed.JPEG ? ExifOrientation.read(upload) : 1;
        BufferedImage decoded;
        try {
            decoding.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while waiting to decode", e);
        }
        List<Path> made = new ArrayList<>();
        try {
            decoded = decode(upload, type);
            BufferedImage picture = oriented(decoded, orientation);
            decoded = null;
            boolean alpha = picture.getColorModel().hasAlpha();
            // PNG stays PNG, JPEG stays JPEG; WebP (no writer here) becomes PNG when it has transparency, else JPEG
            boolean png = type == Sniffed.PNG || (type == Sniffed.WEBP && alpha);
            String contentType = png ? "image/png" : "image/jpeg";
            String extension = png ? ".png" : ".jpg";
            boolean keepAlpha = png && alpha;

            if (purpose == Purpose.AVATAR) {
                BufferedImage avatar = square(picture, limits.avatarSide(), keepAlpha);
                Path file = write(avatar, png, made);
                return new Inspected(AttachmentKind.AVATAR, contentType, cleanName(uploadedName, "avatar", extension),
                        file, avatar.getWidth(), avatar.getHeight(), null, 0, 0, sha256(file));
            }
            BufferedImage kept = fitted(picture, limits.maxSide(), keepAlpha);
            picture = null;
            Path file = write(kept, png, made);
            BufferedImage thumb = fitted(kept, limits.thumbSide(), keepAlpha);
            Path thumbFile = write(thumb, png, made);
            return new Inspected(AttachmentKind.IMAGE, contentType, cleanName(uploadedName, "screenshot", extension),
                    file, kept.getWidth(), kept.getHeight(), thumbFile, thumb.getWidth(), thumb.getHeight(),
                    sha256(file));
        } catch (FileRefused | IOException | RuntimeException e) {
            for (Path p : made) {
                Files.deleteIfExists(p);
            }
            throw e;
        } finally {
            decoding.release();
        }
    }

    /**
     * Reads the size from the header and refuses a pixel bomb before any pixel is decoded; then decodes with source
     * subsampling so the raster holds at most max-side² pixels (the memory one decode may take).
     */
    private BufferedImage decode(Path upload, Sniffed type) throws FileRefused, IOException {
        ImageReader reader = reader(type);
        try (ImageInputStream in = ImageIO.createImageInputStream(upload.toFile())) {
            if (in == null) {
                throw new FileRefused(FileRefused.Reason.DAMAGED);
            }
            reader.setInput(in, true, true);
            long width;
            long height;
            try {
                width = reader.getWidth(0);
                height = reader.getHeight(0);
            } catch (IOException | RuntimeException e) {
                throw new FileRefused(FileRefused.Reason.DAMAGED);
            }
            if (width <= 0 || height <= 0) {
                throw new FileRefused(FileRefused.Reason.DAMAGED);
            }
            if (width * height > limits.maxPixels()) {
                throw new FileRefused(FileRefused.Reason.PIXELS);
            }
            ImageReadParam param = reader.getDefaultReadParam();
            int step = subsampling(width, height, (long) limits.maxSide() * limits.maxSide());
            if (step > 1) {
                param.setSourceSubsampling(step, step, 0, 0);
            }
            try {
                return reader.read(0, param);
            } catch (IOException | RuntimeException e) {
                throw new FileRefused(FileRefused.Reason.DAMAGED);
            }
        } catch (IOException e) {
            throw new FileRefused(FileRefused.Reason.DAMAGED);
        } finally {
            reader.dispose();
        }
    }

    /** The smallest step whose subsampled raster holds at most {@code budget} pixels. */
    static int subsampling(long width, long height, long budget) {
        int step = 1;
        while (ceilDiv(width, step) * ceilDiv(height, step) > budget) {
            step++;
        }
        return step;
    }

    private static long ceilDiv(long a, long b) {
        return (a + b - 1) / b;
    }

    private static ImageReader reader(Sniffed type) throws IOException {
        if (type == Sniffed.WEBP) {
            // made directly, so it is there whatever class loader made the ImageIO registry
            return new WebPImageReaderSpi().createReaderInstance(null);
        }
        Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(type == Sniffed.PNG ? "png" : "jpeg");
        ImageReader chosen = null;
        while (readers.hasNext()) {
            ImageReader r = readers.next();
            // TwelveMonkeys' JPEG reader also reads CMYK/YCCK pictures and bad ICC profiles the JDK's refuses
            if (chosen == null || r.getClass().getName().startsWith("com.twelvemonkeys")) {
                if (chosen != null) {
                    chosen.dispose();
                }
                chosen = r;
            } else {
                r.dispose();
            }
        }
        if (chosen == null) {
            throw new IllegalStateException("no ImageIO reader for " + type);
        }
        return chosen;
    }

    /** The picture as a phone meant it (EXIF orientation 2..8 turned or mirrored), as plain RGB or ARGB. */
    static BufferedImage oriented(BufferedImage source, int orientation) {
        int w = source.getWidth();
        int h = source.getHeight();
        boolean swap = orientation >= 5 && orientation <= 8;
        AffineTransform t = new AffineTransform();
        switch (orientation) {
            case 2 -> { t.translate(w, 0); t.scale(-1, 1); }
            case 3 -> { t.translate(w, h); t.rotate(Math.PI); }
            case 4 -> { t.translate(0, h); t.scale(1, -1); }
            case 5 -> { t.rotate(Math.PI / 2); t.scale(1, -1); }
            case 6 -> { t.translate(h, 0); t.rotate(Math.PI / 2); }
            case 7 -> { t.translate(h, w); t.rotate(3 * Math.PI / 2); t.scale(1, -1); }
            case 8 -> { t.translate(0, w); t.rotate(3 * Math.PI / 2); }
            default -> { }
        }
        boolean alpha = source.getColorModel().hasAlpha();
        int type = alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB;
        if (t.isIdentity() && source.getType() == type) {
            return source;
        }
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, type);
        Graphics2D g = out.createGraphics();
        try {
            g.drawImage(source, t, null);
        } finally {
            g.dispose();
        }
        return out;
    }

    /** The picture scaled down so its longest side is at most {@code side} (never up). */
    static BufferedImage fitted(BufferedImage source, int side, boolean alpha) {
        int w = source.getWidth();
        int h = source.getHeight();
        if (Math.max(w, h) <= side) {
            return source;
        }
        double f = (double) side / Math.max(w, h);
        return scaled(source, Math.max(1, (int) Math.round(w * f)), Math.max(1, (int) Math.round(h * f)), alpha);
    }

    /** The centre square of the picture, scaled to {@code side}². */
    static BufferedImage square(BufferedImage source, int side, boolean alpha) {
        int s = Math.min(source.getWidth(), source.getHeight());
        BufferedImage centre = source.getSubimage((source.getWidth() - s) / 2, (source.getHeight() - s) / 2, s, s);
        return scaled(centre, side, side, alpha);
    }

    /** Scaled by halving with bilinear filtering while the picture is twice the target or more, then bicubic. */
    static BufferedImage scaled(BufferedImage source, int width, int height, boolean alpha) {
        BufferedImage current = source;
        int w = source.getWidth();
        int h = source.getHeight();
        do {
            boolean halve = w / 2 >= width && h / 2 >= height;
            w = halve ? w / 2 : width;
            h = halve ? h / 2 : height;
            BufferedImage next = new BufferedImage(w, h,
                    alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, halve
                        ? RenderingHints.VALUE_INTERPOLATION_BILINEAR : RenderingHints.VALUE_INTERPOLATION_BICUBIC);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(current, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            current = next;
        } while (w != width || h != height);
        return current;
    }

    /** Writes the picture as a new PNG or JPEG (quality 0.9) temporary file, with no metadata but the format's own. */
    private static Path write(BufferedImage image, boolean png, List<Path> made) throws IOException {
        Path file = Files.createTempFile("fanloop-attachment-", png ? ".png" : ".jpg");
        made.add(file);
        BufferedImage pixels = image;
        if (!png && image.getColorModel().hasAlpha()) {
            pixels = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
            Graphics2D g = pixels.createGraphics();
            try {
                g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
            } finally {
                g.dispose();
            }
        }
        ImageWriter writer = writer(png ? "png" : "jpeg");
        try (ImageOutputStream ios = new FileImageOutputStream(file.toFile())) {
            writer.setOutput(ios);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if (!png) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(JPEG_QUALITY);
            }
            writer.write(null, new IIOImage(pixels, null, null), param);
        } finally {
            writer.dispose();
        }
        return file;
    }

    private static ImageWriter writer(String format) {
        Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(format);
        ImageWriter chosen = null;
        while (writers.hasNext()) {
            ImageWriter w = writers.next();
            // the JDK's own writers: they add nothing but the format's required header (JFIF for JPEG)
            if (chosen == null || w.getClass().getName().startsWith("com.sun.")) {
                chosen = w;
            }
        }
        if (chosen == null) {
            throw new IllegalStateException("no ImageIO writer for " + format);
        }
        return chosen;
    }

    /** The EXIF orientation of a JPEG (1..8, 1 when absent), read from its APP1 segment without decoding. */
    static final class ExifOrientation {

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

    // ---- logs -----------------------------------------------------------------------------------------------------

    /** A zip: its central directory must read, and each entry is inflated and counted (size, ratio, entries). */
    private Inspected zip(Path upload, String uploadedName) throws FileRefused, IOException {
        try (ZipFile directory = new ZipFile(upload.toFile())) {
            if (directory.size() > limits.zipMaxEntries()) {
                throw new FileRefused(FileRefused.Reason.ZIP);
            }
        } catch (IOException | RuntimeException e) {
            throw new FileRefused(FileRefused.Reason.ZIP);
        }
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int entries = 0;
        try (Counting raw = new Counting(new BufferedInputStream(Files.newInputStream(upload)));
                ZipInputStream zip = new ZipInputStream(raw)) {
            ZipEntry entry;
            while ((entry = zip.getNextEntry()) != null) {
                if (++entries > limits.zipMaxEntries()) {
                    throw new FileRefused(FileRefused.Reason.ZIP);
                }
                long start = raw.count;
                long inflated = 0;
                int n;
                while ((n = zip.read(buffer)) > 0) {
                    inflated += n;
                    total += n;
                    if (total > limits.zipMaxUnpacked()) {
                        throw new FileRefused(FileRefused.Reason.ZIP);
                    }
                    long packed = Math.max(1, raw.count - start);
                    if (inflated > RATIO_FLOOR && inflated > packed * limits.zipMaxRatio()) {
                        throw new FileRefused(FileRefused.Reason.ZIP);
                    }
                }
                zip.closeEntry();
            }
        } catch (IOException | RuntimeException e) {
            // a damaged or encrypted zip ("encrypted ZIP entry not supported"), or a truncated one
            throw new FileRefused(FileRefused.Reason.ZIP);
        }
        Path file = Files.createTempFile("fanloop-attachment-", ".zip");
        try {
            Files.copy(upload, file, StandardCopyOption.REPLACE_EXISTING);
            return new Inspected(AttachmentKind.LOG, "application/zip", cleanName(uploadedName, "log", ".zip"), file, 0,
                    0, null, 0, 0, sha256(file));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    /** The bytes read through it, to tell how much of the zip an entry took. */
    private static final class Counting extends FilterInputStream {
        long count;

        Counting(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count++;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0) {
                count += n;
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            count += skipped;
            return skipped;
        }
    }

    /**
     * A text log: UTF-8 without NUL bytes is stored as it is; text that is not UTF-8 but is GB18030 (a Chinese Windows
     * tool's log) without NUL or other control bytes is stored converted to UTF-8; anything else is refused.
     */
    private Inspected text(Path upload, String uploadedName) throws FileRefused, IOException {
        String extension = extension(uploadedName).equals(".log") ? ".log" : ".txt";
        String name = cleanName(uploadedName, "log", extension);
        String contentType = "text/plain; charset=UTF-8";
        if (decodes(upload, StandardCharsets.UTF_8, false)) {
            Path file = Files.createTempFile("fanloop-attachment-", extension);
            try {
                Files.copy(upload, file, StandardCopyOption.REPLACE_EXISTING);
                return new Inspected(AttachmentKind.LOG, contentType, name, file, 0, 0, null, 0, 0, sha256(file));
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(file);
                throw e;
            }
        }
        Charset gb18030 = Charset.forName("GB18030");
        if (!decodes(upload, gb18030, true)) {
            throw new FileRefused(FileRefused.Reason.TYPE);
        }
        Path file = Files.createTempFile("fanloop-attachment-", extension);
        try {
            try (Reader in = new java.io.InputStreamReader(Files.newInputStream(upload), strict(gb18030));
                    Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                in.transferTo(out);
            }
            if (Files.size(file) > limits.logMaxSize()) {
                throw new FileRefused(FileRefused.Reason.SIZE, sizeText(limits.logMaxSize()));
            }
            return new Inspected(AttachmentKind.LOG, contentType, name, file, 0, 0, null, 0, 0, sha256(file));
        } catch (FileRefused | IOException | RuntimeException e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

    private static CharsetDecoder strict(Charset charset) {
        return charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Whether the file is text in the charset: it decodes strictly, holds no NUL (nor, if asked, other controls). */
    static boolean decodes(Path file, Charset charset, boolean noControls) throws IOException {
        CharsetDecoder decoder = strict(charset);
        ByteBuffer bytes = ByteBuffer.allocate(64 * 1024);
        CharBuffer chars = CharBuffer.allocate(64 * 1024);
        try (InputStream in = Files.newInputStream(file)) {
            boolean end = false;
            while (!end) {
                int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
                if (n < 0) {
                    end = true;
                } else {
                    bytes.position(bytes.position() + n);
                }
                bytes.flip();
                CoderResult result;
                do {
                    result = decoder.decode(bytes, chars, end);
                    if (result.isError()) {
                        return false;
                    }
                    if (!plain(chars, noControls)) {
                        return false;
                    }
                } while (result.isOverflow());
                bytes.compact();
            }
            CoderResult result = decoder.flush(chars);
            return !result.isError() && plain(chars, noControls);
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    /** Checks and empties the decoded characters: no NUL; with noControls, no C0 control but \t, \r, \n, FF, ESC. */
    private static boolean plain(CharBuffer chars, boolean noControls) {
        chars.flip();
        while (chars.hasRemaining()) {
            char c = chars.get();
            if (c == 0) {
                return false;
            }
            if (noControls && c < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x1B) {
                return false;
            }
        }
        chars.clear();
        return true;
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

    private static String extension(String name) {
        if (name == null) {
            return "";
        }
        int dot = name.lastIndexOf('.');
        return dot < 0 ? "" : name.substring(dot).toLowerCase(Locale.ROOT).strip();
    }

    /** A limit as people read it: "10 MiB", "1.5 MiB", "512 KiB". */
    static String sizeText(long bytes) {
        if (bytes >= 1L << 20) {
            double mib = bytes / (double) (1L << 20);
            String number = mib == Math.rint(mib) ? String.valueOf((long) mib)
                    : String.format(Locale.ROOT, "%.1f", mib);
            return number + " MiB";
        }
        if (bytes >= 1L << 10) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
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
