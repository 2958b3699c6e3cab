package app.fanloop.limit;

import java.time.Duration;
import java.util.Map;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Sliding-window limits per member and action, stricter for new members (after Discourse's
 * new-user limits); PMs and admins are exempt from these. And limits on reading (search, hints,
 * feeds, pages past the visitor cache): per signed-in member, or per IP address for everyone else,
 * and per address for sign-in attempts.
 */
@ConfigMapping(prefix = "fanloop.rate-limit")
public interface RateLimitConfig {

    /** Members younger than this get the new-member limits. */
    @WithDefault("PT24H")
    Duration newMemberAge();

    /** Limits by action name: post, comment, vote, report; login, search, hints, feed, page. */
    Map<String, Limit> actions();

    interface Limit {
        /** How many in the window. */
        int count();

        /** How many for a new member; defaults to count. */
        java.util.OptionalInt newMemberCount();

        /** For the limits on reading: how many for a signed-in member (count is then per address); defaults to count. */
        java.util.OptionalInt memberCount();

        Duration window();
    }
}
