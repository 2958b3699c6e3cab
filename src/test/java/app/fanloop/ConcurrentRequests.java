package app.fanloop;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Runs requests at the same moment, for tests of what must stay exact under concurrency. */
public final class ConcurrentRequests {

    private ConcurrentRequests() {
    }

    /**
     * Starts every request together (in an order shuffled by {@code seed}, so a run can be repeated) on
     * sixteen threads and returns their results (HTTP statuses), in the order they were started.
     */
    public static List<Integer> runTogether(List<Callable<Integer>> requests, long seed) throws Exception {
        List<Callable<Integer>> shuffled = new ArrayList<>(requests);
        Collections.shuffle(shuffled, new Random(seed));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> futures = new ArrayList<>();
            for (Callable<Integer> request : shuffled) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return request.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> future : futures) {
                statuses.add(future.get(60, TimeUnit.SECONDS));
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }
}
