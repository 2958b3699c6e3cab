package app.fanloop.moderation;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Sliding-window limits per member and action, stricter for new members (after Discourse's
 * new-user limits), and per IP address for sign-in attempts. PMs and admins are exempt from
 * member limits.
 */
@ConfigMapping(prefix = "fanloop.rate-limit")
public interface RateLimitConfig {

    /** Members younger than this get the new-member limits. */
    @WithDefault("PT24H")
    Duration newMemberAge();

    /** Limits by action name: post, comment, vote, report, login. */
    Map<String, Limit> actions();

    interface Limit {
        /** How many in the window. */
        int count();

        /** How many for a new member; defaults to count. */
        java.util.OptionalInt newMemberCount();

        Duration window();
    }
}
