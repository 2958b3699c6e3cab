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

    /**
     * How many matches of a source are ranked (SearchCandidates): the most-voted title matches and the most-voted
     * matches anywhere (suggestions), the newest matches (comments). Deeper pages take more, a block at a time.
     */
    @WithDefault("100")
    int candidates();

    /**
     * How many posts, in order of merit, are read looking for the candidates before the word counts as rare and
     * all its matches are taken from the full-text index instead. Every search reads up to this many per source.
     */
    @WithDefault("5000")
    int scan();

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

    /**
     * Searches (and similar-suggestion hints) running at once on this node; more wait up to busy-wait and
     * then get a 503, so search never holds the whole connection pool (32) and page rendering goes on.
     */
    @WithDefault("8")
    int maxConcurrent();

    /** How long a search waits for a free slot before the reader is asked to try again. */
    @WithDefault("PT0.5S")
    Duration busyWait();

    /**
     * Ids of one table per catch-up batch (SearchReindex): one short transaction that reads the batch's stale rows
     * with one select and writes their vectors with one update, holding one connection for a fraction of a second.
     */
    @WithDefault("2000")
    int reindexBatch();

    /** Threads that analyze a catch-up batch (segmenting, stemming): how many cores the catch-up may take. */
    @WithDefault("2")
    int reindexThreads();
}
