package app.fanloop.suggestion;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fanloop.ranking")
public interface RankingConfig {

    /**
     * After this long a vote weighs half as much for trending. Changing it on a live site needs
     * the trending column recomputed (see Trending.RECOMPUTE).
     */
    @WithDefault("P3D")
    Duration halfLife();
}
