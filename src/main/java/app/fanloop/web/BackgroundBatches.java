package app.fanloop.web;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jboss.logging.Logger;

/**
 * The loop of a job done in batches in the background by whichever node gets to it (honour/HonourBackfill,
 * search/SearchReindex). Each batch is one short transaction that claims the job's row {@code for update skip
 * locked}, so one node works at a time. While another node holds the row the loop waits and tries again, so it
 * takes over if that node stops; a batch that fails (a row lock it gave way on, a lost connection) is tried again,
 * and after many failures in a row the loop gives up until the next start.
 */
public final class BackgroundBatches {

    /** What one batch found. */
    public enum Outcome {
        /** It did a batch (or moved to the next phase); there may be more. */
        WORKED,
        /** Another node holds the job's row: it is doing a batch. */
        BUSY,
        /** Nothing is left. */
        DONE
    }

    private static final long BUSY_WAIT_MS = 2000;
    private static final int MAX_FAILURES = 20;

    private final String job;
    private final Logger log;
    private volatile boolean stopping;
    private ExecutorService worker;

    /** {@code job} names the work in log lines ("Search index catch-up"). */
    public BackgroundBatches(String job, Logger log) {
        this.job = job;
        this.log = log;
    }

    /**
     * Runs {@code step} (one batch in its own transaction) until its outcome is DONE or the app stops, handing
     * every batch that worked to {@code worked}. Returns whether the job is done.
     */
    public <B> boolean runToEnd(Supplier<B> step, Function<B, Outcome> outcome, Consumer<B> worked) {
        int failures = 0;
        while (!stopping) {
            B batch;
            try {
                batch = step.get();
                failures = 0;
            } catch (RuntimeException e) {
                if (++failures >= MAX_FAILURES || stopping) {
                    throw e;
                }
                log.debugf("%s: a batch gave way (%s); trying again", job, e.getMessage());
                pause(100L * failures);
                continue;
            }
            switch (outcome.apply(batch)) {
                case DONE -> {
                    return true;
                }
                case BUSY -> pause(BUSY_WAIT_MS);
                case WORKED -> worked.accept(batch);
            }
        }
        return false;
    }

    /**
     * Runs {@code work} on the job's own daemon thread (one per job, made on first use) and returns at once, so a
     * large database does not hold up the start.
     */
    public synchronized Future<?> inBackground(String threadName, Runnable work) {
        if (worker == null) {
            worker = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, threadName);
                thread.setDaemon(true);
                return thread;
            });
        }
        return worker.submit(work);
    }

    /** The app is stopping: the loop ends after the batch in progress. */
    public void stop() {
        stopping = true;
    }

    /**
     * Stops the loop and waits a little for the batch in progress on the job's thread: it commits or rolls back, and
     * either way the next start resumes after the last commit.
     */
    public void stopAndWait() throws InterruptedException {
        stop();
        ExecutorService running;
        synchronized (this) {
            running = worker;
        }
        if (running != null) {
            running.shutdown();
            running.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    public boolean stopping() {
        return stopping;
    }

    private void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }
}
