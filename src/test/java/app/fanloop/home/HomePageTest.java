package app.fanloop.home;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionStatus;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

@QuarkusTest
class HomePageTest {

    @Inject
    Fixtures fx;

    @Test
    void visitor_sees_boards_and_trending_suggestions() {
        Board board = fx.board();
        Suggestion hot = fx.suggestion(board, fx.someone(), unique("Hot idea"));
        fx.votes(hot.id, 3, Instant.now());
        fx.topTrending(hot.id);

        Document home = html(page().get("/").then().statusCode(200).extract().response());

        assertNotNull(home.selectFirst(".side-boards a[href=/boards/" + board.slug + "]"), "board listed");
        Element first = home.selectFirst(".layout > .stack ul.list li.row");
        assertNotNull(first, "a trending list");
        assertEquals(hot.title, first.selectFirst("a.row-title").text());
        assertEquals("/suggestions/" + hot.id, first.selectFirst("a.row-title").attr("href"));
        assertEquals("3", first.selectFirst(".vote .count").text());
        assertEquals(board.name, first.selectFirst(".row-meta a[href=/boards/" + board.slug + "]").text());
        // A visitor's vote button is a link to sign in, not a form.
        assertEquals("/login?to=%2Fsuggestions%2F" + hot.id, first.selectFirst("a.vote").attr("href"));
        assertNull(first.selectFirst("form"));
    }

    @Test
    void archived_boards_and_their_suggestions_stay_off_the_home_page() {
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, fx.someone(), unique("On an archived board"));
        fx.topTrending(s.id);
        fx.archive(board.id);

        Document home = html(page().get("/").then().statusCode(200).extract().response());

        assertNull(home.selectFirst("a[href=/boards/" + board.slug + "]"));
        assertNull(home.selectFirst("a[href=/suggestions/" + s.id + "]"));
    }

    @Test
    void recently_shipped_suggestions_credit_their_author() {
        Member author = fx.someone();
        Suggestion s = fx.suggestion(fx.board(), author, unique("Shipped idea"));
        fx.status(s.id, SuggestionStatus.SHIPPED);

        Document home = html(page().get("/").then().statusCode(200).extract().response());

        Element row = home.selectFirst("aside a.row-title[href=/suggestions/" + s.id + "]").closest("li");
        assertEquals("Shipped", row.selectFirst(".badge.status-shipped").text());
        assertEquals("Suggested by " + author.name, row.selectFirst(".row-meta span:not(.badge)").text());
    }
}
