package app.fanloop.attachment;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A file that passed {@link FileInspector}: what it is and the temporary files to store. Closing it deletes them.
 *
 * @param kind         IMAGE, LOG or AVATAR
 * @param contentType  the type the bytes were found to be, as served (image/png, image/jpeg, text/plain; charset=UTF-8,
 *                     application/zip)
 * @param fileName     the uploaded name, cleaned (no path, no control characters, at most 200 characters), with the
 *                     extension of the stored type
 * @param file         the bytes to store (an image re-encoded)
 * @param width        an image's width as stored, else 0
 * @param height       an image's height as stored, else 0
 * @param thumb        an image's thumbnail (null for logs and avatars)
 * @param thumbWidth   the thumbnail's width, else 0
 * @param thumbHeight  the thumbnail's height, else 0
 * @param sha256       the lowercase hex SHA-256 of {@code file}
 */
public record Inspected(AttachmentKind kind, String contentType, String fileName, Path file, int width, int height,
        Path thumb, int thumbWidth, int thumbHeight, String sha256) implements AutoCloseable {

    /** The size of the file to store. */
    public long size() {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
            if (thumb != null) {
                Files.deleteIfExists(thumb);
            }
        } catch (IOException ignored) {
            // a temporary file left behind is removed with the temporary directory
        }
    }
}
