package app.fanloop.triage;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

@QuarkusTest
class ExportAndRoadmapTest {

    @Inject
    Fixtures fx;

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void the_inbox_exports_as_csv_with_the_filters_and_defused_formulas() throws Exception {
        Board board = fx.board();
        Suggestion plain = fx.suggestion(board, fx.someone(), unique("导出 export"));
        fx.votes(plain.id, 3, java.time.Instant.now());
        Suggestion formula = fx.suggestion(board, fx.someone(), "=HYPERLINK(\"http://evil\")");

        var response = page().queryParam("board", board.id).queryParam("sort", "votes").get("/triage/inbox.csv");
        assertEquals(200, response.statusCode());
        assertTrue(response.contentType().startsWith("text/csv"));
        List<CSVRecord> rows = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(new StringReader(response.asString().replace("\ufeff", ""))).getRecords();
        assertEquals(2, rows.size());
        assertEquals(String.valueOf(plain.id), rows.get(0).get("id"));
        assertEquals(plain.title, rows.get(0).get("title"));
        assertEquals("3", rows.get(0).get("votes"));
        assertEquals(board.slug, rows.get(0).get("board"));
        assertEquals("'" + formula.title, rows.get(1).get("title"));
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void feature_items_export_with_their_demand() throws Exception {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Wanted"));
        fx.votes(s.id, 2, java.time.Instant.now());
        String title = unique("Exported item");
        long item = fx.featureItem(title, s.id);

        String csv = page().get("/triage/features.csv").then().statusCode(200).extract().asString().replace("\ufeff", "");
        CSVRecord row = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(new StringReader(csv))
                .getRecords().stream().filter(r -> r.get("id").equals(String.valueOf(item))).findFirst().orElseThrow();
        assertEquals(title, row.get("title"));
        assertEquals("2", row.get("demand"));
        assertEquals("1", row.get("suggestions"));
        assertEquals("BACKLOG", row.get("status"));
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void the_roadmap_shows_planned_started_and_shipped_items_but_not_backlog_or_cancelled() {
        Board board = fx.board();
        Suggestion a = fx.suggestion(board, fx.someone(), unique("Behind planned"));
        fx.votes(a.id, 4, java.time.Instant.now());
        String planned = unique("Planned item");
        String backlog = unique("Backlog item");
        String cancelled = unique("Cancelled item");
        long plannedId = fx.featureItem(planned, a.id);
        fx.featureItem(backlog);
        long cancelledId = fx.featureItem(cancelled);
        form().formParam("status", "PLANNED").post("/triage/features/" + plannedId + "/status").then().statusCode(303);
        form().formParam("status", "CANCELLED").formParam("reason", "no").post("/triage/features/" + cancelledId + "/status")
                .then().statusCode(303);

        Document roadmap = html(page().get("/roadmap").then().statusCode(200).extract().response());
        var entry = roadmap.getElementById("item-" + plannedId);
        assertTrue(entry != null && entry.text().contains(planned));
        assertTrue(entry.text().contains("4"), "demand is shown");
        assertTrue(entry.selectFirst("a[href=/suggestions/" + a.id + "]") != null, "links the suggestion behind it");
        assertFalse(roadmap.text().contains(backlog));
        assertFalse(roadmap.text().contains(cancelled));
    }
}
