package app.fanloop.web;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The visitor page cache ({@link VisitorPageCache}). */
@ConfigMapping(prefix = "fanloop.visitor-cache")
public interface VisitorCacheConfig {

    /** How long visitors are served the same rendering of a page; zero turns the cache off. */
    @WithDefault("PT2S")
    Duration ttl();

    /** Pages kept per node at most: 500 pages of ~25 KB are ~12 MB of heap. */
    @WithDefault("500")
    int maxEntries();
}
