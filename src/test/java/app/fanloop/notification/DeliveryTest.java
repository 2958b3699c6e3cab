package app.fanloop.notification;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.release.Release;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

@QuarkusTest
@TestSecurity(user = "paula", roles = "pm")
class DeliveryTest {

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Inject
    NotificationDelivery delivery;

    @Test
    void every_voter_and_follower_is_told_of_a_status_change_exactly_once_and_the_actor_is_not() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Told once"));
        Member voter = fx.someone();
        Member votesAndFollows = fx.someone();
        Member follower = fx.someone();
        Member bystander = fx.someone();
        fx.voteAs(s.id, voter);
        fx.voteAs(s.id, votesAndFollows);
        fx.followAs(s.id, votesAndFollows);
        fx.followAs(s.id, follower);
        fx.voteAs(s.id, fx.member("paula"));

        form().formParam("status", "PLANNED").formParam("note", "On the plan").post("/suggestions/" + s.id + "/status")
                .then().statusCode(303);
        rf.deliver();

        for (Member m : List.of(voter, votesAndFollows, follower)) {
            assertEquals(List.of("STATUS_CHANGED"), rf.kinds(m, s.id), m.name);
        }
        assertEquals(List.of(), rf.kinds(bystander));
        assertEquals(List.of(), rf.kinds(fx.member("paula"), s.id), "nobody is told of their own action");

        assertEquals(0, rf.deliver(), "a second run finds nothing to deliver");
        for (Member m : List.of(voter, votesAndFollows, follower)) {
            assertEquals(1, rf.kinds(m, s.id).size());
        }
    }

    @Test
    void a_release_tells_each_member_once_however_many_of_their_suggestions_it_ships() {
        Board board = fx.board();
        Member author = fx.someone();
        Member voter = fx.someone();
        Member channelFan = fx.someone();
        Member channelVoter = fx.someone();
        Suggestion a = fx.suggestion(board, author, unique("Shipped A"));
        Suggestion b = fx.suggestion(board, fx.someone(), unique("Shipped B"));
        for (Suggestion s : List.of(a, b)) {
            fx.voteAs(s.id, voter);
            fx.followAs(s.id, voter);
        }
        fx.voteAs(a.id, channelVoter);
        rf.followChannel(channelFan, ReleaseChannel.DEV);
        rf.followChannel(channelVoter, ReleaseChannel.DEV);
        long item = fx.featureItem(unique("Both"), a.id, b.id);
        Release release = rf.draft(ReleaseChannel.DEV, unique("OS-dedupe"), item);

        form().post(release.publishPath()).then().statusCode(303);
        rf.deliver();

        assertEquals(List.of("SUGGESTIONS_SHIPPED"), rf.kinds(voter), "one notification for two shipped suggestions");
        assertEquals(2, fx.number("select item_count from notification where member_id = ?1", voter.id));
        assertEquals(List.of("SUGGESTION_SHIPPED"), rf.kinds(author), "the author hears it is theirs");
        assertEquals(List.of("RELEASE_PUBLISHED"), rf.kinds(channelFan));
        assertEquals(List.of("SUGGESTIONS_SHIPPED"), rf.kinds(channelVoter), "a voter who follows the channel: still one");
        assertEquals(0, fx.number("""
                select count(*) from notification n join domain_event e on e.id = n.event_id
                where e.kind = 'SUGGESTION_STATUS_CHANGED' and n.suggestion_id in (?1, ?2)""", a.id, b.id),
                "the status changes to SHIPPED are told through the release");
        assertEquals(0, rf.deliver());
    }

    @Test
    void official_answers_replies_merges_and_new_posts_on_followed_boards_are_told() {
        Board board = fx.board();
        Member commenter = fx.someone();
        Member boardFan = fx.someone();
        Member follower = fx.someone();
        rf.followBoard(boardFan, board.id);
        Suggestion s = fx.suggestion(board, fx.someone(), unique("Talk"));
        fx.followAs(s.id, follower);
        Comment thread = fx.comment(s.id, commenter, null, "First!", false);

        form().formParam("body", "Thanks, we are on it").formParam("official", "true")
                .post("/suggestions/" + s.id + "/comments").then().statusCode(303);
        form().formParam("body", "Answering you").formParam("parentId", thread.id)
                .post("/suggestions/" + s.id + "/comments").then().statusCode(303);
        var posted = form().formParam("kind", "SUGGESTION").formParam("title", unique("Fresh idea"))
                .formParam("body", "Something new").post("/boards/" + board.slug + "/suggestions");
        assertEquals(303, posted.statusCode());
        Suggestion other = fx.suggestion(board, fx.someone(), unique("Survivor"));
        form().formParam("target", other.id).post("/suggestions/" + s.id + "/merge").then().statusCode(303);
        rf.deliver();

        assertEquals(List.of("OFFICIAL_RESPONSE", "SUGGESTION_MERGED"), rf.kinds(follower, s.id));
        assertEquals(List.of("COMMENT_REPLY"), rf.kinds(commenter), "the reply, not the official answer's audience");
        assertEquals(List.of("SUGGESTION_POSTED"), rf.kinds(boardFan));
        assertEquals(0, fx.number("select count(*) from notification where kind = 'SUGGESTION_POSTED' and member_id = ?1",
                fx.member("paula").id), "the poster is not told of their own post");
    }

    @Test
    void two_nodes_delivering_at_once_deliver_every_event_once() throws Exception {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Busy"));
        Member voter = fx.someone();
        fx.voteAs(s.id, voter);
        rf.deliver();
        String[] statuses = { "UNDER_REVIEW", "PLANNED", "IN_PROGRESS", "UNDER_REVIEW", "PLANNED", "IN_PROGRESS" };
        for (String status : statuses) {
            form().formParam("status", status).post("/suggestions/" + s.id + "/status").then().statusCode(303);
        }
        long pending = fx.number("select count(*) from domain_event where delivered_at is null");

        ExecutorService nodes = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> run = delivery::deliverPending;
            List<Future<Integer>> runs = nodes.invokeAll(List.of(run, run));
            assertEquals(pending, runs.get(0).get() + runs.get(1).get(), "each event was claimed by one node");
        } finally {
            nodes.shutdown();
        }
        assertEquals(statuses.length, rf.kinds(voter, s.id).size());
        assertTrue(rf.kinds(voter, s.id).stream().allMatch("STATUS_CHANGED"::equals));
    }
}
