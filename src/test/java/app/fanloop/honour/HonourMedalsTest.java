package app.fanloop.honour;

import static app.fanloop.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.web.SiteClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** Medals come automatically, once and only once, also when awards race or jobs run on several nodes. */
@QuarkusTest
class HonourMedalsTest {

    @Inject
    Fixtures fx;

    @Inject
    HonourFixtures hf;

    @Inject
    Honours honours;

    @Inject
    HonourJobs jobs;

    @Inject
    HonourBoards boards;

    @Inject
    SiteClock clock;

    @AfterEach
    void back_to_now() {
        clock.reset();
        hf.assertLedgerConsistent();
    }

    @Test
    void first_suggestion_medal_comes_with_the_first_post_only() {
        Member author = fx.someone();
        Board board = fx.board();

        hf.posted(board, author, unique("One"));
        hf.posted(board, author, unique("Two"));

        assertEquals(1, hf.medals(author, Medal.FIRST_SUGGESTION));
        assertEquals(1, fx.number("""
                select count(*) from member_medal where member_id = ?1 and awarded_at > now() - interval '1 minute'""",
                author.id), "dated today");
    }

    @Test
    void two_racing_awards_give_one_medal() throws Exception {
        Member member = fx.someone();
        CountDownLatch firstInserted = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Boolean> first = pool.submit(() -> QuarkusTransaction.requiringNew().call(() -> {
                boolean awarded = honours.medal(member.id, Medal.FIRST_ADOPTED);
                firstInserted.countDown();
                Thread.sleep(300); // the other award now waits on this uncommitted row
                return awarded;
            }));
            Future<Boolean> second = pool.submit(() -> {
                firstInserted.await(5, TimeUnit.SECONDS);
                return QuarkusTransaction.requiringNew().call(() -> honours.medal(member.id, Medal.FIRST_ADOPTED));
            });

            assertTrue(first.get(10, TimeUnit.SECONDS));
            assertFalse(second.get(10, TimeUnit.SECONDS), "the racing award found the medal taken");
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, hf.medals(member, Medal.FIRST_ADOPTED));
    }

    @Test
    void racing_first_posts_give_one_medal_and_both_posts_their_points() throws Exception {
        Member author = fx.someone();
        Board board = fx.board();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<Suggestion>> posts = new ArrayList<>();
        CountDownLatch start = new CountDownLatch(1);
        try {
            for (int i = 0; i < 4; i++) {
                posts.add(pool.submit(() -> {
                    start.await();
                    return hf.posted(board, author, unique("Racing"));
                }));
            }
            start.countDown();
            for (Future<Suggestion> post : posts) {
                post.get(20, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, hf.medals(author, Medal.FIRST_SUGGESTION));
        assertEquals(4 * 5, hf.points(author));
    }

    @Test
    void ten_shipped_suggestions_earn_the_ten_shipped_medal_at_the_tenth() {
        Member author = fx.someone();
        Board board = fx.board();
        for (int i = 1; i <= 10; i++) {
            Suggestion s = hf.posted(board, author, unique("Shipped " + i));
            hf.reached(s.id, SuggestionStatus.SHIPPED);
            assertEquals(i == 10 ? 1 : 0, hf.medals(author, Medal.TEN_SHIPPED), "after " + i);
        }
        assertEquals(1, hf.medals(author, Medal.FIRST_SHIPPED));
    }

    @Test
    void the_weekly_job_gives_the_top_contributor_of_last_week_the_medal_once_across_nodes() throws Exception {
        clock.advance(Duration.ofDays(7 * 600)); // a week nobody else's test wrote points in
        Member top = fx.someone();
        Member second = fx.someone();
        Member hidden = fx.someone();
        Board board = fx.board();
        hf.posted(board, top, unique("A"));
        hf.posted(board, top, unique("B"));
        hf.posted(board, second, unique("C"));
        for (int i = 0; i < 3; i++) {
            hf.posted(board, hidden, unique("Private " + i));
        }
        hf.keepPrivate(hidden);
        clock.advance(Duration.ofDays(7));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<Optional<Long>> results = new ArrayList<>();
        try {
            Future<Optional<Long>> a = pool.submit(jobs::closeLastWeek);
            Future<Optional<Long>> b = pool.submit(jobs::closeLastWeek);
            results.add(a.get(10, TimeUnit.SECONDS));
            results.add(b.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, results.stream().filter(Optional::isPresent).count(), "one node closed the week");
        assertEquals(Optional.of(top.id), results.stream().filter(Optional::isPresent).findFirst().get());
        assertEquals(1, hf.medals(top, Medal.TOP_WEEKLY));
        assertEquals(0, hf.medals(hidden, Medal.TOP_WEEKLY), "private members are off the boards");
        assertEquals(Optional.empty(), jobs.closeLastWeek(), "a closed week stays closed");
        assertEquals(top.id, fx.number("select top_member_id from honour_week where week_start = ?1",
                boards.thisWeek().minusWeeks(1)));
    }

    @Test
    void a_year_in_the_community_is_awarded_on_the_anniversary_once() {
        Member veteran = fx.memberSince(unique("veteran"), Duration.ofDays(400));
        Member newcomer = fx.memberSince(unique("newcomer"), Duration.ofDays(200));

        assertTrue(jobs.awardAnniversaries() >= 1);
        assertEquals(0, jobs.awardAnniversaries(), "a second run finds nothing left");

        assertEquals(1, hf.medals(veteran, Medal.ONE_YEAR));
        assertEquals(0, hf.medals(newcomer, Medal.ONE_YEAR));
        long days = fx.number("""
                select extract(day from now() - awarded_at) from member_medal where member_id = ?1 and medal = 'ONE_YEAR'""",
                veteran.id);
        assertTrue(days >= 33 && days <= 36, "dated on the anniversary, " + days + " days ago");
    }
}
