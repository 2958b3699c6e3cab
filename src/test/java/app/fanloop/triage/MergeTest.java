package app.fanloop.triage;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

@QuarkusTest
@TestSecurity(user = "paula", roles = "pm")
class MergeTest {

    @Inject
    Fixtures fx;

    @Test
    void merge_counts_overlapping_voters_once_and_unmerge_restores_exact_counts() {
        Board board = fx.board();
        Suggestion target = fx.suggestion(board, fx.someone(), unique("Survivor"));
        Suggestion duplicate = fx.suggestion(board, fx.someone(), unique("Duplicate"));
        Member both1 = fx.someone();
        Member both2 = fx.someone();
        Member onlyTarget = fx.someone();
        Member onlyDuplicate = fx.someone();
        for (Member m : List.of(both1, both2, onlyTarget)) {
            fx.voteAs(target.id, m);
            fx.followAs(target.id, m);
        }
        for (Member m : List.of(both1, both2, onlyDuplicate)) {
            fx.voteAs(duplicate.id, m);
            fx.followAs(duplicate.id, m);
        }
        double targetTrending = fx.trending(target.id);
        double duplicateTrending = fx.trending(duplicate.id);
        fx.comment(duplicate.id, onlyDuplicate, null, "Words on the duplicate", false);

        form().formParam("target", target.id).formParam("note", "same idea").post("/suggestions/" + duplicate.id + "/merge")
                .then().statusCode(303);

        assertEquals("MERGED", fx.text("select status from suggestion where id = ?1", duplicate.id));
        assertEquals(target.id, fx.number("select merged_into_id from suggestion where id = ?1", duplicate.id));
        assertEquals(4, fx.counter(target.id, "vote_count"), "four distinct voters");
        assertEquals(4, fx.counter(target.id, "follower_count"));
        assertEquals(0, fx.counter(duplicate.id, "vote_count"));
        assertTrue(fx.trending(target.id) > targetTrending);

        Document survivor = html(page().get("/suggestions/" + target.id).then().statusCode(200).extract().response());
        assertTrue(survivor.select("#merged").text().contains(duplicate.title));
        assertTrue(survivor.select("#merged").text().contains("Words on the duplicate"), "the duplicate's comments stay readable");
        assertTrue(survivor.select("#timeline").text().contains("merged in the duplicate"));
        Document merged = html(page().get("/suggestions/" + duplicate.id).then().statusCode(200).extract().response());
        assertNotNull(merged.selectFirst(".notice a[href=/suggestions/" + target.id + "]"), "points to the survivor");
        assertTrue(merged.select("#timeline").text().contains("merged it into"));
        assertEquals(1, fx.number("select count(*) from domain_event where kind = 'SUGGESTION_MERGED' and suggestion_id = ?1",
                duplicate.id));
        assertEquals(4, fx.number("""
                select count(*) from domain_event_audience a join domain_event e on e.id = a.event_id
                where e.kind = 'SUGGESTION_MERGED' and e.suggestion_id = ?1""", duplicate.id));

        form().post("/suggestions/" + duplicate.id + "/unmerge").then().statusCode(303);

        assertEquals("OPEN", fx.text("select status from suggestion where id = ?1", duplicate.id));
        assertEquals(0, fx.number("select count(*) from suggestion where id = ?1 and merged_into_id is not null", duplicate.id));
        assertEquals(3, fx.counter(target.id, "vote_count"));
        assertEquals(3, fx.counter(duplicate.id, "vote_count"));
        assertEquals(3, fx.counter(target.id, "follower_count"));
        assertEquals(3, fx.counter(duplicate.id, "follower_count"));
        assertEquals(targetTrending, fx.trending(target.id), 1e-9);
        assertEquals(duplicateTrending, fx.trending(duplicate.id), 1e-9);
        assertEquals(3, fx.number("select count(*) from vote where suggestion_id = ?1", duplicate.id));
        assertTrue(html(page().get("/suggestions/" + target.id).then().extract().response()).select("#timeline").text()
                .contains("took out the duplicate"));
        assertEquals(1, fx.number("select count(*) from domain_event where kind = 'SUGGESTION_UNMERGED' and suggestion_id = ?1",
                duplicate.id));
    }

    @Test
    void a_merged_suggestion_keeps_its_status_history_and_comes_back_with_it() {
        Board board = fx.board();
        Suggestion target = fx.suggestion(board, fx.someone(), unique("Survivor"));
        Suggestion duplicate = fx.suggestion(board, fx.someone(), unique("Planned duplicate"));
        form().formParam("status", "PLANNED").post("/suggestions/" + duplicate.id + "/status").then().statusCode(303);

        form().formParam("target", target.id).post("/suggestions/" + duplicate.id + "/merge").then().statusCode(303);
        form().post("/suggestions/" + duplicate.id + "/unmerge").then().statusCode(303);

        assertEquals("PLANNED", fx.text("select status from suggestion where id = ?1", duplicate.id));
    }

    @Test
    void merging_into_itself_or_into_a_merged_one_is_refused() {
        Board board = fx.board();
        Suggestion a = fx.suggestion(board, fx.someone(), unique("A"));
        Suggestion b = fx.suggestion(board, fx.someone(), unique("B"));
        Suggestion c = fx.suggestion(board, fx.someone(), unique("C"));

        assertEquals(400, form().formParam("target", a.id).post("/suggestions/" + a.id + "/merge").statusCode());
        form().formParam("target", a.id).post("/suggestions/" + b.id + "/merge").then().statusCode(303);
        assertEquals(400, form().formParam("target", b.id).post("/suggestions/" + c.id + "/merge").statusCode());
        assertEquals(409, form().formParam("target", c.id).post("/suggestions/" + b.id + "/merge").statusCode());
        assertEquals(400, form().formParam("target", 999999999).post("/suggestions/" + c.id + "/merge").statusCode());
        assertEquals("OPEN", fx.text("select status from suggestion where id = ?1", c.id));
    }

    @Test
    void a_member_who_voted_on_both_sides_counts_once_and_withdrawing_takes_back_both_votes_and_points() {
        Board board = fx.board();
        Member targetAuthor = fx.someone();
        Member duplicateAuthor = fx.someone();
        Suggestion target = fx.suggestion(board, targetAuthor, unique("Survivor"));
        Suggestion duplicate = fx.suggestion(board, duplicateAuthor, unique("Duplicate"));
        long paula = fx.member("paula").id;
        vote(target, "true");
        vote(duplicate, "true");
        assertEquals(1, points(targetAuthor), "a point for each author");
        assertEquals(1, points(duplicateAuthor));
        form().formParam("target", target.id).post("/suggestions/" + duplicate.id + "/merge").then().statusCode(303);
        assertEquals(1, fx.counter(target.id, "vote_count"), "two votes, one member");

        vote(target, "true");
        assertEquals(1, fx.counter(target.id, "vote_count"), "voting again changes nothing");
        assertEquals(2, fx.number("select count(*) from vote where suggestion_id = ?1 and member_id = ?2", target.id, paula));

        vote(target, "false");
        assertEquals(0, fx.counter(target.id, "vote_count"));
        assertEquals(0, fx.number("select count(*) from vote where member_id = ?1 and suggestion_id in (?2, ?3)", paula,
                target.id, duplicate.id), "both votes are gone");
        assertEquals(fx.number("""
                select count(*) from vote v where v.suggestion_id = ?1""", target.id), fx.counter(target.id, "vote_count"));
        assertEquals(0, points(targetAuthor), "both points go back");
        assertEquals(0, points(duplicateAuthor));
    }

    private void vote(Suggestion s, String on) {
        form().formParam("on", on).post("/suggestions/" + s.id + "/vote").then().statusCode(303);
    }

    /** The member's points, checked against the ledger they are the sum of. */
    private long points(Member m) {
        long points = fx.number("select points from member where id = ?1", m.id);
        assertEquals(fx.number("select coalesce(sum(points), 0) from honour_point where member_id = ?1 and revoked_at is null",
                m.id), points, "points equal the ledger");
        return points;
    }
}
