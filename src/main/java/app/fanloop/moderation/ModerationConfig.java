package app.fanloop.moderation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fanloop.moderation")
public interface ModerationConfig {

    /** Open reports from this many distinct members hide a post until an admin reviews it. */
    @WithDefault("3")
    int hideThreshold();

    /** Where a member writes to appeal a hidden post, shown on /appeal (none: the page lists the admins instead). */
    java.util.Optional<String> appealAddress();
}
