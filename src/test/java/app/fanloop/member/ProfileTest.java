package app.fanloop.member;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;

@QuarkusTest
class ProfileTest {

    @Inject
    Fixtures fx;

    @Test
    void visitor_is_sent_to_sign_in_for_their_own_profile() {
        Response response = page().get("/me");

        assertEquals(303, response.statusCode());
        assertTrue(location(response).startsWith("/login?to="), location(response));
        assertEquals("/me", URLDecoder.decode(location(response).substring("/login?to=".length()), StandardCharsets.UTF_8));
    }

    @Test
    void public_profile_lists_the_members_suggestions() {
        Member author = fx.someone();
        Board board = fx.board();
        Suggestion older = fx.suggestion(board, author, unique("Older"));
        Suggestion newer = fx.suggestion(board, author, unique("Newer"));

        Document doc = html(page().get("/members/" + author.id).then().statusCode(200).extract().response());

        assertEquals(author.name, doc.selectFirst("main h1").text());
        assertEquals(List.of(newer.title, older.title), doc.select("main ul.list a.row-title").eachText());
        assertTrue(doc.select("main p.small:not(.muted)").isEmpty(), "no e-mail on someone else's profile");
    }

    @Test
    void missing_member_is_not_found() {
        page().get("/members/987654321").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "chen", roles = "fan")
    void first_request_creates_the_member_and_me_shows_them() {
        Document doc = html(page().get("/me").then().statusCode(200).extract().response());

        assertEquals("chen", doc.selectFirst("main h1").text());
        assertEquals(1, fx.number("select count(*) from member where subject = 'chen'"));
        assertEquals("chen", doc.selectFirst("header .account .brand-name").text());
    }
}
