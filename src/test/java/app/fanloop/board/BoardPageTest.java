package app.fanloop.board;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.suggestion.SuggestionStatus;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

@QuarkusTest
class BoardPageTest {

    @Inject
    Fixtures fx;

    @Test
    void board_lists_by_trending_top_and_new() {
        Board board = fx.board();
        Member author = fx.someone();
        Instant now = Instant.now();
        // Many votes, but nine days old.
        Suggestion popular = fx.suggestion(board, author, SuggestionKind.SUGGESTION, unique("Popular"), "Old favourite",
                now.minus(Duration.ofDays(10)));
        fx.votes(popular.id, 5, now.minus(Duration.ofDays(9)));
        // Fewer votes, all of them today.
        Suggestion rising = fx.suggestion(board, author, SuggestionKind.SUGGESTION, unique("Rising"), "Fresh burst",
                now.minus(Duration.ofDays(5)));
        fx.votes(rising.id, 3, now);
        // Posted just now, no votes yet.
        Suggestion fresh = fx.suggestion(board, author, SuggestionKind.SUGGESTION, unique("Fresh"), "Brand new", now);

        assertEquals(List.of(rising.title, fresh.title, popular.title), titles(board, "?sort=trending"));
        assertEquals(List.of(rising.title, fresh.title, popular.title), titles(board, ""), "trending is the default");
        assertEquals(List.of(popular.title, rising.title, fresh.title), titles(board, "?sort=top"));
        assertEquals(List.of(fresh.title, rising.title, popular.title), titles(board, "?sort=new"));

        Document top = html(page().get("/boards/" + board.slug + "?sort=top").then().statusCode(200).extract().response());
        assertEquals("Top", top.selectFirst(".segmented a.active").text());
        List<String> counts = top.select("ul.list li.row .vote .count").eachText();
        assertEquals(List.of("5", "3", "0"), counts);
    }

    @Test
    void board_filters_by_status_and_kind() {
        Board board = fx.board();
        Member author = fx.someone();
        Suggestion open = fx.suggestion(board, author, unique("Open idea"));
        Suggestion planned = fx.suggestion(board, author, unique("Planned idea"));
        fx.status(planned.id, SuggestionStatus.PLANNED);
        Suggestion bug = fx.suggestion(board, author, SuggestionKind.BUG, unique("A bug"), "Crashes", Instant.now());

        assertEquals(Set.of(open.title, planned.title, bug.title), Set.copyOf(titles(board, "")));
        assertEquals(List.of(planned.title), titles(board, "?status=PLANNED"));
        assertEquals(List.of(bug.title), titles(board, "?kind=BUG"));
        assertEquals(Set.of(open.title, planned.title), Set.copyOf(titles(board, "?kind=SUGGESTION")));
        assertEquals(List.of(bug.title), titles(board, "?status=OPEN&kind=BUG"));
        assertEquals(List.of(), titles(board, "?status=PLANNED&kind=BUG"));

        Document declined = html(page().get("/boards/" + board.slug + "?status=DECLINED").then().statusCode(200)
                .extract().response());
        assertEquals("Nothing here matches yet.", declined.selectFirst("p.empty").text());
        assertEquals("Declined", declined.selectFirst(".chips[aria-label=Status] a.chip.active").text());

        Document bugs = html(page().get("/boards/" + board.slug + "?kind=BUG").then().extract().response());
        Element row = bugs.selectFirst("ul.list li.row");
        assertEquals("Bug report", row.selectFirst(".kind.kind-bug").text());
        assertEquals("Open", row.selectFirst(".badge.status-open").text());
    }

    @Test
    void board_pages_hold_twenty_suggestions_each() {
        Board board = fx.board();
        Member author = fx.someone();
        Instant start = Instant.now().minus(Duration.ofHours(1));
        List<String> newestFirst = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            Suggestion s = fx.suggestion(board, author, SuggestionKind.SUGGESTION, unique("Item " + i), "Body",
                    start.plusSeconds(i));
            newestFirst.add(0, s.title);
        }

        Document first = html(page().get("/boards/" + board.slug + "?sort=new").then().statusCode(200).extract().response());
        assertEquals(newestFirst.subList(0, 20), first.select("ul.list li.row a.row-title").eachText());
        Element next = first.selectFirst(".pager a[rel=next]");
        assertNotNull(next, "a link to page 2");
        assertEquals("?sort=new&page=2", next.attr("href"));
        assertNull(first.selectFirst(".pager a[rel=prev]"));

        Document second = html(page().get("/boards/" + board.slug + "?sort=new&page=2").then().statusCode(200)
                .extract().response());
        assertEquals(newestFirst.subList(20, 25), second.select("ul.list li.row a.row-title").eachText());
        assertNull(second.selectFirst(".pager a[rel=next]"), "no page 3");
        assertEquals("?sort=new&page=1", second.selectFirst(".pager a[rel=prev]").attr("href"));

        Document third = html(page().get("/boards/" + board.slug + "?sort=new&page=3").then().statusCode(200)
                .extract().response());
        assertTrue(third.select("ul.list li.row").isEmpty());

        Set<String> seen = new HashSet<>(titles(board, "?sort=trending"));
        seen.addAll(titles(board, "?sort=trending&page=2"));
        assertEquals(25, seen.size(), "the two pages of another sort hold every suggestion once");
    }

    @Test
    void board_page_counts_the_boards_suggestions() {
        Board board = fx.board();
        Member author = fx.someone();
        fx.suggestion(board, author, unique("One"));
        fx.suggestion(board, author, unique("Two"));

        Document page = html(page().get("/boards/" + board.slug).then().statusCode(200).extract().response());

        assertEquals(board.name, page.selectFirst("h1").text());
        Element side = page.selectFirst(".side-boards a[href=/boards/" + board.slug + "]");
        assertEquals("page", side.attr("aria-current"));
        assertEquals("2", side.selectFirst(".muted").text());
    }

    /** The rows are read as values (SuggestionRow), not entities: each still shows what the suggestion says. */
    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void each_row_shows_its_author_kind_counts_vote_state_and_whether_it_takes_votes() {
        Board board = fx.board();
        Member author = fx.someone();
        fx.number("update member set level = 4 where id = ?1 returning level", author.id);
        Suggestion bug = fx.suggestion(board, author, SuggestionKind.BUG, unique("Crash"), "It crashes", Instant.now());
        Suggestion locked = fx.suggestion(board, author, unique("Locked"));
        fx.lock(locked.id);
        fx.comment(bug.id, fx.someone(), null, "Me too", false);
        fx.voteAs(bug.id, fx.member("bob"));

        Document page = html(page().get("/boards/" + board.slug + "?sort=new").then().statusCode(200).extract().response());

        Element bugRow = row(page, bug);
        assertEquals(author.name + "Lv4", bugRow.selectFirst(".by").text());
        assertNotNull(bugRow.selectFirst(".kind.kind-bug"));
        assertEquals("1", bugRow.selectFirst(".count-with-icon").text());
        Element cast = bugRow.selectFirst("form[action=/suggestions/" + bug.id + "/vote] button.vote");
        assertEquals("true", cast.attr("aria-pressed"), "bob's own vote shows on his row");
        assertEquals("1", cast.selectFirst(".count").text());
        assertNotNull(row(page, locked).selectFirst("button.vote[disabled]"), "a locked suggestion takes no votes");
        assertNull(row(page, locked).selectFirst(".kind"), "a suggestion carries no kind badge");

        fx.archive(board.id);
        Document archived = html(page().get("/boards/" + board.slug).then().statusCode(200).extract().response());
        assertNotNull(row(archived, bug).selectFirst("button.vote[disabled]"), "an archived board takes no votes");
    }

    private static Element row(Document page, Suggestion s) {
        return page.selectFirst("#vote-" + s.id).parent();
    }

    @Test
    void missing_board_is_not_found() {
        page().get("/boards/" + unique("no-such-board")).then().statusCode(404);
    }

    private static List<String> titles(Board board, String query) {
        Document doc = html(page().get("/boards/" + board.slug + query).then().statusCode(200).extract().response());
        return doc.select("ul.list li.row a.row-title").eachText();
    }
}
