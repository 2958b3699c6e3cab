package app.fanloop.release;

import org.jboss.logging.Logger;

import app.fanloop.web.BackgroundJob;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Publishes scheduled releases when they are due. Every node runs it; each due release is claimed
 * with a row lock that the other nodes skip, so it is published once, also after a restart.
 */
@ApplicationScoped
public class ReleasePublisher {

    private static final Logger LOG = Logger.getLogger(ReleasePublisher.class);

    private final ReleasePublishing service;

    ReleasePublisher(ReleasePublishing service) {
        this.service = service;
    }

    @Scheduled(identity = "release-publisher", every = "${fanloop.release.check-every}", delayed = "10s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @BackgroundJob
    void run() {
        int published = publishDue();
        if (published > 0) {
            LOG.infof("Published %d scheduled release(s)", published);
        }
    }

    /** One run of the job: what the scheduler calls, and what tests call with the clock moved. */
    public int publishDue() {
        return service.publishDue();
    }
}
