package app.fanloop.web;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;

import org.junit.jupiter.api.Test;

import app.fanloop.architecture.MainClasses;
import io.quarkus.scheduler.Scheduled;

/**
 * Every scheduled job is a {@link BackgroundJob} (BackgroundJobTest runs one through the binding). A plain test on the
 * classes ArchUnit imported once for all rules ({@link MainClasses}): under a Quarkus test the import alone took 36 s.
 */
class BackgroundJobRuleTest {

    @Test
    void every_scheduled_method_is_a_background_job() {
        methods().that().areAnnotatedWith(Scheduled.class).should().beAnnotatedWith(BackgroundJob.class)
                .because("a stop must wait for its runs (web/JobRuns)")
                .check(MainClasses.get());
    }
}
