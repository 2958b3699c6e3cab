package app.fanloop.search;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.jboss.logging.Logger;

import app.fanloop.release.Release;
import app.fanloop.release.ReleaseWritten;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;

/**
 * Keeps the search columns ({@code search_vector}, a tsvector with a GIN index) of suggestions,
 * comments and release notes current, in the same transaction as every write (suggestion's services and the
 * release editor through their synchronous {@link SuggestionEvent}s and {@link ReleaseWritten}, observed below), so a post is found the moment it is saved.
 * Hiding, merging and status changes need no call: visibility and filters are read from the rows when
 * searching, and a purged row takes its words with it.
 */
@ApplicationScoped
public class SearchIndex {

    /** Bump when the analysis changes: rows indexed by an older version are indexed again at start. */
    static final int VERSION = 1;
    private static final int BATCH = 200;
    /** A release's lines in the order the page shows them: New, Improved, Fixed, then position. */
    static final String LINE_ORDER = "case section when 'NEW' then 0 when 'IMPROVED' then 1 else 2 end, position, id";
    private static final Logger LOG = Logger.getLogger(SearchIndex.class);

    private final EntityManager em;
    private final SearchAnalyzer analyzer;
    private final SearchConfig config;
    private ExecutorService reindexer;
    private volatile boolean stopping;

    SearchIndex(EntityManager em, SearchAnalyzer analyzer, SearchConfig config) {
        this.em = em;
        this.analyzer = analyzer;
        this.config = config;
    }

    void on(@Observes SuggestionEvent.SuggestionWritten e) {
        suggestionWritten(e.suggestion());
    }

    void on(@Observes SuggestionEvent.CommentWritten e) {
        commentWritten(e.comment());
    }

    void on(@Observes ReleaseWritten e) {
        releaseWritten(e.release());
    }

    /** After a suggestion is created or edited, in the same transaction. */
    public void suggestionWritten(Suggestion s) {
        update("suggestion", s.id, suggestionVector(s.title, s.body, s.deviceModel, s.systemVersion, s.steps));
    }

    /** After a comment is written or edited, in the same transaction. */
    public void commentWritten(Comment c) {
        update("comment", c.id, commentVector(c.body));
    }

    /**
     * After a release's head or any of its lines is written or deleted, in the same transaction: the
     * release's one vector holds its version, summary and every line, so it is written again whole.
     */
    void releaseWritten(Release r) {
        em.flush();
        update("release", r.id, releaseVector(r.id, r.version, r.summary));
    }

    String releaseVector(long releaseId, String version, String summary) {
        @SuppressWarnings("unchecked")
        List<String> lines = em.createNativeQuery(
                "select text from release_item where release_id = :r order by " + LINE_ORDER)
                .setParameter("r", releaseId).getResultList();
        SearchDocument document = new SearchDocument(analyzer).add(version, 'A').add(SearchText.of(summary), 'B');
        for (String line : lines) {
            document.add(SearchText.of(line), 'B');
        }
        return document.literal();
    }

    String suggestionVector(String title, String body, String deviceModel, String systemVersion, String steps) {
        return new SearchDocument(analyzer)
                .add(title, 'A')
                .add(SearchText.of(body), 'B')
                .add(join(deviceModel, systemVersion), 'C')
                .add(SearchText.of(steps), 'C')
                .literal();
    }

    String commentVector(String body) {
        return new SearchDocument(analyzer).add(SearchText.of(body), 'B').literal();
    }

    private void update(String table, long id, String vector) {
        // The table name is one of three constants; the values are parameters.
        em.createNativeQuery("update " + table
                + " set search_vector = cast(:vector as tsvector), search_version = :version where id = :id")
                .setParameter("vector", vector)
                .setParameter("version", VERSION)
                .setParameter("id", id)
                .executeUpdate();
    }

    /** Loads the segmenter's dictionaries now rather than on the first search, then starts the catch-up. */
    void onStart(@Observes @Priority(20) StartupEvent event) {
        analyzer.tokens("启动 warm-up");
        if (config.reindexAtStart()) {
            reindexer = Executors.newSingleThreadExecutor(runnable -> {
                Thread thread = new Thread(runnable, "search-reindex");
                thread.setDaemon(true);
                return thread;
            });
            reindexer.submit(this::reindexStale);
        }
    }

    void onStop(@Observes ShutdownEvent event) {
        stopping = true;
        if (reindexer != null) {
            reindexer.shutdownNow();
        }
    }

    /** Indexes every row not indexed by this version, a batch per transaction; returns how many. */
    public int reindexStale() {
        int total = 0;
        try {
            total += reindex("suggestion", """
                    select id, title, body, device_model, system_version, steps from suggestion
                    where id > :after and search_version < :version order by id limit :batch for update skip locked""");
            total += reindex("comment", """
                    select id, body from comment
                    where id > :after and search_version < :version order by id limit :batch for update skip locked""");
            total += reindex("release", """
                    select id, version, summary from release
                    where id > :after and search_version < :version order by id limit :batch for update skip locked""");
            if (total > 0) {
                LOG.infof("Search index: %d rows indexed", total);
            }
        } catch (RuntimeException e) {
            if (!stopping) {
                LOG.error("Search index catch-up stopped; it resumes at the next start", e);
            }
        }
        return total;
    }

    private int reindex(String table, String select) {
        int total = 0;
        long after = 0;
        while (!stopping) {
            long from = after;
            List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> {
                @SuppressWarnings("unchecked")
                List<Object[]> batch = em.createNativeQuery(select)
                        .setParameter("after", from).setParameter("version", VERSION).setParameter("batch", BATCH)
                        .getResultList();
                for (Object[] row : batch) {
                    long id = ((Number) row[0]).longValue();
                    String vector = switch (table) {
                        case "comment" -> commentVector((String) row[1]);
                        case "release" -> releaseVector(id, (String) row[1], (String) row[2]);
                        default -> suggestionVector((String) row[1], (String) row[2], (String) row[3],
                                (String) row[4], (String) row[5]);
                    };
                    update(table, id, vector);
                }
                return batch;
            });
            if (rows.isEmpty()) {
                break;
            }
            total += rows.size();
            after = ((Number) rows.get(rows.size() - 1)[0]).longValue();
        }
        return total;
    }

    private static String join(String a, String b) {
        return (a == null ? "" : a) + " " + (b == null ? "" : b);
    }
}
