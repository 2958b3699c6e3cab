package app.fanloop.sitemap;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The sitemap for search engines (sitemap/SitemapResource). */
@ConfigMapping(prefix = "fanloop.sitemap")
public interface SitemapConfig {

    /**
     * Ids per sitemap file: a file lists the visible rows whose id falls in one range of this width, so it never holds
     * more URLs than this (the protocol allows 50,000) and costs one primary-key range scan of this many rows.
     * At 230 million suggestions, 10,000 makes 23,000 files, under the index's limit of 50,000.
     */
    @WithDefault("10000")
    int chunkSize();

    /** How long crawlers and caches in between may keep a sitemap file or robots.txt. */
    @WithDefault("PT1H")
    Duration maxAge();
}
