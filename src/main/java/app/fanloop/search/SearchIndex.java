package app.fanloop.search;

import java.util.List;

import app.fanloop.release.Release;
import app.fanloop.release.ReleaseWritten;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionEvent;
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
 * searching, and a purged row takes its words with it. Rows no write indexed with this analysis are
 * {@link SearchReindex}'s, in the background.
 */
@ApplicationScoped
public class SearchIndex {

    /** Bump when the analysis changes: rows indexed by an older version are indexed again (SearchReindex). */
    static final int VERSION = 1;
    /** A release's lines in the order the page shows them: New, Improved, Fixed, then position. */
    static final String LINE_ORDER = "case section when 'NEW' then 0 when 'IMPROVED' then 1 else 2 end, position, id";

    private final EntityManager em;
    private final SearchAnalyzer analyzer;
    private final SearchVectors vectors;
    private final SearchReindex reindex;

    SearchIndex(EntityManager em, SearchAnalyzer analyzer, SearchVectors vectors, SearchReindex reindex) {
        this.em = em;
        this.analyzer = analyzer;
        this.vectors = vectors;
        this.reindex = reindex;
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
        update("suggestion", s.id, vectors.suggestion(s.title, s.body, s.deviceModel, s.systemVersion, s.steps));
    }

    /** After a comment is written or edited, in the same transaction. */
    public void commentWritten(Comment c) {
        update("comment", c.id, vectors.comment(c.body));
    }

    /**
     * After a release's head or any of its lines is written or deleted, in the same transaction: the
     * release's one vector holds its version, summary and every line, so it is written again whole.
     */
    void releaseWritten(Release r) {
        em.flush();
        @SuppressWarnings("unchecked")
        List<String> lines = em.createNativeQuery(
                "select text from release_item where release_id = :r order by " + LINE_ORDER)
                .setParameter("r", r.id).getResultList();
        update("release", r.id, vectors.release(r.version, r.summary, lines));
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

    /** Loads the segmenter's dictionaries now rather than on the first search (the catch-up starts on its own). */
    void onStart(@Observes @Priority(20) StartupEvent event) {
        analyzer.tokens("启动 warm-up");
    }

    /**
     * Indexes every row not indexed by this version, on the calling thread (with any other node working on it),
     * and returns how many rows this call indexed: see {@link SearchReindex#reindexStale()}.
     */
    public long reindexStale() {
        return reindex.reindexStale();
    }
}
