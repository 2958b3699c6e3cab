package app.fanloop.triage;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fanloop.triage")
public interface TriageConfig {

    /** The promise to fans: an official answer within this long. */
    @WithDefault("PT48H")
    Duration answerTarget();

    /** How far back the console measures the share answered within the target. */
    @WithDefault("P28D")
    Duration answerWindow();

    /** How long a shipped feature item stays on the roadmap. */
    @WithDefault("P90D")
    Duration roadmapShippedFor();

    Weights weights();

    /**
     * Priority = votes × ln(1 + vote count) + heat × ln(1 + decayed votes) + comments × ln(1 + comment count),
     * where decayed votes = 2^(trending − now), each vote weighing half as much per half-life of age.
     */
    interface Weights {
        @WithDefault("1.0")
        double votes();

        @WithDefault("2.0")
        double heat();

        @WithDefault("0.5")
        double comments();
    }
}
