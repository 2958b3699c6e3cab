package app.fanloop.insight;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import app.fanloop.insight.InsightService.Figures;
import app.fanloop.member.Viewer;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The insights page's figures of a range, computed once and served for {@code fanloop.insight.cache-ttl} (30 s,
 * shorter than the roll-up period): derived numbers only, each node its own copy, so nothing that matters lives
 * in a node's memory. The page says when its figures were computed. The percentiles of a range read every
 * answer and ship time of it from the roll-ups (bench/INSIGHTS-RESULTS.md: the uncached cost); many staff
 * reading the same range share one computation. Staff only: the check runs before the cache is read.
 */
@ApplicationScoped
public class InsightFiguresCache {

    /**
     * The figures, when they were computed, and the charts drawn from them in each language (the page's charts are
     * the same for every reader of a range: drawing them is most of a view's CPU, bench/NOTES.md issue 22).
     */
    public record Cached(Figures figures, InsightBoards.Figures perBoard, Instant at, Map<Locale, Drawn> drawings) {
        Cached(Figures figures, InsightBoards.Figures perBoard, Instant at) {
            this(figures, perBoard, at, new ConcurrentHashMap<>());
        }

        /** The charts in this language, drawn by {@code draw} the first time. */
        public Drawn drawn(Locale language, Supplier<Drawn> draw) {
            return drawings.computeIfAbsent(language, l -> draw.get());
        }
    }

    /**
     * The page's charts in one language: what they are drawn from and their HTML, kept encoded (UTF-8) to be spliced
     * into each reader's page as they are ({@link app.fanloop.web.SplicedPage}).
     */
    public record Drawn(InsightPage page, byte[] charts) {
    }

    /** A node keeps the figures of at most this many ranges. */
    static final int MAX_RANGES = 64;

    private final InsightService insights;
    private final InsightBoards boards;
    private final Viewer viewer;
    private final SiteClock clock;
    private final Duration ttl;
    private final Cache<InsightRange, Cached> cache;

    InsightFiguresCache(InsightService insights, InsightBoards boards, Viewer viewer, SiteClock clock,
            @ConfigProperty(name = "fanloop.insight.cache-ttl", defaultValue = "PT30S") Duration ttl) {
        this.insights = insights;
        this.boards = boards;
        this.viewer = viewer;
        this.clock = clock;
        this.ttl = ttl;
        // Kept figures age by the site's clock, like everything else that expires.
        Ticker ticker = () -> {
            Instant now = clock.now();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        this.cache = ttl.isZero() ? null
                : Caffeine.newBuilder().maximumSize(MAX_RANGES).expireAfterWrite(ttl).ticker(ticker).build();
    }

    /** The range's figures, at most {@link #ttl()} old. */
    public Cached figures(InsightRange range) {
        viewer.requireStaff();
        if (cache == null) {
            return compute(range); // figures and charts made for this view alone
        }
        return cache.get(range, this::compute);
    }

    private Cached compute(InsightRange range) {
        Figures figures = insights.figures(range);
        return new Cached(figures, boards.figures(range, figures.boards()), clock.now());
    }

    public Duration ttl() {
        return ttl;
    }

    /** When the figures were computed, in the site's zone, to the second (the page's freshness line). */
    String shownTime(Cached cached) {
        return LocalTime.ofInstant(cached.at(), insights.zone()).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
