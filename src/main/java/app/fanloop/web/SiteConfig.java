package app.fanloop.web;

import java.net.URI;
import java.time.ZoneId;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the site lives, for links that leave it (e-mail, Atom feeds), and the zone its calendar uses. */
@ConfigMapping(prefix = "fanloop.site")
public interface SiteConfig {

    /** The public address, e.g. https://fans.example.com (no trailing slash needed); required in production. */
    URI url();

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
