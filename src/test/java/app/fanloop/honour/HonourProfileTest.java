package app.fanloop.honour;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.release.Release;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/** A member's profile shows their level, points, medals and shipped work; levels follow the thresholds. */
@QuarkusTest
class HonourProfileTest {

    @Inject
    Fixtures fx;

    @Inject
    HonourFixtures hf;

    @Inject
    ReleaseFixtures rf;

    @Inject
    HonourConfig config;

    @Inject
    HonourBackfill backfill;

    @AfterEach
    void totals_equal_the_ledger() {
        hf.assertLedgerConsistent();
    }

    @Test
    void levels_start_at_the_configured_thresholds() {
        assertEquals(1, config.levelFor(0));
        assertEquals(1, config.levelFor(19));
        assertEquals(2, config.levelFor(20));
        assertEquals(3, config.levelFor(60));
        assertEquals(9, config.levelFor(4999));
        assertEquals(10, config.levelFor(5000));
        assertEquals(10, config.levelFor(1_000_000));
    }

    @Test
    void a_start_puts_members_on_the_level_the_configured_thresholds_give() {
        Member member = fx.someone();
        hf.grant(member, 70);
        hf.setLevel(member, 7); // as if the thresholds had been different

        assertTrue(backfill.relevel() >= 1);

        assertEquals(3, hf.level(member));
        assertEquals(0, backfill.relevel(), "only rows that change are written");
    }

    @Test
    void the_level_column_moves_with_the_points_both_ways() {
        Member author = fx.someone();
        Board board = fx.board();
        Suggestion last = null;
        for (int i = 0; i < 4; i++) {
            last = hf.posted(board, author, unique("Level " + i));
        }
        assertEquals(20, hf.points(author));
        assertEquals(2, hf.level(author));

        fx.hide(last.id); // a hide as SQL does not touch points; the service's take-back does:
        hf.hidden(last.id);
        assertEquals(15, hf.points(author));
        assertEquals(1, hf.level(author));
    }

    @Test
    void the_public_profile_shows_level_points_medals_and_shipped_suggestions_with_their_release() {
        Member author = fx.someone();
        Board board = fx.board();
        Suggestion shipped = hf.posted(board, author, unique("Shipped on profile"));
        Suggestion hidden = hf.posted(board, author, unique("Hidden on profile"));
        String version = unique("OS3");
        Release release = rf.draft(ReleaseChannel.STABLE, version, null, shipped.id);
        rf.publish(release.id);
        hf.hidden(hidden.id);
        fx.hide(hidden.id);

        Document doc = html(page().get("/members/" + author.id).then().statusCode(200).extract().response());

        int points = hf.points(author);
        assertEquals(5 + 30 + 100, points);
        assertEquals("Lv" + config.levelFor(points), doc.selectFirst(".stat-level").text());
        assertEquals(String.valueOf(points), doc.selectFirst(".stat-points").text());
        assertTrue(doc.select("#medals .medal-name").eachText().containsAll(
                java.util.List.of("First suggestion", "First adopted", "First shipped")));
        assertEquals(shipped.title, doc.selectFirst("#shipped li a").text());
        assertTrue(doc.selectFirst("#shipped").text().contains(version));
        assertTrue(doc.select("a.row-title").eachText().stream().noneMatch(hidden.title::equals),
                "hidden content is not listed to others");
        assertNotNull(doc.selectFirst("a[href=/honours/rules]"));
        assertTrue(doc.select("#points").isEmpty(), "the points history is the member's own");
    }

    @Test
    @TestSecurity(user = "hon-self", roles = "fan")
    void the_own_profile_explains_the_points_row_by_row() {
        Member me = fx.member("hon-self");
        Suggestion s = hf.posted(fx.board(), me, unique("Mine"));
        hf.voted(s, fx.someone());

        Document doc = html(page().get("/me").then().statusCode(200).extract().response());

        assertEquals(2, doc.select("#points .ledger-row").size());
        assertEquals("+1", doc.select("#points .ledger-points").first().text());
        assertNotNull(doc.selectFirst("#privacy form input[name=honoursPrivate]"));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void level_badges_show_next_to_authors_on_a_board_and_a_suggestion() {
        Member author = fx.someone();
        hf.grant(author, 65);
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, author, unique("With badge"));
        hf.commented(s, author);

        Document list = html(page().get("/boards/" + board.slug).then().statusCode(200).extract().response());
        assertEquals("Lv3", list.selectFirst(".row .by .lv").text());

        Document show = html(page().get("/suggestions/" + s.id).then().statusCode(200).extract().response());
        assertEquals("Lv3", show.selectFirst(".comment-meta .lv").text());
    }
}
