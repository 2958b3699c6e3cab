package app.fanloop.metrics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fanloop.metrics")
public interface MetricsConfig {

    /**
     * How often each node counts the queues its gauges show (a few indexed counts); a scrape reads the last count, never
     * the database. "off" stops it (tests refresh the gauges themselves).
     */
    @WithDefault("15s")
    String gaugesEvery();
}
