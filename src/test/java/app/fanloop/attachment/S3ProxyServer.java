package app.fanloop.attachment;

import java.net.URI;
import java.util.Optional;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 API server for the tests: s3proxy on 127.0.0.1 (a free port) over jclouds' in-memory blob store, checking
 * AWS v2/v4 signatures against one identity and credential, with one bucket made.
 */
final class S3ProxyServer implements AutoCloseable {

    static final String IDENTITY = "fanloop-test";
    static final String CREDENTIAL = "fanloop-test-secret";
    static final String BUCKET = "fanloop-attachments-test";

    private final BlobStoreContext context;
    private final S3Proxy proxy;

    S3ProxyServer() throws Exception {
        context = ContextBuilder.newBuilder("transient").credentials(IDENTITY, CREDENTIAL).build(BlobStoreContext.class);
        context.getBlobStore().createContainerInLocation(null, BUCKET);
        proxy = S3Proxy.builder()
                .blobStore(context.getBlobStore())
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, IDENTITY, CREDENTIAL)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
    }

    String endpoint() {
        return "http://127.0.0.1:" + proxy.getPort();
    }

    /** Whether the server holds an object under the key, looked at behind the S3 API. */
    boolean holds(String key) {
        return context.getBlobStore().blobExists(BUCKET, key);
    }

    /** The store's settings as fanloop.attachments.s3 would give them. */
    AttachmentConfig.S3 config(String bucket, String secret) {
        return config(endpoint(), bucket, Optional.of(IDENTITY), Optional.of(secret));
    }

    /** Settings of fanloop.attachments.s3 pointing anywhere. */
    static AttachmentConfig.S3 config(String endpoint, String bucket, Optional<String> accessKey, Optional<String> secretKey) {
        return new AttachmentConfig.S3() {
            @Override
            public Optional<String> endpoint() {
                return Optional.of(endpoint);
            }

            @Override
            public String region() {
                return "us-east-1";
            }

            @Override
            public String bucket() {
                return bucket;
            }

            @Override
            public Optional<String> accessKey() {
                return accessKey;
            }

            @Override
            public Optional<String> secretKey() {
                return secretKey;
            }

            @Override
            public boolean pathStyle() {
                return true;
            }
        };
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
        context.close();
    }
}
