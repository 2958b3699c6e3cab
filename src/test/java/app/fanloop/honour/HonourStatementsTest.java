package app.fanloop.honour;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/**
 * Honour data on list pages costs no statement per row: levels come with the author rows the pages
 * already load, the boards and the wall are a fixed number of statements.
 */
@QuarkusTest
@TestSecurity(user = "bob", roles = "fan")
class HonourStatementsTest {

    private static final long HONOURS_BUDGET = 8;

    @Inject
    Fixtures fx;

    @Inject
    HonourFixtures hf;

    @Inject
    ReleaseFixtures rf;

    @Inject
    SessionFactory sessionFactory;

    @Test
    void a_board_with_levelled_authors_costs_the_same_for_3_or_40_rows() {
        Board small = boardOfLevelledAuthors(3);
        Board large = boardOfLevelledAuthors(40);
        page().get("/me").then().statusCode(200);

        long few = statements("/boards/" + small.slug);
        long many = statements("/boards/" + large.slug);

        assertEquals(few, many, "board statements: 3 vs 40 authors with levels");
        assertEquals(20, html(page().get("/boards/" + large.slug).then().extract().response()).select(".row .by .lv").size());
    }

    @Test
    void the_honours_page_costs_the_same_with_3_or_30_contributors_and_shipped_suggestions() {
        // The real week (no moved clock: releases published in a future week would top every release list).
        page().get("/me").then().statusCode(200);
        contributorsAndShipped(3);
        long few = statements("/honours");
        contributorsAndShipped(30);
        long many = statements("/honours");

        assertEquals(few, many, "/honours statements: 3 vs 30 contributors this week");
        assertTrue(few <= HONOURS_BUDGET, few + " statements");
        var doc = html(page().get("/honours").then().extract().response());
        assertEquals(20, doc.select("#week .standing").size());
        assertEquals(30, doc.select("#shipped .wall-item").size());
    }

    @Test
    void a_profile_costs_the_same_with_1_or_12_medals_and_shipped_suggestions() {
        Member one = fx.someone();
        Member many = fx.someone();
        Board board = fx.board();
        ship(board, one, 1);
        ship(board, many, 12);
        page().get("/me").then().statusCode(200);

        assertEquals(statements("/members/" + one.id), statements("/members/" + many.id));
    }

    private void ship(Board board, Member author, int n) {
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(hf.posted(board, author, unique("Shipped " + i)).id);
        }
        rf.publish(rf.draft(ReleaseChannel.DEV, unique("V"), null, ids.toArray(Long[]::new)).id);
    }

    private void contributorsAndShipped(int n) {
        Board board = fx.board();
        for (int i = 0; i < n; i++) {
            Member m = fx.someone();
            Suggestion s = hf.posted(board, m, unique("Wall " + i));
            rf.publish(rf.draft(ReleaseChannel.DEV, unique("W"), null, s.id).id);
        }
    }

    private Board boardOfLevelledAuthors(int n) {
        Board board = fx.board();
        for (int i = 0; i < n; i++) {
            Member author = fx.someone();
            hf.grant(author, 10 * i + 1);
            fx.suggestion(board, author, unique("Row " + i));
        }
        return board;
    }

    private long statements(String path) {
        Statistics stats = sessionFactory.getStatistics();
        stats.clear();
        page().get(path).then().statusCode(200);
        return stats.getPrepareStatementCount();
    }
}
