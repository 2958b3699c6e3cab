package app.fanloop.honour;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.release.Release;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.SiteClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/** /honours: the weekly and all-time boards in order, without private members, and the shipped wall. */
@QuarkusTest
class HonourBoardsTest {

    @Inject
    Fixtures fx;

    @Inject
    HonourFixtures hf;

    @Inject
    ReleaseFixtures rf;

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
    void the_weekly_board_ranks_points_gained_this_week_and_leaves_out_last_week_and_private_members() {
        clock.advance(Duration.ofDays(7 * 700));
        Member early = fx.someone();
        Board board = fx.board();
        for (int i = 0; i < 5; i++) {
            hf.posted(board, early, unique("Last week " + i)); // 25 points, but last week
        }
        clock.advance(Duration.ofDays(7));
        Member first = fx.someone();
        Member second = fx.someone();
        Member third = fx.someone();
        Member shy = fx.someone();
        hf.posted(board, first, unique("F1"));
        hf.posted(board, first, unique("F2"));
        hf.posted(board, first, unique("F3"));
        Suggestion s = hf.posted(board, second, unique("S1"));
        hf.voted(s, fx.someone());
        hf.posted(board, third, unique("T1"));
        for (int i = 0; i < 4; i++) {
            hf.posted(board, shy, unique("Shy " + i));
        }
        hf.keepPrivate(shy);

        List<Long> ranked = boards.thisWeek(20).stream().map(st -> st.member().id).toList();
        assertEquals(List.of(first.id, second.id, third.id), ranked);

        Document doc = html(page().get("/honours").then().statusCode(200).extract().response());
        assertEquals(List.of(first.name, second.name, third.name), doc.select("#week .standing .name").eachText());
        assertEquals(List.of("15 pts", "6 pts", "5 pts"), doc.select("#week .standing-points").eachText());
    }

    @Test
    void the_all_time_board_ranks_total_points_and_leaves_out_private_members() {
        Member most = fx.someone();
        Member middle = fx.someone();
        Member shy = fx.someone();
        hf.grant(middle, 900_000);
        hf.grant(most, 1_000_000);
        hf.grant(shy, 2_000_000);
        hf.keepPrivate(shy);

        Document doc = html(page().get("/honours").then().statusCode(200).extract().response());

        List<String> names = doc.select("#all-time .standing .name").eachText();
        assertEquals(List.of(most.name, middle.name),
                names.stream().filter(n -> n.equals(most.name) || n.equals(middle.name)).toList());
        assertTrue(names.indexOf(most.name) < 3, "near the top: " + names);
        assertFalse(names.contains(shy.name));
        assertEquals("Lv10", doc.select("#all-time .standing").get(names.indexOf(most.name)).selectFirst(".lv").text());
    }

    @Test
    void the_shipped_wall_names_the_author_and_the_release_and_leaves_out_hidden_suggestions() {
        Member author = fx.someone();
        Board board = fx.board();
        Suggestion shown = hf.posted(board, author, unique("Shipped idea"));
        Suggestion hidden = hf.posted(board, author, unique("Hidden shipped idea"));
        String version = unique("OS2.1");
        Release release = rf.draft(ReleaseChannel.DEV, version, null, shown.id, hidden.id);
        rf.publish(release.id);
        fx.hide(hidden.id);

        Document doc = html(page().get("/honours").then().statusCode(200).extract().response());

        Element item = doc.select("#shipped .wall-item").stream()
                .filter(e -> e.selectFirst(".wall-title").text().equals(shown.title)).findFirst().orElse(null);
        assertNotNull(item, "the shipped suggestion is on the wall");
        assertEquals(author.name, item.selectFirst(".author .name").text());
        assertTrue(item.selectFirst(".wall-release").text().contains(version));
        assertEquals(release.path(), item.selectFirst(".wall-release").attr("href"));
        assertTrue(doc.select("#shipped .wall-title").eachText().stream().noneMatch(t -> t.equals(hidden.title)));
    }

    @Test
    void the_rules_page_shows_the_configured_points_levels_and_medals() {
        Document doc = html(page().get("/honours/rules").then().statusCode(200).extract().response());

        assertEquals("+5", doc.selectFirst(".rule-posted .num").text());
        assertEquals("+100", doc.selectFirst(".rule-shipped .num").text());
        assertEquals(10, doc.select(".levels-table tbody tr").size());
        assertEquals("5000", doc.select(".levels-table tbody tr").last().selectFirst(".num").text());
        assertEquals(Medal.values().length, doc.select(".medal-rules img.medal-icon").size());
        page().get(Medal.TOP_WEEKLY.icon()).then().statusCode(200).contentType(org.hamcrest.Matchers.containsString("svg"));
    }

    @Test
    @TestSecurity(user = "hon-private", roles = "fan")
    void a_member_can_hide_their_honours_from_the_boards_and_others() {
        Member me = fx.member("hon-private");
        hf.grant(me, 3_000_000);
        page().get("/me").then().statusCode(200);
        assertTrue(html(page().get("/honours").then().extract().response()).select("#all-time .name").eachText()
                .contains(me.name));

        form().formParam("honoursPrivate", "on").post("/me/privacy").then().statusCode(303);

        assertTrue(html(page().get("/honours").then().extract().response()).select("#all-time .name").eachText().stream()
                .noneMatch(me.name::equals));
        Document own = html(page().get("/me").then().statusCode(200).extract().response());
        assertNotNull(own.selectFirst("#privacy input[name=honoursPrivate][checked]"));
        assertNotNull(own.selectFirst(".honour-stats"), "the member still sees their own honours");

        form().post("/me/privacy").then().statusCode(303); // unchecked box: shown again
        assertTrue(html(page().get("/honours").then().extract().response()).select("#all-time .name").eachText()
                .contains(me.name));
    }

    @Test
    void a_private_profile_shows_others_only_the_name_and_level() {
        Member shy = fx.someone();
        hf.posted(fx.board(), shy, unique("Shy idea"));
        hf.keepPrivate(shy);

        Document doc = html(page().get("/members/" + shy.id).then().statusCode(200).extract().response());

        assertEquals(shy.name, doc.selectFirst("main h1").text());
        assertNotNull(doc.selectFirst("main .lv"));
        assertNotNull(doc.selectFirst(".private-note"));
        assertTrue(doc.select(".honour-stats, #medals, a.row-title").isEmpty());
    }
}
