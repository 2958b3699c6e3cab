package app.fanloop.web;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

/**
 * The runs of the scheduled jobs on this node (methods marked {@link BackgroundJob}), so the node can stop cleanly:
 * when it stops, no new run begins, the loops of the runs in progress end after their current batch
 * ({@link #stopping()}), and the stop waits for them (at most {@code fanloop.operations.job-stop-grace}) before the
 * database pool and the HTTP clients close under them. A batch is one transaction whose row claims
 * ({@code for update skip locked}) end with it, so nothing stays claimed; a run cut short anyway (past the grace, or
 * {@code kill -9}) rolls its batch back, or leaves a lease that expires (webhook deliveries, mail); a node that vanishes
 * without closing its connections has its batch rolled back by the server after 2 min (README "Several nodes").
 */
@Singleton
public class JobRuns {

    private static final Logger LOG = Logger.getLogger(JobRuns.class);

    private final Map<String, Instant> running = new ConcurrentHashMap<>();
    private final Object lock = new Object();
    private int active;
    private volatile boolean stopping;
    private volatile boolean schemaReady;

    /** Whether the node is stopping: a job's loop ends after the batch in progress. */
    public boolean stopping() {
        return stopping;
    }

    /** The runs in progress, by job, and when each began. */
    public Map<String, Instant> running() {
        return new TreeMap<>(running);
    }

    /**
     * The schema is migrated ({@link DatabaseBootstrap}): runs may begin. The scheduler starts its timers before the
     * migrations have run, and a first start on an empty database migrates for longer than a job's delay.
     */
    void schemaReady() {
        schemaReady = true;
    }

    /**
     * Runs one run of a job, unless the schema is not migrated yet or the node is stopping (then it does nothing and
     * returns null).
     */
    public <T> T run(String job, Callable<T> body) throws Exception {
        if (!schemaReady) {
            LOG.debugf("%s: not started, the database is being migrated", job);
            return null;
        }
        synchronized (lock) {
            if (stopping) {
                LOG.debugf("%s: not started, the node is stopping", job);
                return null;
            }
            active++;
        }
        running.put(job, SiteClock.current());
        try {
            return body.call();
        } finally {
            running.remove(job);
            synchronized (lock) {
                active--;
                lock.notifyAll();
            }
        }
    }

    void onStop(@Observes ShutdownEvent event, OperationsConfig config) throws InterruptedException {
        stop(config.jobStopGrace());
    }

    /** No new runs from now on; waits up to {@code grace} for those in progress. Returns whether all finished. */
    public boolean stop(Duration grace) throws InterruptedException {
        long deadline = System.nanoTime() + grace.toNanos();
        synchronized (lock) {
            stopping = true;
            if (active > 0) {
                LOG.infof("Stopping: waiting for %d job run(s) to finish their batch: %s", active, running.keySet());
            }
            long left;
            while (active > 0 && (left = deadline - System.nanoTime()) > 0) {
                lock.wait(Math.max(1, left / 1_000_000));
            }
            if (active > 0) {
                LOG.warnf("Stopping: %d job run(s) still busy after %s (their batch rolls back): %s", active, grace,
                        running.keySet());
                return false;
            }
            return true;
        }
    }
}
