package app.fanloop.attachment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.ClientProxy;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.narayana.jta.QuarkusTransactionException;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The default store: blobs as 256 KiB rows of blob_chunk, written in the caller's transaction, read chunk by chunk. */
@QuarkusTest
class DatabaseBlobStoreTest {

    static final int CHUNK = DatabaseBlobStore.CHUNK_SIZE;

    @Inject
    BlobStore store;

    @Inject
    DataSource dataSource;

    @Test
    void the_default_storage_is_the_database() {
        assertInstanceOf(DatabaseBlobStore.class, ClientProxy.unwrap(store));
    }

    @Test
    void a_multi_chunk_file_is_stored_as_256_KiB_rows_and_read_back_byte_for_byte() throws Exception {
        Path file = BlobFiles.random(3L * 1024 * 1024 + 17, 1);
        String key = key();
        QuarkusTransaction.requiringNew().run(() -> put(key, file));

        assertEquals(13, chunks(key), "12 full chunks and one of 17 bytes");
        assertEquals(CHUNK, longestChunk(key));
        try (InputStream in = store.open(key)) {
            assertEquals(BlobFiles.sha256(file), BlobFiles.sha256(in));
        }
    }

    @Test
    void the_stream_reads_chunk_by_chunk_not_the_whole_blob_at_open() throws Exception {
        Path file = BlobFiles.random(4L * CHUNK, 2);
        String key = key();
        QuarkusTransaction.requiringNew().run(() -> put(key, file));

        try (InputStream in = store.open(key)) {
            assertTrue(in.available() <= CHUNK, "no more than one chunk is held");
            byte[] first = in.readNBytes(CHUNK + 1); // the first chunk and the first byte of the second
            assertEquals(CHUNK + 1, first.length);
            assertTrue(in.available() <= CHUNK - 1, "the second chunk is all that is held");
            QuarkusTransaction.requiringNew().run(() -> delete(key));
            in.readNBytes(CHUNK - 1); // the rest of the second chunk, already read from the database
            IOException lost = assertThrows(IOException.class, in::read,
                    "the third chunk is read only now, and it is gone: the stream had not loaded it");
            assertTrue(lost.getMessage().contains("lost chunk 2 of 4"), lost.getMessage());
        }
    }

    @Test
    void the_stream_is_read_after_the_transaction_ended_and_on_another_thread() throws Exception {
        Path file = BlobFiles.random(CHUNK * 2L + 5, 3);
        String key = key();
        InputStream in = QuarkusTransaction.requiringNew().call(() -> {
            put(key, file);
            return store.open(key);
        });
        ExecutorService other = Executors.newSingleThreadExecutor();
        try (in) {
            String read = CompletableFuture.supplyAsync(() -> {
                try {
                    return BlobFiles.sha256(in);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }, other).get();
            assertEquals(BlobFiles.sha256(file), read);
        } finally {
            other.shutdown();
        }
    }

    @Test
    void files_of_a_whole_number_of_chunks_and_empty_files_come_back_the_same() throws Exception {
        for (long size : new long[] { 0, 1, CHUNK - 1, CHUNK, 2L * CHUNK }) {
            Path file = BlobFiles.random(size, size);
            String key = key();
            QuarkusTransaction.requiringNew().run(() -> put(key, file));
            assertEquals(Math.max(1, (size + CHUNK - 1) / CHUNK), chunks(key), "chunks of a file of " + size);
            try (InputStream in = store.open(key)) {
                assertArrayEquals(Files.readAllBytes(file), in.readAllBytes(), "a file of " + size);
            }
        }
    }

    @Test
    void a_rolled_back_transaction_leaves_no_chunk() throws Exception {
        Path file = BlobFiles.random(CHUNK * 3L, 4);
        String key = key();
        assertThrows(QuarkusTransactionException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            put(key, file);
            assertEquals(3, chunksInTransaction(key), "written in the caller's transaction");
            QuarkusTransaction.setRollbackOnly();
        }), "the commit is refused: the transaction is marked for rollback");
        assertEquals(0, chunks(key));
        assertThrows(BlobStore.NoSuchBlob.class, () -> store.open(key));
    }

    @Test
    void put_fails_when_the_caller_transaction_fails_after_it() throws Exception {
        Path file = BlobFiles.random(CHUNK + 1L, 5);
        String key = key();
        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            put(key, file);
            throw new IllegalStateException("the post could not be written");
        }));
        assertEquals(0, chunks(key));
    }

    @Test
    void a_file_that_cannot_be_read_or_a_key_already_used_fails_the_put_with_an_io_exception() throws Exception {
        Path file = BlobFiles.random(10, 7);
        String key = key();
        QuarkusTransaction.requiringNew().run(() -> put(key, file));

        assertInstanceOf(NoSuchFileException.class, failedPut(key(), Path.of("/nonexistent/upload.bin")));
        IOException used = assertInstanceOf(IOException.class, failedPut(key, file));
        assertTrue(used.getMessage().contains("cannot store blob " + key), used.getMessage());
        assertEquals(1, chunks(key), "the first blob under the key is untouched");
    }

    @Test
    void delete_removes_every_chunk_and_a_missing_key_is_no_error() throws Exception {
        Path file = BlobFiles.random(CHUNK * 2L + 1, 6);
        String key = key();
        QuarkusTransaction.requiringNew().run(() -> put(key, file));
        assertEquals(3, chunks(key));

        store.delete(key);
        assertEquals(0, chunks(key));
        assertThrows(BlobStore.NoSuchBlob.class, () -> store.open(key));
        store.delete(key);
    }

    @Test
    void opening_a_key_that_holds_nothing_throws_no_such_blob() {
        String key = key();
        BlobStore.NoSuchBlob missing = assertThrows(BlobStore.NoSuchBlob.class, () -> store.open(key));
        assertTrue(missing.getMessage().contains(key));
    }

    /** What a put in a transaction of its own threw (the transaction wraps a checked exception). */
    private Throwable failedPut(String key, Path file) {
        QuarkusTransactionException failed = assertThrows(QuarkusTransactionException.class,
                () -> QuarkusTransaction.requiringNew().call(() -> {
                    store.put(key, file, "image/png");
                    return null;
                }));
        return failed.getCause();
    }

    private static String key() {
        return "test/" + UUID.randomUUID();
    }

    private void put(String key, Path file) {
        try {
            store.put(key, file, "application/octet-stream");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void delete(String key) {
        try {
            store.delete(key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private long chunks(String key) {
        return QuarkusTransaction.requiringNew().call(() -> chunksInTransaction(key));
    }

    private long chunksInTransaction(String key) {
        return number("select count(*) from blob_chunk where blob_key = ?", key);
    }

    private long longestChunk(String key) {
        return QuarkusTransaction.requiringNew().call(
                () -> number("select max(octet_length(bytes)) from blob_chunk where blob_key = ?", key));
    }

    private long number(String sql, String key) {
        try (Connection connection = dataSource.getConnection(); PreparedStatement select = connection.prepareStatement(sql)) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
