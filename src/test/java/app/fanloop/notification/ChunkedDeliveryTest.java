package app.fanloop.notification;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.release.Release;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/**
 * A release to more channel followers than one chunk (fanloop.notification.chunk-size, 4 in tests): the
 * publish writes only the shipped suggestions' audience, and the delivery tells every follower once, chunk by
 * chunk, whatever happens between the chunks.
 */
@QuarkusTest
@TestSecurity(user = "paula", roles = "pm")
class ChunkedDeliveryTest {

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Inject
    NotificationDelivery delivery;

    @Inject
    NotificationConfig config;

    /** A published release with an author, a voter who also follows the channel, and 11 other channel followers. */
    record Published(long event, Member author, Member channelVoter, List<Member> followers) {
    }

    private Published publishToManyFollowers() {
        assertEquals(4, config.chunkSize(), "the test profile's chunk size");
        Board board = fx.board();
        Member author = fx.someone();
        Member channelVoter = fx.someone();
        Suggestion s = fx.suggestion(board, author, unique("Chunked"));
        fx.voteAs(s.id, channelVoter);
        rf.followChannel(author, ReleaseChannel.STABLE);
        rf.followChannel(channelVoter, ReleaseChannel.STABLE);
        List<Member> followers = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            Member m = fx.someone();
            rf.followChannel(m, ReleaseChannel.STABLE);
            followers.add(m);
        }
        rf.deliver(); // what other tests left undelivered, so that the steps below are this release's
        Release release = rf.draft(ReleaseChannel.STABLE, unique("OS-chunks"), null, s.id);
        form().post(release.publishPath()).then().statusCode(303);
        long event = fx.number("select id from domain_event where kind = 'RELEASE_PUBLISHED' and release_id = ?1", release.id);
        return new Published(event, author, channelVoter, followers);
    }

    /** Members the release must tell: its written audience and the channel's followers at the event, not the actor. */
    private long owed(long event) {
        return fx.number("""
                select count(*) from (
                    select member_id from domain_event_audience where event_id = ?1
                    union
                    select f.member_id from channel_follow f join domain_event e on e.id = ?1
                    where f.channel = 'STABLE' and f.created_at <= e.created_at) owed
                where member_id <> (select actor_id from domain_event where id = ?1)""", event);
    }

    private void assertEveryoneToldOnce(Published p) {
        assertTrue(fx.number("select count(*) from domain_event where id = ?1 and delivered_at is not null", p.event()) == 1,
                "the release is delivered");
        assertEquals(owed(p.event()), fx.number("select count(distinct member_id) from notification where event_id = ?1",
                p.event()), "every member owed a notification has one");
        assertEquals(owed(p.event()), fx.number("select count(*) from notification where event_id = ?1", p.event()),
                "and only one");
        for (Member follower : p.followers()) {
            assertEquals(List.of("RELEASE_PUBLISHED/CHANNEL"), told(p.event(), follower));
        }
        assertEquals(List.of("SUGGESTION_SHIPPED/AUTHOR"), told(p.event(), p.author()), "the author, not a channel follower");
        assertEquals(List.of("SUGGESTIONS_SHIPPED/VOTER"), told(p.event(), p.channelVoter()),
                "a voter who follows the channel: one notification, as a voter");
    }

    private List<String> told(long event, Member member) {
        return fx.texts("select kind || '/' || reason from notification where event_id = ?1 and member_id = ?2",
                event, member.id);
    }

    @Test
    void publishing_writes_only_the_shipped_suggestions_audience_not_the_channel_followers() {
        Published p = publishToManyFollowers();

        assertEquals(List.of("AUTHOR", "VOTER"), fx.texts(
                "select reason from domain_event_audience where event_id = ?1 order by reason", p.event()));
        assertEquals(0, fx.number("select count(*) from notification where event_id = ?1", p.event()));
    }

    @Test
    void a_release_to_more_channel_followers_than_a_chunk_tells_each_once_over_several_chunks() {
        Published p = publishToManyFollowers();
        long owed = owed(p.event());

        int chunks = 0;
        long told = 0;
        while (fx.number("select count(*) from domain_event where id = ?1 and delivered_at is null", p.event()) == 1) {
            QuarkusTransaction.requiringNew().call(delivery::deliverBatch);
            chunks++;
            long now = fx.number("select count(*) from notification where event_id = ?1", p.event());
            assertTrue(now - told <= config.chunkSize(), "one chunk at most per transaction");
            told = now;
            String upTo = fx.text("select delivered_up_to::text from domain_event where id = ?1", p.event());
            if (upTo != null) {
                assertEquals(0, fx.number("select count(*) from notification where event_id = ?1 and member_id > ?2",
                        p.event(), Long.parseLong(upTo)), "nothing past the cursor");
            }
        }
        assertTrue(chunks >= (owed + config.chunkSize() - 1) / config.chunkSize(),
                "at least " + owed + " / " + config.chunkSize() + " chunks, was " + chunks);
        assertEveryoneToldOnce(p);
    }

    @Test
    void a_chunk_rolled_back_mid_way_or_a_lost_cursor_is_delivered_again_without_duplicates_or_gaps() {
        Published p = publishToManyFollowers();

        QuarkusTransaction.requiringNew().call(delivery::deliverBatch); // the first chunk commits
        String cursor = fx.text("select delivered_up_to::text from domain_event where id = ?1", p.event());
        long first = fx.number("select count(*) from notification where event_id = ?1", p.event());
        assertTrue(first > 0 && cursor != null, "the first chunk is written and the cursor moved");

        assertThrows(IllegalStateException.class, () -> QuarkusTransaction.requiringNew().run(() -> {
            delivery.deliverBatch();
            throw new IllegalStateException("the node dies before the second chunk commits");
        }));
        assertEquals(cursor, fx.text("select delivered_up_to::text from domain_event where id = ?1", p.event()));
        assertEquals(first, fx.number("select count(*) from notification where event_id = ?1", p.event()));

        fx.sql("update domain_event set delivered_up_to = null where id = ?1", p.event()); // the cursor lost: start again
        rf.deliver();

        assertEveryoneToldOnce(p);
    }

    @Test
    void two_deliverers_racing_on_one_release_tell_each_member_once() throws Exception {
        Published p = publishToManyFollowers();

        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> run = delivery::deliverPending;
            for (var r : nodes.invokeAll(List.of(run, run))) {
                r.get();
            }
        } finally {
            nodes.shutdown();
        }
        assertEveryoneToldOnce(p);
    }

    @Test
    void a_member_who_follows_the_channel_after_the_release_is_not_told_of_it() {
        Published p = publishToManyFollowers();
        Member late = fx.someone();
        rf.followChannel(late, ReleaseChannel.STABLE);

        rf.deliver();

        assertEquals(List.of(), told(p.event(), late));
        assertNull(fx.text("select max(id)::text from notification where member_id = ?1", late.id));
        assertEveryoneToldOnce(p);
    }
}
