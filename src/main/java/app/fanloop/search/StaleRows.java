package app.fanloop.search;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.jboss.logging.Logger;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.interceptor.Interceptor;

/**
 * The rows of one catch-up batch ({@link SearchReindex}): the stale rows of an id range read with one select,
 * analyzed on {@link SearchConfig#reindexThreads()} threads, and their vectors written with one update.
 * <p>
 * <b>A live write wins.</b> The update writes a row only while it is still stale and its text is still what was
 * read (an md5 of the indexed columns, {@link Phase#fingerprint}): a post edited between the read and the write
 * keeps the vector its edit wrote, and a row whose text changed without a vector of this version (an older node's
 * write) is read and analyzed again. A live write after the update waits for the batch's commit and writes last.
 */
@ApplicationScoped
class StaleRows {

    /** Rounds of reading again the rows whose text changed under a batch, before leaving them to the next run. */
    private static final int MAX_REREADS = 3;
    private static final Logger LOG = Logger.getLogger(StaleRows.class);

    /** The sources in the order a run does them, then DONE; each walks its table's ids up to the run's cut-off. */
    public enum Phase {
        SUGGESTIONS("suggestion", "t.title, t.body, t.device_model, t.system_version, t.steps"),
        COMMENTS("comment", "t.body"),
        RELEASES("release", "t.version, t.summary, (select array_agg(text order by " + SearchIndex.LINE_ORDER
                + ") from release_item where release_id = t.id)"),
        DONE(null, null);

        /** The table, one of three constants (never input). */
        final String table;
        /** The indexed columns of alias {@code t}, in the order {@link #vector} reads them. */
        final String columns;

        Phase(String table, String columns) {
            this.table = table;
            this.columns = columns;
        }

        Phase next() {
            return values()[ordinal() + 1];
        }

        /** What the batch read of a row's text, to tell at its write whether the text is still the same. */
        String fingerprint() {
            return "md5(cast(row(" + columns + ") as text))";
        }
    }

    /** A stale row as read: its id, its text's fingerprint and the indexed columns (a release's lines last). */
    record Text(long id, String fingerprint, Object[] columns) {
    }

    private final SearchVectors vectors;
    private final SearchConfig config;
    private ExecutorService analysts;

    StaleRows(SearchVectors vectors, SearchConfig config) {
        this.vectors = vectors;
        this.config = config;
    }

    /** After SearchReindex.onStop (default priority) has let its batch finish with these threads. */
    void onStop(@Observes @Priority(Interceptor.Priority.LIBRARY_AFTER) ShutdownEvent event) {
        synchronized (this) {
            if (analysts != null) {
                analysts.shutdownNow();
            }
        }
    }

    /** The stale rows with ids in (after, to], with one select (the primary key's range). */
    List<Text> read(Connection c, Phase phase, long after, long to) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(select(phase, "t.id > ? and t.id <= ?"))) {
            select.setLong(1, after);
            select.setLong(2, to);
            select.setInt(3, SearchIndex.VERSION);
            return texts(select, phase);
        }
    }

    /** These rows if they are still stale, as they are now. */
    private List<Text> reread(Connection c, Phase phase, List<Long> ids) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(select(phase, "t.id = any(?)"))) {
            select.setArray(1, c.createArrayOf("bigint", ids.toArray()));
            select.setInt(2, SearchIndex.VERSION);
            return texts(select, phase);
        }
    }

    private static String select(Phase phase, String which) {
        return "select t.id, " + phase.fingerprint() + ", " + phase.columns + " from " + phase.table + " t where "
                + which + " and t.search_version < ? order by t.id";
    }

    private static List<Text> texts(PreparedStatement select, Phase phase) throws SQLException {
        List<Text> texts = new ArrayList<>();
        try (ResultSet rs = select.executeQuery()) {
            int n = rs.getMetaData().getColumnCount() - 2;
            while (rs.next()) {
                Object[] columns = new Object[n];
                for (int i = 0; i < n; i++) {
                    Object value = rs.getObject(3 + i);
                    columns[i] = value instanceof Array array ? Arrays.asList((Object[]) array.getArray()) : value;
                }
                texts.add(new Text(rs.getLong(1), rs.getString(2), columns));
            }
        }
        return texts;
    }

    /**
     * Analyzes the rows and writes their vectors; the rows whose text changed since they were read and that are
     * still stale are read and written again. Returns the rows written.
     */
    long index(Connection c, Phase phase, List<Text> texts) throws SQLException {
        long written = 0;
        for (int round = 0; !texts.isEmpty(); round++) {
            Set<Long> done = write(c, phase, texts, analyze(phase, texts));
            written += done.size();
            List<Long> changed = texts.stream().map(Text::id).filter(id -> !done.contains(id)).toList();
            if (changed.isEmpty() || round == MAX_REREADS) {
                if (!changed.isEmpty()) {
                    LOG.debugf("Search index catch-up: %d %s rows kept changing; the next run indexes them",
                            changed.size(), phase.table);
                }
                break;
            }
            texts = reread(c, phase, changed);
        }
        return written;
    }

    /** The vectors of these rows, in their order, analyzed on the configured threads. */
    List<String> analyze(Phase phase, List<Text> texts) {
        int threads = Math.max(1, Math.min(config.reindexThreads(), texts.size() / 100));
        if (threads == 1) {
            return texts.stream().map(t -> vector(phase, t)).toList();
        }
        List<Callable<List<String>>> parts = new ArrayList<>();
        int size = (texts.size() + threads - 1) / threads;
        for (int from = 0; from < texts.size(); from += size) {
            List<Text> part = texts.subList(from, Math.min(texts.size(), from + size));
            parts.add(() -> part.stream().map(t -> vector(phase, t)).toList());
        }
        List<String> all = new ArrayList<>(texts.size());
        try {
            for (Future<List<String>> part : analysts().invokeAll(parts)) {
                all.addAll(part.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while analyzing", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("analysis failed", e.getCause());
        }
        return all;
    }

    @SuppressWarnings("unchecked")
    private String vector(Phase phase, Text t) {
        Object[] v = t.columns();
        return switch (phase) {
            case SUGGESTIONS -> vectors.suggestion((String) v[0], (String) v[1], (String) v[2], (String) v[3], (String) v[4]);
            case COMMENTS -> vectors.comment((String) v[0]);
            case RELEASES -> vectors.release((String) v[0], (String) v[1], v[2] == null ? List.of() : (List<String>) v[2]);
            case DONE -> throw new IllegalStateException("nothing to analyze when done");
        };
    }

    /**
     * Writes the vectors with one statement, each only if its row is still stale and its text is still the text
     * analyzed; returns the ids written.
     */
    private Set<Long> write(Connection c, Phase phase, List<Text> texts, List<String> vectorsOf) throws SQLException {
        Object[] ids = new Object[texts.size()];
        Object[] fingerprints = new Object[texts.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = texts.get(i).id();
            fingerprints[i] = texts.get(i).fingerprint();
        }
        Set<Long> written = new HashSet<>();
        try (PreparedStatement update = c.prepareStatement("update " + phase.table + " t"
                + " set search_vector = cast(v.vector as tsvector), search_version = ?"
                + " from unnest(cast(? as bigint[]), cast(? as text[]), cast(? as text[])) as v(id, vector, fingerprint)"
                + " where t.id = v.id and t.search_version < ? and " + phase.fingerprint() + " = v.fingerprint"
                + " returning t.id")) {
            update.setInt(1, SearchIndex.VERSION);
            update.setArray(2, c.createArrayOf("bigint", ids));
            update.setArray(3, c.createArrayOf("text", vectorsOf.toArray()));
            update.setArray(4, c.createArrayOf("text", fingerprints));
            update.setInt(5, SearchIndex.VERSION);
            try (ResultSet rs = update.executeQuery()) {
                while (rs.next()) {
                    written.add(rs.getLong(1));
                }
            }
        }
        return written;
    }

    private synchronized ExecutorService analysts() {
        if (analysts == null) {
            AtomicInteger n = new AtomicInteger();
            analysts = Executors.newFixedThreadPool(config.reindexThreads(), runnable -> {
                Thread thread = new Thread(runnable, "search-analysis-" + n.incrementAndGet());
                thread.setDaemon(true);
                return thread;
            });
        }
        return analysts;
    }
}
