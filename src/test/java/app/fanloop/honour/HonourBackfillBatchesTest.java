package app.fanloop.honour;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.CSRF_COOKIE;
import static app.fanloop.web.Browser.CSRF_FIELD;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.web.BackgroundBatches;
import app.fanloop.Waits;
import app.fanloop.board.Board;
import app.fanloop.member.DevTokens;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.web.Browser;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The backfill of existing data runs in the background, in batches: it resumes where it stopped, writes each
 * thing once alongside the live rules, runs on one node at a time, and the start does not wait for it.
 */
@QuarkusTest
class HonourBackfillBatchesTest {

    @Inject
    Fixtures fx;

    @Inject
    HonourFixtures hf;

    @Inject
    HonourBackfill backfill;

    @Inject
    HonourConfig config;

    @Inject
    EntityManager em;

    @Inject
    DataSource dataSource;

    @AfterEach
    void totals_equal_the_ledger_and_the_backfill_is_left_done() {
        backfill.run();
        assertEquals("DONE", phase());
        hf.assertLedgerConsistent();
    }

    @Test
    void a_backfill_stopped_after_a_few_batches_and_started_again_gives_what_one_run_gives() {
        Old old = oldData();
        hf.reopenBackfill();
        assertTrue(backfill.begin());
        for (int i = 0; i < 3; i++) {
            assertEquals(BackgroundBatches.Outcome.WORKED, backfill.step());
        }
        assertNotEquals("DONE", phase(), "stopped part way");
        // A batch that dies before its commit (the node is killed) leaves nothing behind.
        long batches = fx.number("select batches from honour_backfill");
        assertThrowsRolledBack(() -> {
            backfill.batch();
            throw new IllegalStateException("killed before the commit");
        });
        assertEquals(batches, fx.number("select batches from honour_backfill"));

        assertFalse(backfill.run(), "the restart resumes the backfill already begun");
        List<String> resumed = ledgerOf(old.members());

        forget(old.members());
        hf.reopenBackfill();
        assertTrue(backfill.run());
        assertEquals(ledgerOf(old.members()), resumed, "rows, totals, levels and medals as one run writes them");
        assertEquals(5 + 3 + 30 + 100, hf.points(old.author()));
        assertEquals(1, hf.medals(old.author(), Medal.FIRST_SHIPPED));
    }

    @Test
    void votes_cast_and_withdrawn_while_the_backfill_runs_are_counted_once() throws Exception {
        Member author = fx.someone();
        Board board = fx.board();
        List<Suggestion> suggestions = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            suggestions.add(fx.suggestion(board, author, unique("Old and voted")));
        }
        Browser.Csrf csrf = Browser.csrf();
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            String name = unique("backfill-voter");
            String token = DevTokens.accessToken(name);
            given().auth().oauth2(token).get("/me").then().statusCode(200);
            Member voter = fx.member(name);
            for (Suggestion s : suggestions) {
                fx.voteAs(s.id, voter); // voted before honours existed: no points yet
            }
            tokens.add(token);
        }
        hf.reopenBackfill();
        backfill.begin();

        Future<?> running = CompletableFuture.runAsync(backfill::runToEnd);
        ExecutorService voters = Executors.newFixedThreadPool(tokens.size());
        try {
            List<Future<Integer>> toggles = new ArrayList<>();
            for (String token : tokens) {
                toggles.add(voters.submit(() -> {
                    int n = 0;
                    // Withdraw and cast again, round the suggestions, until the backfill is over (at least a few).
                    while (!running.isDone() || n < 6) {
                        Suggestion s = suggestions.get(n % suggestions.size());
                        vote(token, csrf, s);
                        n++;
                    }
                    return n;
                }));
            }
            running.get(120, TimeUnit.SECONDS);
            for (Future<Integer> toggle : toggles) {
                assertTrue(toggle.get(120, TimeUnit.SECONDS) >= 6);
            }
        } finally {
            voters.shutdownNow();
        }

        long standing = fx.number("select count(*) from vote v join suggestion s on s.id = v.cast_on_id where s.author_id = ?1",
                author.id);
        assertEquals(3 * config.points().posted() + standing * config.points().voteReceived(), hf.points(author));
        assertEquals(standing, fx.number("""
                select count(*) from honour_point p join vote v on v.id = p.source_id
                where p.reason = 'VOTE_RECEIVED' and p.member_id = ?1 and p.revoked_at is null""", author.id),
                "one unrevoked row per standing vote");
        assertEquals(standing, fx.number("""
                select count(*) from honour_point where reason = 'VOTE_RECEIVED' and member_id = ?1 and revoked_at is null""",
                author.id), "none for a withdrawn vote");
    }

    @Test
    void a_take_back_waits_for_the_batch_in_progress_and_takes_back_what_it_wrote() throws Exception {
        Member author = fx.someone();
        Suggestion s = fx.suggestion(fx.board(), author, unique("Old"));
        String name = unique("withdrawer");
        String token = DevTokens.accessToken(name);
        given().auth().oauth2(token).get("/me").then().statusCode(200);
        fx.voteAs(s.id, fx.member(name));
        long voteId = fx.number("select id from vote where suggestion_id = ?1", s.id);
        hf.reopenBackfill();
        backfill.begin();

        Future<Integer> withdrawal;
        try (Connection batch = dataSource.getConnection()) {
            // A batch in progress, as HonourBackfill writes one: it read the vote, wrote its row and moved the total.
            batch.setAutoCommit(false);
            try (Statement sql = batch.createStatement()) {
                sql.execute("select pg_advisory_xact_lock(" + HonourBackfill.BATCH_LOCK + ")");
                sql.executeUpdate("insert into honour_point (member_id, reason, source_id, points, suggestion_id, created_at)"
                        + " values (" + author.id + ", 'VOTE_RECEIVED', " + voteId + ", 1, " + s.id + ", now())");
                sql.executeUpdate("update member set points = points + 1, level = 1 where id = " + author.id);
            }
            withdrawal = CompletableFuture.supplyAsync(() -> vote(token, Browser.csrf(), s));
            Waits.until(() -> fx.number("""
                    select count(*) from pg_locks where locktype = 'advisory' and not granted
                      and cast(objid as bigint) = ?1""", HonourBackfill.BATCH_LOCK & 0xffffffffL) == 1,
                    "the withdrawal waits for the batch");
            assertFalse(withdrawal.isDone());
            batch.commit();
        }
        assertEquals(303, withdrawal.get(60, TimeUnit.SECONDS));

        assertEquals(0, fx.number("select count(*) from vote where id = ?1", voteId));
        assertEquals("WITHDRAWN", hf.revokedCause(PointReason.VOTE_RECEIVED, voteId), "the row the batch wrote is taken back");
        assertEquals(0, hf.points(author), "the post itself was never credited here: only the vote's point came and went");
    }

    @Test
    void a_second_node_finds_the_backfill_taken_and_two_nodes_together_do_each_batch_once() throws Exception {
        Old old = oldData();
        hf.reopenBackfill();
        backfill.begin();
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement sql = other.createStatement()) {
                sql.executeQuery("select * from honour_backfill for update").close(); // another node mid-batch
            }
            assertEquals(BackgroundBatches.Outcome.BUSY, backfill.step());
            assertEquals(0, fx.number("select batches from honour_backfill"));
            other.rollback();
        }

        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> runs = List.of(nodes.submit(backfill::runToEnd), nodes.submit(backfill::runToEnd));
            for (Future<?> run : runs) {
                run.get(120, TimeUnit.SECONDS);
            }
        } finally {
            nodes.shutdownNow();
        }
        long batch = config.backfillBatch();
        long ranges = fx.number("""
                select ceil(suggestion_upto / cast(?1 as numeric)) + ceil(vote_upto / cast(?1 as numeric))
                     + ceil(comment_upto / cast(?1 as numeric)) + ceil(report_upto / cast(?1 as numeric)) from honour_backfill""", batch);
        assertEquals(ranges, fx.number("select batches from honour_backfill"), "each id range done by one node, once");
        assertEquals(5 + 3 + 30 + 100, hf.points(old.author()));
    }

    @Test
    void the_start_returns_before_the_backfill_is_done_and_it_finishes_in_the_background() throws Exception {
        Old old = oldData();
        hf.reopenBackfill();
        try (Connection takeBack = dataSource.getConnection()) {
            // A take-back in flight holds the batches off, so the backfill cannot be done when the start returns.
            takeBack.setAutoCommit(false);
            try (Statement sql = takeBack.createStatement()) {
                sql.execute("select pg_advisory_xact_lock_shared(" + HonourBackfill.BATCH_LOCK + ")");
            }
            backfill.onStart(null);
            assertEquals("SUGGESTIONS", phase(), "begun, cut-offs recorded");
            assertEquals(0, fx.number("select batches from honour_backfill"));
            assertEquals(0, hf.points(old.author()), "not credited yet");
            takeBack.rollback();
        }
        Waits.until(() -> "DONE".equals(phase()), "the backfill finishes in the background");
        assertEquals(5 + 3 + 30 + 100, hf.points(old.author()));
    }

    /** Data from before honours existed: a shipped suggestion with three votes, a comment, an upheld report. */
    private Old oldData() {
        Member author = fx.someone();
        Member commenter = fx.someone();
        Member reporter = fx.someone();
        Board board = fx.board();
        Suggestion shipped = fx.suggestion(board, author, unique("Old shipped"));
        Suggestion hidden = fx.suggestion(board, author, unique("Old hidden"));
        fx.votes(shipped.id, 3, Instant.now().minus(2, ChronoUnit.DAYS));
        fx.voteAs(hidden.id, commenter);
        fx.statusChange(shipped.id, fx.member("paula"), SuggestionStatus.PLANNED, null);
        fx.status(shipped.id, SuggestionStatus.SHIPPED);
        fx.hide(hidden.id);
        fx.comment(shipped.id, commenter, null, "Old comment", false);
        Suggestion spam = fx.suggestion(board, fx.someone(), unique("Old spam"));
        fx.report(spam.id, null, reporter);
        hf.uphold(spam.id);
        return new Old(author, commenter, reporter);
    }

    private record Old(Member author, Member commenter, Member reporter) {
        List<Long> members() {
            return List.of(author.id, commenter.id, reporter.id);
        }
    }

    /** Everything the backfill writes about these members, as comparable lines. */
    @SuppressWarnings("unchecked")
    private List<String> ledgerOf(List<Long> members) {
        return QuarkusTransaction.requiringNew().call(() -> em.createNativeQuery("""
                select 'row ' || member_id || ' ' || reason || ' ' || source_id || ' ' || points || ' '
                       || coalesce(suggestion_id, 0) || ' ' || coalesce(comment_id, 0) || ' ' || created_at || ' '
                       || coalesce(revoked_cause, '-')
                from honour_point where member_id = any(cast(:m as bigint[]))
                union all
                select 'member ' || id || ' ' || points || ' Lv' || level from member where id = any(cast(:m as bigint[]))
                union all
                select 'medal ' || member_id || ' ' || medal || ' ' || awarded_at from member_medal
                where member_id = any(cast(:m as bigint[]))
                order by 1""").setParameter("m", array(members)).getResultList());
    }

    /** As before honours existed, for these members. */
    private void forget(List<Long> members) {
        QuarkusTransaction.requiringNew().run(() -> {
            em.createNativeQuery("delete from honour_point where member_id = any(cast(:m as bigint[]))")
                    .setParameter("m", array(members)).executeUpdate();
            em.createNativeQuery("delete from member_medal where member_id = any(cast(:m as bigint[]))")
                    .setParameter("m", array(members)).executeUpdate();
            em.createNativeQuery("update member set points = 0, level = 1 where id = any(cast(:m as bigint[]))")
                    .setParameter("m", array(members)).executeUpdate();
        });
    }

    private static String array(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(",", "{", "}"));
    }

    private String phase() {
        return fx.text("select phase from honour_backfill");
    }

    private static void assertThrowsRolledBack(Runnable inTransaction) {
        try {
            QuarkusTransaction.requiringNew().run(inTransaction);
        } catch (RuntimeException expected) {
            return;
        }
        throw new AssertionError("the transaction should have failed");
    }

    private static int vote(String token, Browser.Csrf csrf, Suggestion s) {
        return given().auth().oauth2(token).redirects().follow(false)
                .cookie(CSRF_COOKIE, csrf.cookie()).contentType("application/x-www-form-urlencoded")
                .formParam(CSRF_FIELD, csrf.token()).post(s.votePath()).statusCode();
    }
}
