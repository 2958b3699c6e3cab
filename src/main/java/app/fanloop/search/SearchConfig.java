package app.fanloop.search;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "fanloop.search")
public interface SearchConfig {

    @WithDefault("20")
    int pageSize();

    /** Deep pages cost an ever larger offset scan and nobody reads them; better words find more. */
    @WithDefault("50")
    int maxPage();

    /** Longer queries are cut to this many characters (and to eight words, see SearchTerms). */
    @WithDefault("200")
    int maxQueryLength();

    /** A search still running after this long is stopped and the page asks for more precise words. */
    @WithDefault("PT5S")
    Duration timeout();

    /**
     * When the app starts, index the rows written before search existed or by an older analysis
     * (SearchIndex.VERSION), in batches, in the background. Several nodes share the work.
     */
    @WithDefault("true")
    boolean reindexAtStart();
}
