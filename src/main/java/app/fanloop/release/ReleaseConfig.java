package app.fanloop.release;

import java.time.DayOfWeek;
import java.time.LocalTime;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fanloop.release")
public interface ReleaseConfig {

    /** The day a release is scheduled for unless the PM picks another (MIUI's weekly builds come out on Fridays). */
    @WithDefault("FRIDAY")
    DayOfWeek publishDay();

    /** The local time (in fanloop.site.zone) on that day. */
    @WithDefault("10:00")
    LocalTime publishTime();

    /** How often the publisher looks for due releases; "off" stops it (tests call it themselves). */
    @WithDefault("1m")
    String checkEvery();

    /** Releases per page on /releases and entries in the Atom feed. */
    @WithDefault("20")
    int pageSize();
}
