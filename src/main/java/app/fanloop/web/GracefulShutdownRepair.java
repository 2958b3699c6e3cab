package app.fanloop.web;

import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.jboss.logging.Logger;

import io.quarkus.runtime.Application;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.shutdown.ShutdownListener;
import io.quarkus.runtime.shutdown.ShutdownRecorder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Works around quarkusio/quarkus#51915 (Quarkus 3.30.5 and 3.30.6; fixed upstream by #51916): the shutdown listener
 * of quarkus-jackson never says it is done, so with quarkus.shutdown.timeout set every stop waits the whole timeout
 * and logs "Timed out waiting for graceful shutdown", even with no request in flight. At start this wraps that
 * listener so it says done once it has run (at most once, in case a fixed version says so itself); the HTTP
 * server's listener still waits for the requests in flight. Remove it with the Quarkus upgrade that has the fix
 * (ProductionStartIT's clean stop fails while the bug is there and this is not).
 */
@ApplicationScoped
class GracefulShutdownRepair {

    private static final Logger LOG = Logger.getLogger(GracefulShutdownRepair.class);

    /**
     * Quarkus sets the listeners in a start step that may come after StartupEvent (some builds here did, and the repair
     * was overwritten), so the repair waits on a thread of its own until the application has started (every start step
     * done).
     */
    void onStart(@Observes StartupEvent event) {
        Thread repair = new Thread(() -> {
            try {
                Application app = Application.currentApplication();
                // A start that fails never gets there: give up after five minutes.
                for (int wait = 0; app != null && !app.isStarted(); wait++) {
                    if (wait == 6000) {
                        return;
                    }
                    Thread.sleep(50);
                }
                repair();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "shutdown-listener-repair");
        repair.setDaemon(true);
        repair.start();
    }

    static void repair() {
        try {
            Field field = ShutdownRecorder.class.getDeclaredField("shutdownListeners");
            field.setAccessible(true);
            @SuppressWarnings("unchecked")
            List<ShutdownListener> listeners = (List<ShutdownListener>) field.get(null);
            if (listeners != null) {
                field.set(null, listeners.stream().map(GracefulShutdownRepair::repaired).toList());
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf("Shutdown listeners left as they are (a stop may wait the whole quarkus.shutdown.timeout): %s", e);
        }
    }

    private static ShutdownListener repaired(ShutdownListener listener) {
        if (!listener.getClass().getName().startsWith("io.quarkus.jackson.")
                || listener.getClass().getName().startsWith(GracefulShutdownRepair.class.getName())) {
            return listener;
        }
        return new ShutdownListener() {
            @Override
            public void preShutdown(ShutdownNotification notification) {
                listener.preShutdown(notification);
            }

            @Override
            public void shutdown(ShutdownNotification notification) {
                AtomicBoolean done = new AtomicBoolean();
                ShutdownNotification once = () -> {
                    if (done.compareAndSet(false, true)) {
                        notification.done();
                    }
                };
                listener.shutdown(once);
                once.done();
            }
        };
    }
}
