package app.fanloop.web;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** What an operator tunes about starting, checking and stopping a node (README, "Running in production"). */
@ConfigMapping(prefix = "fanloop.operations")
public interface OperationsConfig {

    /**
     * Whether the start-up check runs (web/StartupCheck). Unset: only in production, i.e. the packaged app
     * (launch mode NORMAL), never in dev mode or tests; {@code false} turns it off there too.
     */
    Optional<Boolean> startupCheck();

    /** How long a check of the mail server waits for it to connect and greet, at start and in health checks. */
    @WithDefault("PT5S")
    Duration mailTimeout();

    /** How long a health check reuses its last look at the mail server, so polling does not connect every time. */
    @WithDefault("PT10S")
    Duration mailCheckEvery();

    /**
     * How long the stop waits for background job runs in progress to finish their batch (after the HTTP requests
     * in flight, which quarkus.shutdown.timeout bounds).
     */
    @WithDefault("PT20S")
    Duration jobStopGrace();
}
