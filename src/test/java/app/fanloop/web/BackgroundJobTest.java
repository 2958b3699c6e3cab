package app.fanloop.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/** Every scheduled job is a {@link BackgroundJob}, and the binding really runs a job's method through JobRuns. */
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

    @Test
    void every_scheduled_method_is_a_background_job() {
        methods().that().areAnnotatedWith(Scheduled.class).should().beAnnotatedWith(BackgroundJob.class)
                .because("a stop must wait for its runs (web/JobRuns)")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                        .importPackages("app.fanloop"));
    }
}
