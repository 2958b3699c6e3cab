package app.fanloop.attachment;

import static app.fanloop.attachment.SafeFiles.cleanName;
import static app.fanloop.attachment.SafeFiles.extension;
import static app.fanloop.attachment.SafeFiles.sha256;
import static app.fanloop.web.BodyLimit.sizeText;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
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
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

import app.fanloop.attachment.SafeFiles.Limits;

/**
 * {@link SafeFiles}' logs: a zip whose central directory reads and whose entries are inflated and counted (entries,
 * bytes in all, ratio of each), never trusted from its headers; or text, UTF-8 as it is or GB18030 converted to UTF-8.
 */
final class Logs {

    /** A zip entry's ratio is judged only once it has inflated this much, so tiny entries of repeated text pass. */
    static final long RATIO_FLOOR = 1L << 20;

    private final Limits limits;

    Logs(Limits limits) {
        this.limits = limits;
    }

    /** A zip: its central directory must read, and each entry is inflated and counted (size, ratio, entries). */
    Inspected zip(Path upload, String uploadedName) throws FileRefused, IOException {
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
    Inspected text(Path upload, String uploadedName) throws FileRefused, IOException {
        if (isMarkup(upload)) {
            // An HTML or SVG document is refused as such, whatever its name; markup inside a log's lines is just text.
            throw new FileRefused(FileRefused.Reason.TYPE);
        }
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
            try (Reader in = new InputStreamReader(Files.newInputStream(upload), strict(gb18030));
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

    /** Whether the file begins (after a byte-order mark and blanks) as an HTML, SVG or XML document. */
    static boolean isMarkup(Path file) throws IOException {
        byte[] head = new byte[512];
        int n;
        try (java.io.InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        }
        String start = new String(head, 0, n, StandardCharsets.ISO_8859_1).replace("\u00EF\u00BB\u00BF", "").stripLeading()
                .toLowerCase(java.util.Locale.ROOT);
        return start.startsWith("<!doctype") || start.startsWith("<html") || start.startsWith("<svg")
                || start.startsWith("<?xml") || start.startsWith("<head") || start.startsWith("<body")
                || start.startsWith("<script");
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
}
