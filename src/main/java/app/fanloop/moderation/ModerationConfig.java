package app.fanloop.moderation;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fanloop.moderation")
public interface ModerationConfig {

    /** Open reports from this many distinct members hide a post until an admin reviews it. */
    @WithDefault("3")
    int hideThreshold();
}
