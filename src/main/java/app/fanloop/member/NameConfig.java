package app.fanloop.member;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fanloop.names")
public interface NameConfig {

    /**
     * How long a member waits between two changes of their own display name: a name is how others find and mention
     * them, and a name changed every day is a way to dodge reports. Admins renaming someone are not limited.
     */
    @WithDefault("P30D")
    Duration renameEvery();
}
