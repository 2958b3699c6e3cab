package app.fanloop.triage;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.suggestion.SuggestionStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

@QuarkusTest
@TestSecurity(user = "paula", roles = "pm")
class InboxTest {

    @Inject
    Fixtures fx;

    @Test
    void inbox_ranks_open_suggestions_by_priority_and_shows_the_breakdown() {
        Board board = fx.board();
        Instant old = Instant.now().minus(Duration.ofDays(20));
        Suggestion manyOldVotes = fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Old favourite"), "x", old);
        fx.votes(manyOldVotes.id, 8, old);
        Suggestion freshBurst = fx.suggestion(board, fx.someone(), unique("Fresh burst"));
        fx.votes(freshBurst.id, 5, Instant.now());
        Suggestion quiet = fx.suggestion(board, fx.someone(), unique("Quiet"));
        Suggestion planned = fx.suggestion(board, fx.someone(), unique("Already planned"));
        fx.status(planned.id, SuggestionStatus.PLANNED);

        Document inbox = html(page().queryParam("board", board.id).get("/triage").then().statusCode(200).extract().response());
        List<String> titles = inbox.select(".triage-row .row-title").eachText();
        assertEquals(List.of(freshBurst.title, manyOldVotes.title, quiet.title), titles, "planned ones are not in the inbox");

        // votes 1.0 × ln(1 + 5) = 1.8; heat 2.0 × ln(1 + 6) = 3.9 (five fresh votes and the post itself); comments 0.
        Element burst = inbox.select(".triage-row").first();
        String breakdown = burst.selectFirst(".priority").text();
        assertTrue(breakdown.contains("= 1.8 + 3.9 + 0.0"), breakdown);
        assertTrue(breakdown.startsWith("5.7"), breakdown);

        List<String> byVotes = html(page().queryParam("board", board.id).queryParam("sort", "votes").get("/triage")
                .then().extract().response()).select(".triage-row .row-title").eachText();
        assertEquals(List.of(manyOldVotes.title, freshBurst.title, quiet.title), byVotes);
        List<String> newest = html(page().queryParam("board", board.id).queryParam("sort", "newest").get("/triage")
                .then().extract().response()).select(".triage-row .row-title").eachText();
        assertEquals(quiet.title, newest.get(0));
        List<String> olderThanAMonth = html(page().queryParam("board", board.id).queryParam("age", "week").get("/triage")
                .then().extract().response()).select(".triage-row .row-title").eachText();
        assertFalse(olderThanAMonth.contains(manyOldVotes.title), "the age filter drops the 20-day-old one");
        List<String> bugsOnly = html(page().queryParam("board", board.id).queryParam("kind", "BUG").get("/triage")
                .then().extract().response()).select(".triage-row .row-title").eachText();
        assertTrue(bugsOnly.isEmpty());
    }

    @Test
    void needs_answer_lists_unanswered_posts_past_48_hours_oldest_first() {
        Board board = fx.board();
        Instant now = Instant.now();
        Suggestion oldest = fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Waiting 5 days"), "x",
                now.minus(Duration.ofDays(5)));
        Suggestion waiting = fx.suggestion(board, fx.someone(), SuggestionKind.BUG, unique("Waiting 50 hours"), "x",
                now.minus(Duration.ofHours(50)));
        Suggestion young = fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Waiting 10 hours"), "x",
                now.minus(Duration.ofHours(10)));
        Suggestion answered = fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Answered"), "x",
                now.minus(Duration.ofDays(4)));
        fx.officialAnswer(answered.id, fx.member("paula"), now.minus(Duration.ofDays(3)));

        List<String> listed = new ArrayList<>();
        for (int p = 1; p < 100; p++) {
            Document page = html(page().queryParam("page", p).get("/triage/needs-answer").then().statusCode(200).extract().response());
            listed.addAll(page.select(".triage-row .row-title").eachText());
            if (page.selectFirst("a[rel=next]") == null) {
                break;
            }
        }
        assertTrue(listed.indexOf(oldest.title) >= 0 && listed.indexOf(oldest.title) < listed.indexOf(waiting.title));
        assertFalse(listed.contains(young.title));
        assertFalse(listed.contains(answered.title));
    }

    @Test
    void the_answered_share_counts_posts_answered_within_the_target() {
        int[] before = figures();
        Board board = fx.board();
        Instant now = Instant.now();
        Suggestion inTime = fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("In time"), "x",
                now.minus(Duration.ofDays(6)));
        fx.officialAnswer(inTime.id, fx.member("paula"), now.minus(Duration.ofDays(5)));
        Suggestion late = fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Late"), "x",
                now.minus(Duration.ofDays(6)));
        fx.officialAnswer(late.id, fx.member("paula"), now.minus(Duration.ofDays(2)));
        fx.suggestion(board, fx.someone(), SuggestionKind.SUGGESTION, unique("Not due yet"), "x", now.minus(Duration.ofHours(3)));

        int[] after = figures();
        assertEquals(before[0] + 1, after[0], "answered in time");
        assertEquals(before[1] + 2, after[1], "due in the window");
    }

    /** The console's "answered / due" figure. */
    private static int[] figures() {
        String detail = html(page().get("/triage").then().statusCode(200).extract().response())
                .select(".figure .small").first().text();
        String[] numbers = detail.replaceAll("[^0-9 ]", " ").trim().split("\\s+");
        return new int[] { Integer.parseInt(numbers[0]), Integer.parseInt(numbers[1]) };
    }
}
