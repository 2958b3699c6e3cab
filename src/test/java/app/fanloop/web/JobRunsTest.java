package app.fanloop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

/**
 * Stopping a node while a job run is in progress: the stop waits for the run's batch, the run's loop sees
 * {@code stopping()} and ends after it, and no new run begins. Ordered by latches, not by sleeping.
 */
class JobRunsTest {

    @Test
    void the_stop_waits_for_the_batch_in_progress_and_the_loop_ends_after_it() throws Exception {
        JobRuns runs = new JobRuns();
        runs.schemaReady();
        List<String> happened = new CopyOnWriteArrayList<>();
        CountDownLatch inBatch = new CountDownLatch(1);
        CountDownLatch finishBatch = new CountDownLatch(1);
        Thread job = new Thread(() -> {
            try {
                runs.run("mail", () -> {
                    int batch = 0;
                    while (!runs.stopping()) {
                        batch++;
                        if (batch == 2) {
                            inBatch.countDown();
                            finishBatch.await();
                        }
                        happened.add("batch " + batch + " committed");
                    }
                    return null;
                });
            } catch (Exception e) {
                happened.add("failed: " + e);
            }
        });
        job.start();
        inBatch.await();
        assertEquals(List.of("mail"), List.copyOf(runs.running().keySet()));

        Thread stopper = new Thread(() -> {
            try {
                happened.add(runs.stop(Duration.ofMinutes(5)) ? "stopped: all finished" : "stopped: gave up");
            } catch (InterruptedException e) {
                happened.add("interrupted");
            }
        });
        stopper.start();
        while (!runs.stopping()) {
            Thread.onSpinWait();
        }
        assertNull(runs.run("digest", () -> "ran"), "no run begins once the node is stopping");
        finishBatch.countDown();
        stopper.join();
        job.join();

        assertEquals(List.of("batch 1 committed", "batch 2 committed", "stopped: all finished"), happened);
        assertTrue(runs.running().isEmpty());
    }

    @Test
    void the_stop_gives_up_after_its_grace() throws Exception {
        JobRuns runs = new JobRuns();
        runs.schemaReady();
        CountDownLatch inRun = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread job = new Thread(() -> {
            try {
                runs.run("stuck", () -> {
                    inRun.countDown();
                    release.await();
                    return null;
                });
            } catch (Exception ignored) {
                // released below
            }
        });
        job.start();
        inRun.await();
        assertFalse(runs.stop(Duration.ZERO), "a run that does not finish does not hold the stop forever");
        release.countDown();
        job.join();
    }

    @Test
    void no_run_begins_before_the_schema_is_migrated() throws Exception {
        JobRuns runs = new JobRuns();
        assertNull(runs.run("webhook-delivery", () -> "ran"), "a timer that fires while a first start migrates does nothing");
        assertTrue(runs.running().isEmpty());

        runs.schemaReady();

        assertEquals("ran", runs.run("webhook-delivery", () -> "ran"));
    }
}
