package app.fanloop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The binding really runs a job's method through JobRuns. That every scheduled job is a {@link BackgroundJob} is an
 * ArchUnit rule without the app: {@link BackgroundJobRuleTest}.
 */
@QuarkusTest
class BackgroundJobTest {

    /** A job of the tests only (never triggered): it looks at the runs in progress while it runs. */
    @ApplicationScoped
    static class ProbeJob {
        @Inject
        JobRuns runs;

        private List<String> seen = List.of();

        List<String> seen() {
            return seen;
        }

        @Scheduled(identity = "probe-job", every = "${fanloop.test.probe-job-every:off}")
        @BackgroundJob
        void run() {
            seen = List.copyOf(runs.running().keySet());
        }
    }

    @Inject
    ProbeJob probe;

    @Inject
    JobRuns runs;

    @Test
    void a_job_run_is_counted_while_it_runs_under_its_scheduled_identity() {
        probe.run();
        assertEquals(List.of("probe-job"), probe.seen());
        assertEquals(List.of(), List.copyOf(runs.running().keySet()));
    }
}
