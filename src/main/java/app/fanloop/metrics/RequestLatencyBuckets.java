package app.fanloop.metrics;

import java.time.Duration;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * A few latency buckets on http_server_requests_seconds (…_bucket), so the dashboard can draw the 95th percentile with
 * histogram_quantile across nodes; a handful of fixed bounds rather than Micrometer's ~70, to keep the series few.
 */
@Singleton
public class RequestLatencyBuckets {

    static final Duration[] BOUNDS = { Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(250),
            Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5) };

    @Produces
    @Singleton
    MeterFilter buckets() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!id.getName().equals("http.server.requests")) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(java.util.Arrays.stream(BOUNDS).mapToDouble(d -> d.toNanos()).toArray())
                        .build().merge(config);
            }
        };
    }
}
