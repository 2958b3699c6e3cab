package app.fanloop.attachment;

import javax.sql.DataSource;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The one {@link BlobStore} of the app, chosen by {@code fanloop.attachments.storage}: "database" (the default,
 * {@link DatabaseBlobStore}) or "s3" ({@link S3BlobStore}). Made at start, so a wrong value, or a bucket that cannot be
 * reached, stops the app with a message naming the keys to set rather than failing the first upload.
 */
@Singleton
public class BlobStores {

    private static final Logger LOG = Logger.getLogger(BlobStores.class);

    /** The storages fanloop.attachments.storage may name. */
    public enum Storage {
        DATABASE, S3;

        /** The storage the configured value names; anything else stops the app with the values allowed. */
        public static Storage of(String configured) {
            String value = configured == null ? "" : configured.trim();
            for (Storage storage : values()) {
                if (storage.name().equalsIgnoreCase(value)) {
                    return storage;
                }
            }
            throw new IllegalStateException("fanloop.attachments.storage (FANLOOP_ATTACHMENTS_STORAGE) is '" + configured
                    + "': it must be 'database' (the default) or 's3'");
        }
    }

    @Produces
    @ApplicationScoped
    @Startup
    BlobStore blobStore(AttachmentConfig config, DataSource dataSource) {
        return switch (Storage.of(config.storage())) {
            case DATABASE -> {
                LOG.info("Attachments are stored in the database (blob_chunk)");
                yield new DatabaseBlobStore(dataSource);
            }
            case S3 -> {
                S3BlobStore store = S3BlobStore.fromConfig(config.s3());
                try {
                    store.checkBucket();
                } catch (IllegalStateException e) {
                    store.close();
                    LOG.error(e.getMessage());
                    throw e;
                }
                LOG.infof("Attachments are stored in the S3 bucket %s%s", config.s3().bucket(),
                        config.s3().endpoint().map(endpoint -> " at " + endpoint).orElse(""));
                yield store;
            }
        };
    }

    void close(@Disposes BlobStore store) {
        if (store instanceof S3BlobStore s3) {
            s3.close();
        }
    }
}
