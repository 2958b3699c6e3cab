package app.fanloop.attachment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/** With fanloop.attachments.storage=s3 the app's one BlobStore is the S3 store, on a real S3 API server (s3proxy). */
@QuarkusTest
@TestProfile(S3StorageTest.S3Storage.class)
class S3StorageTest {

    /** Attachments in the bucket of the s3proxy started before the app. */
    public static class S3Storage implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(S3Server.class));
        }
    }

    /** Starts s3proxy on a free port and points fanloop.attachments.s3 at it. */
    public static class S3Server implements QuarkusTestResourceLifecycleManager {
        static S3ProxyServer server;

        @Override
        public Map<String, String> start() {
            try {
                server = new S3ProxyServer();
            } catch (Exception e) {
                throw new IllegalStateException("cannot start s3proxy", e);
            }
            return Map.of("fanloop.attachments.storage", "s3",
                    "fanloop.attachments.s3.endpoint", server.endpoint(),
                    "fanloop.attachments.s3.region", "us-east-1",
                    "fanloop.attachments.s3.bucket", S3ProxyServer.BUCKET,
                    "fanloop.attachments.s3.access-key", S3ProxyServer.IDENTITY,
                    "fanloop.attachments.s3.secret-key", S3ProxyServer.CREDENTIAL,
                    "fanloop.attachments.s3.path-style", "true");
        }

        @Override
        public void stop() {
            try {
                if (server != null) {
                    server.close();
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Inject
    BlobStore store;

    @Inject
    DataSource dataSource;

    @Test
    void the_configured_storage_s3_makes_the_blob_store_the_bucket() throws Exception {
        assertInstanceOf(S3BlobStore.class, ClientProxy.unwrap(store));

        Path file = BlobFiles.random(DatabaseBlobStore.CHUNK_SIZE * 2L + 3, 21);
        String key = "test/" + UUID.randomUUID();
        store.put(key, file, "image/jpeg");

        assertTrue(S3Server.server.holds(key), "the object is in the bucket");
        assertEquals(0, chunksInDatabase(key), "and not in the database");
        try (InputStream in = store.open(key)) {
            assertEquals(BlobFiles.sha256(file), BlobFiles.sha256(in));
        }
        store.delete(key);
        assertThrows(BlobStore.NoSuchBlob.class, () -> store.open(key));
    }

    private long chunksInDatabase(String key) throws Exception {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement("select count(*) from blob_chunk where blob_key = ?")) {
            select.setString(1, key);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }
}
