package app.fanloop.search;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * At most fanloop.search.max-concurrent searches at once on this node: a ranked full-text query holds a
 * pooled connection for up to a second, and a burst of them must not starve page rendering. A search
 * that finds no free slot within fanloop.search.busy-wait is refused with {@link Busy}.
 */
@ApplicationScoped
public class SearchGate {

    /** No free slot: the reader gets a 503 with Retry-After. */
    public static class Busy extends RuntimeException {
        Busy() {
            super("search busy", null, false, false);
        }
    }

    private final Semaphore slots;
    private final long waitNanos;

    SearchGate(SearchConfig config) {
        this.slots = new Semaphore(config.maxConcurrent(), true);
        this.waitNanos = config.busyWait().toNanos();
    }

    /** Runs {@code search} in a free slot, or throws Busy. */
    public <T> T run(Supplier<T> search) {
        boolean acquired;
        try {
            acquired = slots.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Busy();
        }
        if (!acquired) {
            throw new Busy();
        }
        try {
            return search.get();
        } finally {
            slots.release();
        }
    }

    /** Takes a slot and keeps it until {@code release}; lets a test hold the gate full. */
    boolean tryHold() {
        return slots.tryAcquire();
    }

    void release() {
        slots.release();
    }
}
