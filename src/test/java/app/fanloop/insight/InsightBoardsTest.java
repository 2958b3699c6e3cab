package app.fanloop.insight;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.insight.InsightDaysTest.EARLY;
import static app.fanloop.insight.InsightDaysTest.LATE;
import static app.fanloop.web.Browser.page;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.suggestion.SuggestionStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/**
 * The figures per board of /triage/insights (insight/InsightBoards): the boards side by side, median and 90th
 * percentile per board and week against the answer target, the time to ship per week, and the feature items'
 * status labels, checked against data the test builds (read from the CSVs and the tables).
 */
@QuarkusTest
@TestSecurity(user = "paula", roles = "pm")
class InsightBoardsTest {

    @Inject
    Fixtures fx;
    @Inject
    InsightJobs jobs;

    @Test
    void boards_side_by_side_count_each_boards_public_posts_per_site_day_and_kind() {
        Board a = fx.board();
        Board b = fx.board();
        post(a, SuggestionKind.SUGGESTION, "Late", LATE); // Tuesday 10 November, 23:30 site time
        post(a, SuggestionKind.BUG, "Early", EARLY); // Wednesday 11 November, 00:30
        Suggestion duplicate = post(a, SuggestionKind.SUGGESTION, "Duplicate", EARLY);
        Suggestion survivor = post(b, SuggestionKind.SUGGESTION, "Survivor", LATE);
        fx.mergedInto(duplicate.id, survivor.id); // still posted that day, on its board
        Suggestion hidden = post(a, SuggestionKind.BUG, "Hidden", EARLY);
        fx.hide(hidden.id);
        jobs.rollUpMarked();

        String days = csv("boards", "from=2026-11-09&to=2026-11-12&by=day");
        String weeks = csv("boards", "from=2026-11-09&to=2026-11-15&by=week");

        assertTrue(days.startsWith("board_id,board,period_start,suggestions,bugs,total\n"), days);
        assertTrue(days.contains(row(a, "2026-11-09,0,0,0")), days);
        assertTrue(days.contains(row(a, "2026-11-10,1,0,1")), days);
        assertTrue(days.contains(row(a, "2026-11-11,1,1,2")), days);
        assertTrue(days.contains(row(b, "2026-11-10,1,0,1")), days);
        assertTrue(days.contains(row(b, "2026-11-11,0,0,0")), days);
        assertTrue(weeks.contains(row(a, "2026-11-09,2,1,3")), weeks);
        assertTrue(weeks.contains(row(b, "2026-11-09,1,0,1")), weeks);

        String html = zh().get("/triage/insights?from=2026-11-09&to=2026-11-12&by=day").then().statusCode(200)
                .extract().asString();
        // The data table: a group per board, the periods with posts, then the board's total (the hidden bug report
        // is not counted).
        String table = group(section(html, "boards-table"), a);
        assertTrue(table.contains("<tr><td>2026-11-10</td><td class=\"num\">1</td><td class=\"num\">0</td>"
                + "<td class=\"num\">1</td></tr><tr><td>2026-11-11</td><td class=\"num\">1</td><td class=\"num\">1</td>"
                + "<td class=\"num\">2</td></tr>"), table);
        assertTrue(table.contains("<tr class=\"total-row\"><th scope=\"row\">合计</th><td class=\"num\">2</td>"
                + "<td class=\"num\">1</td><td class=\"num\">3</td></tr>"), table);
        assertFalse(table.contains("2026-11-09"), table);
        // The chart: a small chart per board named by its totals, bug reports hatched (not told by colour alone).
        String chart = html.substring(html.indexOf("<ul class=\"board-multiples\">"), html.indexOf("id=\"boards-table\""));
        assertTrue(chart.contains("<p class=\"small\" id=\"boards-" + a.id + "\"><strong>" + a.name
                + "</strong> · 建议 2 条，问题反馈 1 条</p>"), chart);
        assertTrue(chart.contains("aria-labelledby=\"boards-" + a.id + "\""), chart);
        assertTrue(chart.contains("fill=\"url(#boards-hatch)\""), chart);

        page().cookie("fanloop-lang", "en").get("/triage/insights?from=2026-11-09&to=2026-11-12&by=day").then()
                .statusCode(200).body(containsString("All boards side by side"),
                        containsString("<strong>" + a.name + "</strong> · 2 suggestions, 1 bug reports"));
        // With one board chosen there is nothing to compare.
        page().get("/triage/insights?from=2026-11-09&to=2026-11-12&board=" + a.id).then().statusCode(200)
                .body(not(containsString("id=\"boards-table\"")));
    }

    @Test
    void answer_and_ship_times_per_board_and_week_are_marked_over_the_target() {
        Board a = fx.board();
        Board b = fx.board();
        Member pm = fx.member("paula");
        // Week of Monday 9 November: answers after 2, 10 and 100 hours, and 1 hour for the post of Sunday 23:30.
        answered(a, LATE, 2);
        Suggestion shipped = answered(a, LATE, 10);
        answered(a, LATE, 100);
        Instant sunday = LATE.plus(Duration.ofDays(5)); // Sunday 15 November, 23:30 site time
        Instant monday = EARLY.plus(Duration.ofDays(5)); // Monday 16 November, 00:30 site time
        answered(a, sunday, 1);
        Suggestion hidden = answered(a, LATE, 500);
        fx.hide(hidden.id);
        Suggestion reopened = post(a, SuggestionKind.SUGGESTION, "Reopened", LATE);
        Suggestion duplicate = post(a, SuggestionKind.SUGGESTION, "Merged", LATE);
        fx.mergedInto(duplicate.id, shipped.id);
        // Week of Monday 16 November: one answer after 60 hours.
        Suggestion nextWeek = answered(a, monday, 60);
        answered(b, LATE, 3);
        ship(shipped, LATE.plus(Duration.ofHours(100)));
        ship(nextWeek, monday.plus(Duration.ofHours(20)));
        ship(reopened, LATE.plus(Duration.ofHours(30)));
        fx.statusChange(reopened.id, pm, SuggestionStatus.OPEN, "not fixed after all");
        jobs.rollUpMarked();

        String csv = csv("board-weeks", "from=2026-11-09&to=2026-11-22");

        assertTrue(csv.startsWith("board_id,board,week_start,answer_median_hours,answer_p90_hours,answered,"
                + "answer_median_over_target,answer_p90_over_target,ship_median_hours,ship_p90_hours,shipped\n"), csv);
        // 1, 2, 10, 100 hours: median 6, p90 10 + 0.7 × 90 = 73 (over 48); the hidden post's 500 hours not counted.
        assertTrue(csv.contains(row(a, "2026-11-09,6.0,73.0,4,false,true,100.0,100.0,1")), csv);
        assertTrue(csv.contains(row(a, "2026-11-16,60.0,60.0,1,true,true,20.0,20.0,1")), csv);
        assertTrue(csv.contains(row(b, "2026-11-09,3.0,3.0,1,false,false,,,0")), csv);

        String ship = csv("ship-weeks", "from=2026-11-09&to=2026-11-22&board=" + a.id);
        assertEquals("week_start,median_hours,p90_hours,posts\n2026-11-09,100.0,100.0,1\n2026-11-16,20.0,20.0,1\n", ship);

        String zh = section(zh().get("/triage/insights?from=2026-11-09&to=2026-11-22&board=" + a.id).then()
                .statusCode(200).extract().asString(), "board-weeks-table");
        assertEquals(3, count(zh, "<strong class=\"over-target\" title=\"超过 48 小时目标\">超时</strong>"), zh);
        assertTrue(zh.contains("6.0 / 73.0 <strong class=\"over-target\""), zh);
        assertTrue(zh.contains("<td class=\"num\">100.0 / 100.0</td>"), zh);
        assertFalse(zh.contains(b.name), zh);
        String en = section(page().cookie("fanloop-lang", "en").get("/triage/insights?from=2026-11-09&to=2026-11-22&board="
                + a.id).then().statusCode(200).body(containsString("Time to ship, per week"),
                        containsString("Per board, per week"))
                .extract().asString(), "board-weeks-table");
        assertEquals(3, count(en, "<strong class=\"over-target\" title=\"above the 48-hour target\">over</strong>"), en);
        assertTrue(en.contains("First official answer, median / p90 (h)"), en);
    }

    @Test
    void feature_items_show_their_status_label_in_the_readers_language_and_the_csv_keeps_the_machine_value() {
        String title = unique("Labelled");
        long item = fx.featureItem(title);
        // The most wanted for the length of this test, so it is among the page's twelve; removed at the end.
        fx.sql("update feature_item set status = 'IN_PROGRESS', demand = 1000000 where id = ?1", item);
        try {
            String zh = section(zh().get("/triage/insights").then().statusCode(200).extract().asString(),
                    "features-table");
            String en = section(page().cookie("fanloop-lang", "en").get("/triage/insights").then().statusCode(200)
                    .extract().asString(), "features-table");
            String csv = csv("features", "");

            assertTrue(zh.contains("<td>" + title + "</td><td><span class=\"badge status-in-progress\">开发中</span></td>"), zh);
            assertTrue(en.contains("<td>" + title + "</td><td><span class=\"badge status-in-progress\">In progress</span></td>"),
                    en);
            for (String raw : new String[] { ">BACKLOG<", ">PLANNED<", ">IN_PROGRESS<", "BACKLOG ·" }) {
                assertFalse(zh.contains(raw) || en.contains(raw), raw);
            }
            assertTrue(csv.contains(item + "," + title + ",IN_PROGRESS,1000000"), csv);
        } finally {
            fx.sql("delete from feature_item where id = ?1", item);
        }
    }

    private Suggestion post(Board board, SuggestionKind kind, String title, Instant at) {
        return fx.suggestion(board, fx.someone(), kind, unique(title), "b", at);
    }

    /** A suggestion posted at {@code at} and answered officially {@code hours} later. */
    private Suggestion answered(Board board, Instant at, int hours) {
        Suggestion s = post(board, SuggestionKind.SUGGESTION, "Answered", at);
        fx.officialAnswer(s.id, fx.member("paula"), at.plus(Duration.ofHours(hours)));
        return s;
    }

    private void ship(Suggestion s, Instant at) {
        fx.sql("update suggestion set status = 'SHIPPED', status_changed_at = ?2 where id = ?1", s.id, at);
    }

    /** A request in Chinese (the site's first language; {@code page()} asks for English). */
    private static io.restassured.specification.RequestSpecification zh() {
        return page().cookie("fanloop-lang", "zh");
    }

    private static String row(Board board, String rest) {
        return board.id + "," + board.name + "," + rest + "\n";
    }

    /** The table with this id, from its opening tag to its end. */
    private static String section(String html, String tableId) {
        int start = html.indexOf("id=\"" + tableId + "\"");
        assertTrue(start >= 0, tableId + " missing");
        return html.substring(start, html.indexOf("</table>", start));
    }

    /** The rows of one board's group in a table grouped by board. */
    private static String group(String table, Board board) {
        int start = table.indexOf("scope=\"rowgroup\" colspan=\"4\">" + board.name + "</th>");
        assertTrue(start >= 0, board.name + " missing: " + table);
        return table.substring(start, table.indexOf("</tbody>", start));
    }

    private static int count(String text, String part) {
        Matcher m = Pattern.compile(Pattern.quote(part)).matcher(text);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private String csv(String chart, String query) {
        return page().get("/triage/insights/" + chart + ".csv" + (query.isEmpty() ? "" : "?" + query)).then()
                .statusCode(200).header("Content-Type", containsString("text/csv")).extract().asString()
                .replace("\r\n", "\n");
    }
}
