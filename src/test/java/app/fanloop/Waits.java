package app.fanloop;

import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Waiting (bounded) for a state another thread brings about, such as a background job's. */
public final class Waits {

    private Waits() {
    }

    public static void until(BooleanSupplier state, String what) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!state.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting: " + what, e);
            }
        }
    }
}
