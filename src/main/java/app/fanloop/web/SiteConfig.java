package app.fanloop.web;

import java.net.URI;
import java.time.ZoneId;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** Where the site lives, for links that leave it (e-mail, Atom feeds), and the zone its calendar uses. */
@ConfigMapping(prefix = "fanloop.site")
public interface SiteConfig {

    /**
     * The public address, e.g. https://fans.example.com (no trailing slash needed); required in production.
     * Optional here so that web/StartupCheck, not the config loader, says what is missing or wrong.
     */
    @WithName("url")
    Optional<String> urlSetting();

    /** The public address; fails when it is not set (the start-up check refuses a production start without it). */
    default URI url() {
        return URI.create(urlSetting().orElseThrow(() -> new IllegalStateException("FANLOOP_SITE_URL is not set")));
    }

    /** Weeks, Fridays and digest days are counted in this zone. */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    /** An absolute link to a path of this site. */
    default String link(String path) {
        String base = url().toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return base + path;
    }
}
