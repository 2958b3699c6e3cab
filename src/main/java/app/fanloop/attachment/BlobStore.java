package app.fanloop.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;

/**
 * Where an attachment's bytes live: PostgreSQL by default ({@code blob_chunk}), an S3-compatible bucket by
 * configuration ({@code fanloop.attachments.storage=s3}). Files go in and come out as streams, never whole in memory.
 * Keys are made by the caller (random, never reused); a stored blob never changes.
 */
public interface BlobStore {

    /** Stores the file under the key. With the database store this joins the caller's transaction. */
    void put(String key, Path file, String contentType) throws IOException;

    /** The bytes under the key, streamed; the caller closes the stream. Throws NoSuchBlob when there is none. */
    InputStream open(String key) throws IOException;

    /** Removes the bytes under the key; removing a missing key is not an error. */
    void delete(String key) throws IOException;

    /** Thrown by {@link #open} for a key that holds nothing. */
    final class NoSuchBlob extends IOException {
        public NoSuchBlob(String key) {
            super("no blob under " + key);
        }
    }
}
