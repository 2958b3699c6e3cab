package app.fanloop.attachment;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import app.fanloop.web.BackgroundJob;
import app.fanloop.web.JobRuns;
import app.fanloop.web.SiteClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;

/**
 * Removes what nobody will fetch: staged uploads no post took within fanloop.attachments.staged-lifetime (a form
 * never sent), and the bytes of attachments that are gone (a purged post, a removed picture, a replaced avatar),
 * queued in blob_discard by the database. Every node runs it; rows are claimed with {@code for update skip locked},
 * so each file is removed once per cluster.
 */
@ApplicationScoped
public class AttachmentJanitor {

    private static final Logger LOG = Logger.getLogger(AttachmentJanitor.class);
    private static final int BATCH = 200;

    /** Fired when a purge or an edit removed attachments: their bytes go right after the commit. */
    public record Discarded() {
    }

    private final Attachments attachments;
    private final BlobStore store;
    private final AttachmentConfig config;
    private final SiteClock clock;
    private final JobRuns runs;

    AttachmentJanitor(Attachments attachments, BlobStore store, AttachmentConfig config, SiteClock clock, JobRuns runs) {
        this.runs = runs;
        this.attachments = attachments;
        this.store = store;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(identity = "attachment-janitor", every = "${fanloop.attachments.janitor-every}", delayed = "60s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @BackgroundJob
    void run() {
        int staged = removeStaged();
        int blobs = deleteDiscarded();
        if (staged + blobs > 0) {
            LOG.infof("Attachments: %d staged upload(s) nobody used removed, %d stored file(s) deleted", staged, blobs);
        }
    }

    void afterRemoval(@Observes(during = TransactionPhase.AFTER_SUCCESS) Discarded discarded) {
        try {
            deleteDiscarded();
        } catch (RuntimeException failure) {
            LOG.warn("Attachments: deleting discarded bytes failed; the janitor tries again", failure);
        }
    }

    /** Removes staged uploads older than their lifetime; returns how many. */
    public int removeStaged() {
        int total = 0;
        while (true) {
            int removed = QuarkusTransaction.requiringNew().call(() -> {
                List<Long> old = attachments.stagedBefore(clock.now().minus(config.stagedLifetime()), BATCH);
                return attachments.delete(old);
            });
            total += removed;
            if (removed < BATCH || runs.stopping()) {
                return total;
            }
        }
    }

    /** Deletes the bytes of removed attachments from the store; returns how many blobs went. */
    public int deleteDiscarded() {
        int total = 0;
        while (true) {
            int deleted = QuarkusTransaction.requiringNew().call(() -> {
                List<String> keys = attachments.claimDiscarded(BATCH);
                List<String> done = new ArrayList<>();
                for (String key : keys) {
                    try {
                        store.delete(key);
                        done.add(key);
                    } catch (IOException failed) {
                        LOG.warnf(failed, "Attachments: could not delete %s; tried again later", key);
                    }
                }
                attachments.forgetDiscarded(done);
                return done.size();
            });
            total += deleted;
            if (deleted < BATCH || runs.stopping()) {
                return total;
            }
        }
    }
}
