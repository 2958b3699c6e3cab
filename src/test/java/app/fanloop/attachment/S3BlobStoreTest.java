package app.fanloop.attachment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** The S3 store against a real S3 API server (s3proxy, started here), without booting the app. */
class S3BlobStoreTest {

    static S3ProxyServer server;
    static S3BlobStore store;

    @BeforeAll
    static void start() throws Exception {
        server = new S3ProxyServer();
        store = S3BlobStore.fromConfig(server.config(S3ProxyServer.BUCKET, S3ProxyServer.CREDENTIAL));
    }

    @AfterAll
    static void stop() throws Exception {
        store.close();
        server.close();
    }

    @Test
    void a_file_goes_in_and_comes_back_byte_for_byte_with_its_type() throws Exception {
        Path file = BlobFiles.random(3L * 1024 * 1024 + 17, 11);
        String key = key();
        store.put(key, file, "image/png");

        assertTrue(server.holds(key));
        try (InputStream in = store.open(key)) {
            GetObjectResponse object = (GetObjectResponse) assertInstanceOf(ResponseInputStream.class, in).response();
            assertEquals("image/png", object.contentType());
            assertEquals(3L * 1024 * 1024 + 17, object.contentLength());
            assertEquals(BlobFiles.sha256(file), BlobFiles.sha256(in));
        }
    }

    @Test
    void an_empty_file_comes_back_empty() throws Exception {
        Path file = BlobFiles.random(0, 12);
        String key = key();
        store.put(key, file, "text/plain; charset=UTF-8");
        try (InputStream in = store.open(key)) {
            assertEquals(-1, in.read());
        }
    }

    @Test
    void opening_a_key_that_holds_nothing_throws_no_such_blob() {
        String key = key();
        BlobStore.NoSuchBlob missing = assertThrows(BlobStore.NoSuchBlob.class, () -> store.open(key));
        assertTrue(missing.getMessage().contains(key));
    }

    @Test
    void delete_removes_the_object_and_a_missing_key_is_no_error() throws Exception {
        String key = key();
        store.put(key, BlobFiles.random(1000, 13), "application/zip");
        assertTrue(server.holds(key));

        store.delete(key);
        assertFalse(server.holds(key));
        assertThrows(BlobStore.NoSuchBlob.class, () -> store.open(key));
        store.delete(key);
    }

    @Test
    void the_bucket_check_passes_for_the_bucket_that_exists() {
        store.checkBucket();
    }

    @Test
    void a_missing_bucket_is_named_with_its_config_key_at_the_check() {
        try (S3BlobStore elsewhere = S3BlobStore.fromConfig(server.config("no-such-bucket", S3ProxyServer.CREDENTIAL))) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, elsewhere::checkBucket);
            assertTrue(refused.getMessage().contains("'no-such-bucket' does not exist"), refused.getMessage());
            assertTrue(refused.getMessage().contains("FANLOOP_ATTACHMENTS_S3_BUCKET"), refused.getMessage());
        }
    }

    @Test
    void wrong_credentials_are_named_with_their_config_keys_at_the_check() {
        try (S3BlobStore wrong = S3BlobStore.fromConfig(server.config(S3ProxyServer.BUCKET, "not-the-secret"))) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, wrong::checkBucket);
            assertTrue(refused.getMessage().contains("refused the credentials"), refused.getMessage());
            assertTrue(refused.getMessage().contains("_SECRET_KEY"), refused.getMessage());
        }
    }

    @Test
    void a_store_that_cannot_be_reached_is_named_with_the_config_keys_at_the_check() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        try (S3BlobStore nowhere = S3BlobStore.fromConfig(S3ProxyServer.config("http://127.0.0.1:" + closedPort,
                S3ProxyServer.BUCKET, Optional.of("a"), Optional.of("b")))) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, nowhere::checkBucket);
            assertTrue(refused.getMessage().contains("cannot reach the store"), refused.getMessage());
            assertTrue(refused.getMessage().contains("FANLOOP_ATTACHMENTS_S3_ENDPOINT"), refused.getMessage());
        }
    }

    @Test
    void an_access_key_without_its_secret_is_refused_with_both_keys_named() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> S3BlobStore.fromConfig(
                S3ProxyServer.config(server.endpoint(), S3ProxyServer.BUCKET, Optional.of("a"), Optional.empty())));
        assertTrue(refused.getMessage().contains("FANLOOP_ATTACHMENTS_S3_ACCESS_KEY"), refused.getMessage());
        assertTrue(refused.getMessage().contains("FANLOOP_ATTACHMENTS_S3_SECRET_KEY"), refused.getMessage());
    }

    private static String key() {
        return "test/" + UUID.randomUUID();
    }
}
