package app.fanloop.web;

import java.lang.management.ManagementFactory;

import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Liveness;
import org.eclipse.microprofile.health.Readiness;

import io.quarkus.scheduler.Scheduler;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;

/**
 * The node's health checks besides Quarkus's own (the datasource's readiness check, and "Graceful Shutdown", which
 * turns readiness DOWN as soon as the node begins to stop).
 *
 * <ul>
 * <li><b>Readiness</b> ({@code /q/health/ready}) is what a load balancer asks: DOWN takes the node out. The database
 * is in it with Quarkus's datasource check: no page can be served without it. The mail server is in it too, but
 * <b>reported, never DOWN</b>: {@code "mail"} is UP with {@code reachable: false} and the error when the SMTP server
 * does not answer. Every node shares the one SMTP server, so a readiness DOWN would take every node out at once and
 * turn a mail outage into a site outage, while pages work without mail and due mail stays pending and goes out once
 * the server is back (notification/NotificationMailer).</li>
 * <li><b>Wellness</b> ({@code /q/health/well}) is where mail really is DOWN (503), for monitoring to alert on; and
 * {@code /q/health} (everything) is DOWN with it.</li>
 * <li><b>Liveness</b> ({@code /q/health/live}) is what restarts a process: only what a restart cures. DOWN when
 * threads are deadlocked or the job scheduler has stopped firing; it reports the background jobs (runs in progress
 * and since when). Never the database or the mail server: an outage of either must not restart every node.</li>
 * </ul>
 */
@ApplicationScoped
public class HealthChecks {

    private final MailServer mail;
    private final JobRuns jobs;
    private final Scheduler scheduler;

    HealthChecks(MailServer mail, JobRuns jobs, Scheduler scheduler) {
        this.mail = mail;
        this.jobs = jobs;
        this.scheduler = scheduler;
    }

    @Produces
    @Readiness
    @ApplicationScoped
    HealthCheck mailInReadiness() {
        return () -> mailResponse(true);
    }

    @Produces
    @Wellness
    @ApplicationScoped
    HealthCheck mailInWellness() {
        return () -> mailResponse(false);
    }

    @Produces
    @Liveness
    @ApplicationScoped
    HealthCheck process() {
        return () -> {
            long[] deadlocked = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
            boolean scheduling = scheduler.isRunning();
            HealthCheckResponseBuilder response = HealthCheckResponse.named("process")
                    .status(deadlocked == null && scheduling)
                    .withData("deadlocked-threads", deadlocked == null ? 0 : deadlocked.length)
                    .withData("scheduler", scheduling ? "running" : "stopped");
            jobs.running().forEach((job, since) -> response.withData("job " + job, "running since " + since));
            return response.build();
        };
    }

    private HealthCheckResponse mailResponse(boolean reportOnly) {
        MailServer.Status status = mail.status();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("mail").status(reportOnly || status.up());
        if (status.settings().mock()) {
            return response.withData("server", "mock").build();
        }
        response.withData("server", status.settings().address())
                .withData("reachable", status.up())
                .withData("checked-at", status.checkedAt().toString());
        status.error().ifPresent(error -> response.withData("error", error));
        return response.build();
    }
}
