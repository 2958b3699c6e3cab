package app.fanloop.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Objects;

import javax.sql.DataSource;

import io.quarkus.narayana.jta.QuarkusTransaction;

/**
 * The default blob store: a blob's bytes as rows of {@code blob_chunk}, {@value #CHUNK_SIZE} bytes each, so a file is
 * written and read with one chunk in memory at a time, never whole.
 * <p>
 * {@link #put} and {@link #delete} join the caller's transaction (the JTA-enlisted connection of the DataSource), so a
 * rollback leaves no chunk; without a transaction they run in one of their own. {@link #open} reads each chunk with
 * its own short query, on a connection taken for that read only: the stream may be read while the HTTP response is
 * written, after the request's transaction ended and on another thread.
 */
public class DatabaseBlobStore implements BlobStore {

    /** Bytes per row of blob_chunk: 256 KiB. */
    public static final int CHUNK_SIZE = 256 * 1024;

    private final DataSource dataSource;

    public DatabaseBlobStore(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource);
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        try {
            QuarkusTransaction.joiningExisting().call(() -> {
                insertChunks(key, file);
                return null;
            });
        } catch (QuarkusTransactionIo wrapped) {
            throw wrapped.io;
        }
    }

    private void insertChunks(String key, Path file) {
        try (InputStream in = Files.newInputStream(file);
                Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement(
                        "insert into blob_chunk (blob_key, seq, bytes) values (?, ?, ?)")) {
            byte[] buffer = new byte[CHUNK_SIZE];
            int seq = 0;
            while (true) {
                int read = in.readNBytes(buffer, 0, CHUNK_SIZE);
                if (read == 0 && seq > 0) {
                    break;
                }
                // An empty file is one empty chunk, so that open() finds it.
                insert.setString(1, key);
                insert.setInt(2, seq++);
                insert.setBytes(3, read == CHUNK_SIZE ? buffer : Arrays.copyOf(buffer, read));
                insert.executeUpdate();
                if (read < CHUNK_SIZE) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new QuarkusTransactionIo(e);
        } catch (SQLException e) {
            throw new QuarkusTransactionIo(new IOException("cannot store blob " + key + ": " + e.getMessage(), e));
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        Integer last = lastSeq(key);
        if (last == null) {
            throw new NoSuchBlob(key);
        }
        return new ChunkStream(key, last);
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            QuarkusTransaction.joiningExisting().call(() -> {
                try (Connection connection = dataSource.getConnection();
                        PreparedStatement delete = connection.prepareStatement("delete from blob_chunk where blob_key = ?")) {
                    delete.setString(1, key);
                    delete.executeUpdate();
                } catch (SQLException e) {
                    throw new QuarkusTransactionIo(new IOException("cannot delete blob " + key + ": " + e.getMessage(), e));
                }
                return null;
            });
        } catch (QuarkusTransactionIo wrapped) {
            throw wrapped.io;
        }
    }

    /** The number of the blob's last chunk, or null when there is no blob under the key (an index-only look-up). */
    private Integer lastSeq(String key) throws IOException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select max(seq) from blob_chunk where blob_key = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                int last = row.getInt(1);
                return row.wasNull() ? null : last;
            }
        } catch (SQLException e) {
            throw new IOException("cannot read blob " + key + ": " + e.getMessage(), e);
        }
    }

    /** Chunk number seq of the blob, or null when there is none; one query on a connection held for this read only. */
    byte[] chunk(String key, int seq) throws IOException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "select bytes from blob_chunk where blob_key = ? and seq = ?")) {
            select.setString(1, key);
            select.setInt(2, seq);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getBytes(1) : null;
            }
        } catch (SQLException e) {
            throw new IOException("cannot read blob " + key + " chunk " + seq + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads a blob one chunk at a time, each with its own query when the one before is used up: at most one chunk in
     * memory. A chunk missing before the last one (the blob was deleted while read) is an error, not a short file.
     */
    private final class ChunkStream extends InputStream {
        private final String key;
        private final int last;
        private byte[] current = new byte[0];
        private int position;
        private int next;
        private boolean closed;

        ChunkStream(String key, int last) {
            this.key = key;
            this.last = last;
        }

        /** Moves to the next chunk with bytes left; false at the end of the blob. */
        private boolean fill() throws IOException {
            if (closed) {
                throw new IOException("stream closed");
            }
            while (position >= current.length) {
                if (next > last) {
                    return false;
                }
                byte[] chunk = chunk(key, next);
                if (chunk == null) {
                    throw new IOException("blob " + key + " lost chunk " + next + " of " + (last + 1) + " while read");
                }
                next++;
                current = chunk;
                position = 0;
            }
            return true;
        }

        @Override
        public int read() throws IOException {
            return fill() ? current[position++] & 0xff : -1;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            Objects.checkFromIndexSize(offset, length, into.length);
            if (length == 0) {
                return 0;
            }
            if (!fill()) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, into, offset, n);
            position += n;
            return n;
        }

        @Override
        public int available() {
            return closed ? 0 : current.length - position;
        }

        @Override
        public void close() {
            closed = true;
            current = new byte[0];
        }
    }

    /** Carries an IOException out of a transaction callback (which rolls the transaction back). */
    private static final class QuarkusTransactionIo extends RuntimeException {
        final IOException io;

        QuarkusTransactionIo(IOException io) {
            super(io.getMessage(), io, false, false);
            this.io = io;
        }
    }
}
