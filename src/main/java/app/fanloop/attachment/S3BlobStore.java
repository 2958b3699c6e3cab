package app.fanloop.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.Objects;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Blobs as objects of an S3-compatible bucket (AWS S3, MinIO, Ceph…), one object per key. Files are sent from disk
 * and read back as the response stream: nothing is held whole in memory. The bucket must exist; {@link #checkBucket}
 * says clearly at start when it cannot be reached.
 */
public class S3BlobStore implements BlobStore, AutoCloseable {

    /** The configuration keys, as named in messages. */
    static final String KEYS = "fanloop.attachments.s3.endpoint, .region, .bucket, .access-key, .secret-key, .path-style "
            + "(FANLOOP_ATTACHMENTS_S3_ENDPOINT, _REGION, _BUCKET, _ACCESS_KEY, _SECRET_KEY, _PATH_STYLE)";

    private final S3Client client;
    private final String bucket;

    /** A store on the given client and bucket; the client is closed with the store. */
    public S3BlobStore(S3Client client, String bucket) {
        this.client = Objects.requireNonNull(client);
        this.bucket = Objects.requireNonNull(bucket);
    }

    /**
     * A client for the configured store: the endpoint when one is set (else AWS's for the region), path-style
     * addressing when asked, the access and secret key when both are set (else AWS's default credentials chain:
     * environment, profile, instance role). The JDK's HTTP client, so the SDK brings no other.
     */
    public static S3BlobStore fromConfig(AttachmentConfig.S3 config) {
        if (config.accessKey().isPresent() != config.secretKey().isPresent()) {
            throw new IllegalStateException("S3 attachment storage: set both fanloop.attachments.s3.access-key and "
                    + "fanloop.attachments.s3.secret-key (FANLOOP_ATTACHMENTS_S3_ACCESS_KEY, FANLOOP_ATTACHMENTS_S3_SECRET_KEY), "
                    + "or neither to use AWS's default credentials");
        }
        AwsCredentialsProvider credentials = config.accessKey().isPresent()
                ? StaticCredentialsProvider.create(AwsBasicCredentials.create(config.accessKey().get(), config.secretKey().get()))
                : DefaultCredentialsProvider.builder().build();
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(UrlConnectionHttpClient.builder())
                .region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .forcePathStyle(config.pathStyle())
                // Checksums only where S3 requires them: self-hosted stores do not all know the SDK's newer ones.
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        if (config.endpoint().isPresent()) {
            try {
                builder.endpointOverride(URI.create(config.endpoint().get()));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("S3 attachment storage: fanloop.attachments.s3.endpoint "
                        + "(FANLOOP_ATTACHMENTS_S3_ENDPOINT) is not a URL: " + config.endpoint().get(), e);
            }
        }
        return new S3BlobStore(builder.build(), config.bucket());
    }

    /** Fails with a message naming the configuration keys when the bucket is missing or the store cannot be reached. */
    public void checkBucket() {
        try {
            client.headBucket(b -> b.bucket(bucket));
        } catch (NoSuchBucketException e) {
            throw new IllegalStateException("S3 attachment storage: the bucket '" + bucket + "' does not exist; create it "
                    + "or set fanloop.attachments.s3.bucket (FANLOOP_ATTACHMENTS_S3_BUCKET)", e);
        } catch (S3Exception e) {
            String why = switch (e.statusCode()) {
                case 404 -> "the bucket '" + bucket + "' does not exist; create it or set fanloop.attachments.s3.bucket "
                        + "(FANLOOP_ATTACHMENTS_S3_BUCKET)";
                case 301, 400 -> "the store refused the request for bucket '" + bucket + "' (wrong region or addressing?) ";
                case 401, 403 -> "the store refused the credentials for bucket '" + bucket + "'";
                default -> "the store answered " + e.statusCode() + " for bucket '" + bucket + "'";
            };
            throw new IllegalStateException("S3 attachment storage: " + why + "; check " + KEYS, e);
        } catch (SdkException e) {
            throw new IllegalStateException("S3 attachment storage: cannot reach the store (" + e.getMessage() + "); check "
                    + KEYS, e);
        }
    }

    @Override
    public void put(String key, Path file, String contentType) throws IOException {
        try {
            client.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromFile(file));
        } catch (SdkException e) {
            throw new IOException("cannot store blob " + key + " in bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public InputStream open(String key) throws IOException {
        try {
            ResponseInputStream<GetObjectResponse> object = client.getObject(b -> b.bucket(bucket).key(key));
            return object;
        } catch (NoSuchKeyException e) {
            throw new NoSuchBlob(key);
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                throw new NoSuchBlob(key);
            }
            throw new IOException("cannot read blob " + key + " from bucket " + bucket + ": " + e.getMessage(), e);
        } catch (SdkException e) {
            throw new IOException("cannot read blob " + key + " from bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void delete(String key) throws IOException {
        try {
            client.deleteObject(b -> b.bucket(bucket).key(key));
        } catch (NoSuchKeyException e) {
            // removing a missing key is not an error
        } catch (SdkException e) {
            throw new IOException("cannot delete blob " + key + " from bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
