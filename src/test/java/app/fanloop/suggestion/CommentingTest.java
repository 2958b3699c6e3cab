package app.fanloop.suggestion;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.htmx;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;

@QuarkusTest
@TestSecurity(user = "bob", roles = "fan")
class CommentingTest {

    private static final Pattern COMMENT_LOCATION = Pattern.compile("^/suggestions/(\\d+)#comment-(\\d+)$");

    @Inject
    Fixtures fx;

    @Test
    void fan_comments_and_replies_in_one_level_threads() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Discuss me"));

        long top = commentId(s, comment(s, "First **thoughts**", null));
        long reply = commentId(s, comment(s, "A reply", top));
        long replyToReply = commentId(s, comment(s, "A reply to the reply", reply));

        assertEquals(top, fx.number("select parent_id from comment where id = ?1", reply));
        assertEquals(top, fx.number("select parent_id from comment where id = ?1", replyToReply),
                "a reply to a reply joins the top-level thread");
        assertEquals(3, fx.counter(s.id, "comment_count"));
        assertEquals(2, fx.number("select reply_count from comment where id = ?1", top));

        Document doc = html(page().get("/suggestions/" + s.id).then().statusCode(200).extract().response());
        assertEquals("Comments · 3", doc.selectFirst("#comments h2").text());
        List<Element> threads = doc.select("#comments .thread");
        assertEquals(1, threads.size());
        Element thread = threads.get(0);
        assertEquals("thoughts", thread.selectFirst("#comment-" + top + " .prose strong").text());
        assertEquals(List.of("comment-" + reply, "comment-" + replyToReply),
                thread.select(".replies > .comment").eachAttr("id"));
        assertEquals("bob", thread.selectFirst("#comment-" + reply + " a.name").text());
        assertEquals(String.valueOf(top), thread.selectFirst(".reply-form input[name=parentId]").val());
    }

    @Test
    void commenting_follows_the_suggestion() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Comment follows"));

        comment(s, "Following by commenting", null).then().statusCode(303);

        assertTrue(fx.follows(s.id, "bob"));
        assertEquals(1, fx.counter(s.id, "follower_count"));
    }

    @Test
    void empty_comment_is_refused_with_the_error_beside_the_field() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Empty comment"));

        Response refused = comment(s, "   ", null);

        assertEquals(400, refused.statusCode());
        Element field = html(refused).selectFirst("#comment-form .field");
        assertTrue(field.hasClass("invalid"));
        assertEquals("Required", field.selectFirst("#body-error").text());
        assertEquals(0, fx.counter(s.id, "comment_count"));
    }

    @Test
    void too_long_comment_is_refused_and_the_text_kept() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Long comment"));
        String body = "y".repeat(20001);

        Response refused = comment(s, body, null);

        assertEquals(400, refused.statusCode());
        Document doc = html(refused);
        assertEquals("At most 20000 characters", doc.selectFirst("#comment-form #body-error").text());
        assertEquals(body, doc.selectFirst("#comment-form textarea").text());
        assertEquals(0, fx.counter(s.id, "comment_count"));
    }

    @Test
    void reply_to_a_comment_on_another_suggestion_is_refused() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Here"));
        Suggestion elsewhere = fx.suggestion(fx.board(), fx.someone(), unique("Elsewhere"));
        Comment foreign = fx.comment(elsewhere.id, fx.someone(), null, "Over there", false);

        comment(s, "Crossing threads", foreign.id).then().statusCode(400);

        assertEquals(0, fx.counter(s.id, "comment_count"));
        assertEquals(0, fx.number("select reply_count from comment where id = ?1", foreign.id));
    }

    @Test
    void htmx_comment_returns_the_comments_section() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Htmx comment"));

        Response response = htmx().formParam("body", "Swapped in").post("/suggestions/" + s.id + "/comments");

        assertEquals(200, response.statusCode());
        assertFalse(response.asString().contains("<html"));
        Element section = Jsoup.parseBodyFragment(response.asString()).selectFirst("section#comments");
        assertEquals("Comments · 1", section.selectFirst("h2").text());
        assertEquals("Swapped in", section.selectFirst(".thread .prose").text());
    }

    @Test
    void fan_edits_own_comment_and_the_old_text_is_kept() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Edit my comment"));
        long id = commentId(s, comment(s, "Frist!", null));

        Document editForm = html(page().get("/comments/" + id + "/edit").then().statusCode(200).extract().response());
        assertEquals("Frist!", editForm.selectFirst("textarea#body").text());

        Response edited = form().formParam("body", "First, *properly*.").post("/comments/" + id + "/edit");
        assertEquals(303, edited.statusCode());
        assertEquals("/suggestions/" + s.id + "#comment-" + id, location(edited));

        Element comment = html(page().get("/suggestions/" + s.id).then().extract().response()).selectFirst("#comment-" + id);
        assertEquals("properly", comment.selectFirst(".prose em").text());
        assertNotNull(comment.selectFirst("a[href=/comments/" + id + "/revisions]"), "marked as edited");

        Document revisions = html(page().get("/comments/" + id + "/revisions").then().statusCode(200).extract().response());
        assertEquals("properly", revisions.selectFirst("section.revision .prose em").text());
        assertEquals(List.of("Frist!"), revisions.select("pre.revision-text").eachText());
        assertTrue(revisions.selectFirst("section.revision .comment-meta").text().contains("Replaced by bob"));
    }

    @Test
    void invalid_comment_edit_is_refused_and_kept() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Bad comment edit"));
        long id = commentId(s, comment(s, "Fine", null));

        Response refused = form().formParam("body", "").post("/comments/" + id + "/edit");

        assertEquals(400, refused.statusCode());
        assertEquals("Required", html(refused).selectFirst("#body-error").text());
        assertEquals("Fine", fx.text("select body from comment where id = ?1", id));
        assertEquals(0, fx.number("select count(*) from revision where comment_id = ?1", id));
    }

    @Test
    void fan_cannot_edit_someone_elses_comment() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Not your comment"));
        Comment theirs = fx.comment(s.id, fx.someone(), null, "Mine, not bob's", false);

        page().get("/comments/" + theirs.id + "/edit").then().statusCode(403);
        form().formParam("body", "Hijacked").post("/comments/" + theirs.id + "/edit").then().statusCode(403);

        assertEquals("Mine, not bob's", fx.text("select body from comment where id = ?1", theirs.id));
        assertEquals(0, fx.number("select count(*) from revision where comment_id = ?1", theirs.id));
        Element comment = html(page().get("/suggestions/" + s.id).then().extract().response())
                .selectFirst("#comment-" + theirs.id);
        assertNull(comment.selectFirst("a[href=/comments/" + theirs.id + "/edit]"), "no edit link on others' comments");
    }

    @Test
    void fan_cannot_post_an_official_response() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Fans are not staff"));

        form().formParam("body", "Officially yes").formParam("official", "true")
                .post("/suggestions/" + s.id + "/comments").then().statusCode(403);

        assertEquals(0, fx.counter(s.id, "comment_count"));
        assertEquals(0, fx.number("select count(*) from comment where suggestion_id = ?1", s.id));
        assertNull(fx.text("select official_comment_id from suggestion where id = ?1", s.id));
        assertNull(html(page().get("/suggestions/" + s.id).then().extract().response())
                .selectFirst("input[name=official]"), "fans are not offered the official box");
    }

    private static Response comment(Suggestion s, String body, Long parentId) {
        var form = form().formParam("body", body);
        if (parentId != null) {
            form.formParam("parentId", parentId);
        }
        return form.post("/suggestions/" + s.id + "/comments");
    }

    private static long commentId(Suggestion s, Response created) {
        assertEquals(303, created.statusCode());
        Matcher m = COMMENT_LOCATION.matcher(location(created));
        assertTrue(m.matches(), location(created));
        assertEquals(s.id, Long.parseLong(m.group(1)));
        return Long.parseLong(m.group(2));
    }
}
