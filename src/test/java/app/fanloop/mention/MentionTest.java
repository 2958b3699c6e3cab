package app.fanloop.mention;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.release.ReleaseFixtures;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** @name in posts and comments: a link to the profile, one notification per member and post, within the rules. */
@QuarkusTest
class MentionTest {

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Inject
    MockMailbox mailbox;

    @BeforeEach
    void deliverLeftovers() {
        rf.deliver();
        mailbox.clear();
    }

    private long post(Board board, String body) {
        Response created = form().formParam("kind", "SUGGESTION").formParam("title", unique("Mentioning"))
                .formParam("body", body).post("/boards/" + board.slug + "/suggestions");
        assertEquals(303, created.statusCode(), created.asString());
        return Long.parseLong(location(created).replaceAll("^/suggestions/(\\d+).*$", "$1"));
    }

    private long mentions(Member member) {
        return fx.number("select count(*) from notification where member_id = ?1 and kind = 'MENTION'", member.id);
    }

    private long mentions(Member member, long suggestionId) {
        return fx.number("select count(*) from notification where member_id = ?1 and kind = 'MENTION' and suggestion_id = ?2",
                member.id, suggestionId);
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void a_mention_links_to_the_profile_and_tells_the_member_once_whatever_the_case() {
        Member chen = fx.member(unique("chen"));
        long id = post(fx.board(), "Ask @" + chen.name + " and again @" + chen.name.toUpperCase() + ". Not `@"
                + chen.name + "` in code, nor mail@" + chen.name + ".");

        Document doc = html(page().get("/suggestions/" + id).then().statusCode(200).extract().response());
        List<Element> links = doc.select("article .prose a[href=/members/" + chen.id + "]");
        assertEquals(2, links.size(), doc.selectFirst("article .prose").html());
        assertEquals("@" + chen.name, links.get(0).text());
        assertEquals("@" + chen.name.toUpperCase(), links.get(1).text(), "the text stays as written");
        assertEquals("@" + chen.name, doc.selectFirst("article .prose code").text());

        rf.deliver();
        assertEquals(1, mentions(chen, id), "one notification however often the post names them");
        Document bell = html(page().get("/me/notifications").then().extract().response());
        assertNotNull(bell);
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void an_edit_tells_only_the_members_it_adds() {
        Member chen = fx.member(unique("chen"));
        Member dana = fx.member(unique("dana"));
        Board board = fx.board();
        long id = post(board, "Hi @" + chen.name);
        rf.deliver();

        form().formParam("kind", "SUGGESTION").formParam("title", unique("Edited")).formParam("body",
                "Hi @" + chen.name + " and @" + dana.name).post("/suggestions/" + id + "/edit").then().statusCode(303);
        form().formParam("kind", "SUGGESTION").formParam("title", unique("Edited again")).formParam("body",
                "Hi @" + dana.name + ", @" + chen.name + "!").post("/suggestions/" + id + "/edit").then().statusCode(303);
        rf.deliver();

        assertEquals(1, mentions(chen, id), "already told");
        assertEquals(1, mentions(dana, id), "the new one, once");
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void a_comment_mention_tells_the_member_and_leads_to_the_comment() {
        Member chen = fx.member(unique("chen"));
        long id = fx.suggestion(fx.board(), fx.someone(), unique("Commented")).id;

        form().formParam("body", "What do you think, @" + chen.name + "?").post("/suggestions/" + id + "/comments")
                .then().statusCode(303);
        rf.deliver();

        assertEquals(1, mentions(chen, id));
        long commentId = fx.number("select comment_id from notification where member_id = ?1 and kind = 'MENTION'", chen.id);
        assertEquals(commentId, fx.number("select id from comment where suggestion_id = ?1", id));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void mentions_in_a_hidden_post_or_of_a_banned_member_tell_nobody() {
        Member chen = fx.member(unique("chen"));
        Member banned = fx.member(unique("banned"));
        fx.sanction(banned, "BAN", null, "spam");
        Board board = fx.board();

        long hidden = post(board, "Psst @" + chen.name);
        fx.autoHide(hidden);
        long other = post(board, "Hey @" + banned.name);
        rf.deliver();

        assertEquals(0, mentions(chen), "a hidden post tells nobody");
        assertEquals(0, mentions(banned), "a banned member is not told");
        assertEquals(0, fx.number("select count(*) from post_mention where suggestion_id = ?1", other));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void a_post_on_a_private_beta_board_tells_only_members_who_may_read_it() {
        Member tester = fx.member(unique("tester"));
        Member outsider = fx.member(unique("outsider"));
        Board board = fx.board();
        long program = fx.number("""
                insert into beta_program (slug, name, places, applies_from, applies_until, channel, created_by_id)
                values (?1, 'Mention beta', 5, now() - interval '1 day', now() + interval '1 day', 'DEV', ?2) returning id""",
                unique("mention-beta").toLowerCase(), fx.member("paula").id);
        fx.sql("update member set beta_programs = array[?1]::bigint[] where id = ?2", program, tester.id);
        long id = post(board, "Testers @" + tester.name + " and @" + outsider.name);
        // The post is on the program's private board (V67: the post carries its board's program).
        fx.sql("update board set program_id = ?1 where id = ?2", program, board.id);
        fx.sql("update suggestion set program_id = ?1 where id = ?2", program, id);
        rf.deliver();

        assertEquals(1, mentions(tester, id));
        assertEquals(0, mentions(outsider, id), "who may not read the board is not told");
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void only_the_first_members_up_to_the_limit_are_told_and_the_text_stays() {
        List<Member> named = new ArrayList<>();
        StringBuilder body = new StringBuilder("Everyone:");
        for (int i = 0; i < 12; i++) {
            Member m = fx.member(unique("crowd" + i));
            named.add(m);
            body.append(" @").append(m.name);
        }
        long id = post(fx.board(), body.toString());
        rf.deliver();

        for (int i = 0; i < 12; i++) {
            assertEquals(i < 10 ? 1 : 0, mentions(named.get(i), id), "member " + i);
        }
        String prose = html(page().get("/suggestions/" + id).then().extract().response()).selectFirst("article .prose").text();
        assertTrue(prose.contains("@" + named.get(11).name), "names beyond the limit stay in the text");

        // Rewriting the names does not tell more: the limit counts every member the post has told.
        StringBuilder others = new StringBuilder("Others:");
        Member late = fx.member(unique("late"));
        others.append(" @").append(late.name);
        form().formParam("kind", "SUGGESTION").formParam("title", unique("Rewritten")).formParam("body", others.toString())
                .post("/suggestions/" + id + "/edit").then().statusCode(303);
        rf.deliver();
        assertEquals(0, mentions(late, id));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void the_writer_is_never_told_of_their_own_mention() {
        Member bob = fx.member("bob");
        long id = post(fx.board(), "Note to self @bob");
        rf.deliver();
        assertEquals(0, mentions(bob, id));
    }

    @Test
    void autocomplete_is_for_signed_in_members_only() {
        Response visitor = page().queryParam("q", "ch").get("/mentions");
        assertFalse(visitor.statusCode() == 200 && visitor.asString().contains("mention-pick"), visitor.asString());
        assertTrue(visitor.statusCode() == 401 || visitor.statusCode() == 303, "status " + visitor.statusCode());
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void autocomplete_offers_names_beginning_with_what_is_typed_after_the_at() {
        String stem = unique("zed").toLowerCase();
        Member first = fx.member(stem + "a");
        fx.member(stem + "b");
        Member banned = fx.member(stem + "c");
        fx.sanction(banned, "BAN", null, "spam");

        Document offer = html(page().queryParam("body", "Hello @" + stem.toUpperCase()).get("/mentions").then()
                .statusCode(200).extract().response());
        List<String> names = offer.select("button.mention-pick").eachAttr("data-name");
        assertEquals(List.of(first.name, stem + "b"), names, "in name order, banned members left out");

        assertTrue(html(page().queryParam("body", "no at sign " + stem).get("/mentions").then().statusCode(200)
                .extract().response()).select("button.mention-pick").isEmpty(), "nothing typed after an @, nothing offered");
    }

    @Test
    @TestSecurity(user = "mention-limit-tester", roles = "fan")
    void autocomplete_is_rate_limited_per_member() {
        int status = 200;
        for (int i = 0; i < 45 && status == 200; i++) {
            status = page().queryParam("q", "ab").get("/mentions").statusCode();
        }
        assertEquals(429, status, "the mentions bucket allows 40 a minute in tests");
    }
}
