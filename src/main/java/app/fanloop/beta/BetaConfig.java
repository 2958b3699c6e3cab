package app.fanloop.beta;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Closed beta programs: the tester score's weights and the participation rule. The score (see {@link TesterScores}) is
 * level × level + min(bug reports, bug-reports-cap) × bug-report + adopted bug reports × adopted-bug-report
 * + min(reports upheld, reports-upheld-cap) × report-upheld + past programs accepted × past-accepted
 * + past programs completed × past-completed + past removals × past-removed.
 */
@ConfigMapping(prefix = "fanloop.beta")
public interface BetaConfig {

    Weights weights();

    /** How far back the console counts a tester's posts on the private board against the weekly requirement. */
    @WithDefault("P7D")
    Duration participationWindow();

    /** Applicants per page of the console. */
    @WithDefault("50")
    int pageSize();

    /** The most testers "accept the top N" takes in one go. */
    @WithDefault("500")
    int maxTopN();

    interface Weights {
        /** Per honour level (1–10): a long-standing, active member. */
        @WithDefault("3")
        int level();

        /** Per bug report the member filed (not hidden). */
        @WithDefault("1")
        int bugReport();

        /** Bug reports count up to this many, so a flood of reports does not buy a place. */
        @WithDefault("20")
        int bugReportsCap();

        /** Per bug report that reached PLANNED, IN_PROGRESS or SHIPPED: reports that led somewhere. */
        @WithDefault("5")
        int adoptedBugReport();

        /** Per report of abuse a moderator upheld. */
        @WithDefault("1")
        int reportUpheld();

        @WithDefault("10")
        int reportsUpheldCap();

        /** Per earlier program the member was accepted in. */
        @WithDefault("2")
        int pastAccepted();

        /** Per earlier program the member completed (still a tester when it closed). */
        @WithDefault("4")
        int pastCompleted();

        /** Per earlier program the member was removed from (usually for falling behind); negative. */
        @WithDefault("-4")
        int pastRemoved();
    }
}
