package app.fanloop.search;

import static app.fanloop.web.Browser.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.Waits;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.search.SearchReindex.Batch;
import app.fanloop.web.BackgroundBatches.Outcome;
import app.fanloop.search.StaleRows.Phase;
import app.fanloop.search.StaleRows.Text;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/**
 * The catch-up of the search index: it indexes the rows no write indexed with this analysis, in batches that a
 * restart resumes without redoing any, one node at a time (another takes over), while live edits win, and it says
 * how far it is.
 */
@QuarkusTest
class SearchReindexTest {

    @Inject
    SearchReindex reindex;

    @Inject
    SearchFixtures sf;

    @Inject
    Fixtures fx;

    @Inject
    DataSource dataSource;

    @Inject
    SearchVectors vectors;

    @Inject
    StaleRows rows;

    /** Each test starts with nothing stale and no run unfinished (rows other tests wrote without words included). */
    @BeforeEach
    void nothing_is_stale() {
        reindex.reindexStale();
    }

    @AfterEach
    void no_run_is_left_unfinished() {
        reindex.runToEnd();
        assertEquals(0, fx.number("select count(*) from search_reindex where phase <> 'DONE'"));
    }

    @Test
    void a_run_indexes_the_stale_suggestions_comments_and_releases() {
        String w = SearchPageTest.word();
        Member author = sf.member(SearchFixtures.unique("old"));
        Suggestion s = sf.suggestion(sf.board(), author, "相机夜景 " + w, "Night shots are too dark");
        Comment c = sf.comment(s, author, "Same on my phone " + w);
        String inLine = SearchPageTest.word();
        long release = release(author, "HyperOS " + w, "更新 " + w, "修复了相机闪退 " + inLine);
        forget("suggestion", s.id);
        forget("comment", c.id);
        forget("release", release);
        assertEquals(null, vectorOf("suggestion", s.id), "no words yet");

        assertTrue(reindex.begin(true));
        assertEquals(3, reindex.runToEnd());

        assertTrue(sf.indexed("suggestion", s.id, w));
        assertTrue(sf.indexed("suggestion", s.id, "夜景"), "Chinese segmented as the live writes do");
        assertTrue(sf.indexed("comment", c.id, w));
        assertEquals(1, fx.number("select count(*) from release where id = ?1 and search_vector @@ cast(?2 as tsquery)",
                release, inLine), "a release's lines too");
        for (String table : List.of("suggestion", "comment", "release")) {
            assertEquals(0, fx.number("select count(*) from " + table + " where search_version < ?1", SearchIndex.VERSION),
                    table);
        }
        assertEquals(vectorOf("suggestion", s.id), liveVector(s), "the vector the live write stores");
        ReindexStatus run = reindex.status().orElseThrow();
        assertEquals(ReindexStatus.State.DONE, run.state());
        assertEquals(3, run.total());
        assertEquals(3, run.done());
        assertEquals(100, run.percent());
        assertNotNull(run.finishedAt());
    }

    @Test
    void a_run_stopped_part_way_resumes_where_it_stopped_and_writes_no_row_twice() {
        List<Suggestion> old = oldSuggestions(6);
        assertTrue(reindex.begin(true));
        int read = 0;
        for (int i = 0; i < 2; i++) {
            Batch batch = batch(2);
            assertEquals(Outcome.WORKED, batch.outcome());
            read += batch.read();
        }
        assertTrue(read > 0 && read < old.size(), "part way: " + read);
        List<String> doneBefore = versions(old, true);
        assertEquals(read, doneBefore.size());

        // A batch that dies before its commit (the node is killed) writes nothing and leaves the cursor.
        String cursor = fx.text("select after_id || ' ' || rows_done || ' ' || batches from search_reindex where phase <> 'DONE'");
        boolean rolledBack = false;
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try {
                    assertTrue(reindex.batch(2).written() > 0);
                } catch (java.sql.SQLException e) {
                    throw new IllegalStateException(e);
                }
                throw new IllegalStateException("killed before the commit");
            });
        } catch (RuntimeException expected) {
            rolledBack = true;
        }
        assertTrue(rolledBack);
        assertEquals(cursor, fx.text("select after_id || ' ' || rows_done || ' ' || batches from search_reindex where phase <> 'DONE'"));
        assertEquals(doneBefore, versions(old, true), "nothing of the dead batch was kept");

        assertEquals(old.size() - read, reindex.runToEnd(), "the restart does the rest, and only the rest");
        assertEquals(doneBefore, versions(old, false).subList(0, doneBefore.size()), "rows done before the stop were not written again");
        assertEquals(List.of(), versions(old, false).stream().filter(v -> !v.endsWith(" " + SearchIndex.VERSION)).toList());
        ReindexStatus run = reindex.status().orElseThrow();
        assertEquals(old.size(), run.total());
        assertEquals(old.size(), run.done());
    }

    @Test
    void while_one_node_does_a_batch_another_waits_and_takes_over_when_it_dies() throws Exception {
        List<Suggestion> old = oldSuggestions(3);
        assertTrue(reindex.begin(true));
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement sql = other.createStatement()) {
                sql.executeQuery("select * from search_reindex where phase <> 'DONE' for update").close(); // another node mid-batch
            }
            assertEquals(Outcome.BUSY, reindex.step().outcome());
            assertEquals(0, fx.number("select batches from search_reindex where phase <> 'DONE'"));
            other.rollback(); // that node dies: its connection's transaction is rolled back
        }
        assertEquals(old.size(), reindex.runToEnd(), "this node takes over");
        assertEquals(List.of(), versions(old, false).stream().filter(v -> !v.endsWith(" " + SearchIndex.VERSION)).toList());
    }

    @Test
    void two_nodes_at_once_read_each_row_once_and_do_each_range_once() throws Exception {
        List<Suggestion> old = oldSuggestions(12);
        assertTrue(reindex.begin(true));
        long from = fx.number("select suggestion_from from search_reindex where phase <> 'DONE'");
        long upto = fx.number("select suggestion_upto from search_reindex where phase <> 'DONE'");
        Callable<Integer> node = () -> {
            int read = 0;
            while (true) {
                Batch batch = batch(1);
                if (batch.outcome() == Outcome.DONE) {
                    return read;
                }
                read += batch.read();
            }
        };
        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<Integer>> runs = List.of(nodes.submit(node), nodes.submit(node));
            int read = 0;
            for (Future<Integer> run : runs) {
                read += run.get(120, TimeUnit.SECONDS);
            }
            assertEquals(old.size(), read, "each stale row read by one node, once");
        } finally {
            nodes.shutdownNow();
        }
        assertEquals(upto - from, fx.number("select batches from search_reindex order by id desc limit 1"),
                "each id range done once");
        assertEquals(old.size(), fx.number("select rows_done from search_reindex order by id desc limit 1"));
    }

    @Test
    @TestSecurity(user = "reindex-author", roles = "fan")
    void a_post_edited_between_the_batch_reading_it_and_writing_it_keeps_its_new_words() throws Exception {
        String before = SearchPageTest.word();
        String after = SearchPageTest.word();
        Board board = sf.board();
        Suggestion s = sf.suggestion(board, sf.member("reindex-author"), "Old title " + before, "Old text");
        forget("suggestion", s.id);
        long written = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                List<Text> texts = rows.read(c, Phase.SUGGESTIONS, s.id - 1, s.id);
                assertEquals(1, texts.size());
                // The author saves an edit after the batch read the old text: the edit writes its words and commits.
                form().formParam("kind", "SUGGESTION").formParam("title", "New title " + after)
                        .formParam("body", "New text").post("/suggestions/" + s.id + "/edit").then().statusCode(303);
                return rows.index(c, Phase.SUGGESTIONS, texts);
            }
        });
        assertEquals(0, written, "the batch leaves the row to the edit");
        assertTrue(sf.indexed("suggestion", s.id, after));
        assertFalse(sf.indexed("suggestion", s.id, before), "no vector of the old text");
    }

    @Test
    void a_text_changed_without_new_words_while_the_batch_ran_is_read_again() throws Exception {
        String before = SearchPageTest.word();
        String after = SearchPageTest.word();
        Member author = sf.member(SearchFixtures.unique("old"));
        Comment c = sf.comment(sf.suggestion(sf.board(), author, "A post", "Text"), author, "Old comment " + before);
        forget("comment", c.id);
        long written = QuarkusTransaction.requiringNew().call(() -> {
            try (Connection connection = dataSource.getConnection()) {
                List<Text> texts = rows.read(connection, Phase.COMMENTS, c.id - 1, c.id);
                // A node still on an older analysis edits the comment and commits: new text, its words not of this version.
                QuarkusTransaction.requiringNew().run(() -> fx.sql(
                        "update comment set body = ?1, search_vector = null where id = ?2", "New comment " + after, c.id));
                return rows.index(connection, Phase.COMMENTS, texts);
            }
        });
        assertEquals(1, written);
        assertTrue(sf.indexed("comment", c.id, after), "the words of the text as it is now");
        assertFalse(sf.indexed("comment", c.id, before));
    }

    @Test
    void the_start_returns_at_once_and_the_run_finishes_in_the_background() throws Exception {
        List<Suggestion> old = oldSuggestions(2);
        assertTrue(reindex.begin(true));
        Future<?> background;
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement sql = other.createStatement()) {
                sql.executeQuery("select * from search_reindex where phase <> 'DONE' for update").close();
            }
            background = reindex.start();
            Thread.sleep(200);
            assertFalse(background.isDone(), "still waiting for the other node");
            assertEquals(ReindexStatus.State.RUNNING, reindex.status().orElseThrow().state());
            other.rollback();
        }
        background.get(60, TimeUnit.SECONDS);
        Waits.until(() -> reindex.status().orElseThrow().finished(), "the run finishes in the background");
        assertEquals(List.of(), versions(old, false).stream().filter(v -> !v.endsWith(" " + SearchIndex.VERSION)).toList());
    }

    @Test
    void the_progress_says_rows_done_of_rows_found_the_rate_and_the_time_left() {
        List<Suggestion> old = oldSuggestions(4);
        assertTrue(reindex.begin(true));
        ReindexStatus begun = reindex.status().orElseThrow();
        assertEquals(ReindexStatus.State.RUNNING, begun.state());
        assertEquals(4, begun.total());
        assertEquals(0, begun.done());
        assertEquals(0, begun.percent());

        int read = 0;
        while (read < 2) {
            read += batch(1).read();
        }
        ReindexStatus halfway = reindex.status().orElseThrow();
        assertEquals(2, halfway.done());
        assertEquals(50, halfway.percent());
        assertEquals(Phase.SUGGESTIONS, halfway.phase());
        assertTrue(halfway.rowsPerSecond() > 0);
        assertNotNull(halfway.left(), "time left at the node's rate");
        assertEquals(1, fx.number("select count(*) from search_reindex where phase <> 'DONE' and node is not null"));

        reindex.runToEnd();
        ReindexStatus done = reindex.status().orElseThrow();
        assertEquals(old.size(), done.done());
        assertEquals(100, done.percent());
        assertEquals(null, done.left());
        assertNotNull(done.took());
    }

    /** A batch of {@code ids} ids in its own transaction, as {@link SearchReindex#step()} does one. */
    private Batch batch(int ids) {
        return QuarkusTransaction.requiringNew().call(() -> reindex.batch(ids));
    }

    /** Suggestions from before search existed (or from an older analysis): no words, version 0. */
    private List<Suggestion> oldSuggestions(int n) {
        Board board = sf.board();
        Member author = sf.member(SearchFixtures.unique("old"));
        List<Suggestion> old = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            old.add(sf.suggestion(board, author, "Old post " + i + " " + SearchPageTest.word(), "Text"));
        }
        for (Suggestion s : old) {
            forget("suggestion", s.id);
        }
        return old;
    }

    /** As a row looks before it was ever indexed. */
    private void forget(String table, long id) {
        if (!List.of("suggestion", "comment", "release").contains(table)) {
            throw new IllegalArgumentException(table);
        }
        fx.sql("update " + table + " set search_vector = null, search_version = 0 where id = ?1", id);
    }

    /** "id xmin version" of each row in id order; only indexed rows if {@code indexedOnly}. */
    private List<String> versions(List<Suggestion> rows, boolean indexedOnly) {
        List<String> out = new ArrayList<>();
        for (Suggestion s : rows) {
            String v = fx.text("select id || ' ' || xmin || ' ' || search_version from suggestion where id = ?1", s.id);
            if (!indexedOnly || v.endsWith(" " + SearchIndex.VERSION)) {
                out.add(v);
            }
        }
        return out;
    }

    private String vectorOf(String table, long id) {
        return fx.text("select cast(search_vector as text) from " + table + " where id = ?1", id);
    }

    /** The vector the live write would store for the suggestion as it is. */
    private String liveVector(Suggestion s) {
        return fx.text("select cast(cast(?1 as tsvector) as text)",
                vectors.suggestion(s.title, s.body, s.deviceModel, s.systemVersion, s.steps));
    }

    private long release(Member author, String version, String summary, String line) {
        fx.sql("""
                insert into release (version, channel, week, summary, summary_html, state, published_at, created_by_id)
                values (?1, 'DEV', '2026-W47', ?2, ?2, 'PUBLISHED', now(), ?3)""", version, summary, author.id);
        long id = fx.number("select id from release where version = ?1", version);
        fx.sql("insert into release_item (release_id, section, text, text_html) values (?1, 'FIXED', ?2, ?2)", id, line);
        return id;
    }
}
