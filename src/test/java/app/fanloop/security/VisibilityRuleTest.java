package app.fanloop.security;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.Map;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.event.DomainEvents;
import app.fanloop.member.DevTokens;
import app.fanloop.member.Member;
import app.fanloop.notification.EmailMode;
import app.fanloop.notification.NotificationMailer;
import app.fanloop.notification.NotificationService;
import app.fanloop.release.Release;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.SiteClock;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/**
 * The one visibility rule (member/Visibility) holds everywhere a post can surface: the official response on
 * top of the page, revision histories, the status timeline, notifications, e-mail and digests, public credits.
 */
@QuarkusTest
class VisibilityRuleTest {

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Inject
    DomainEvents events;

    @Inject
    NotificationMailer mailer;

    @Inject
    NotificationService notifications;

    @Inject
    MockMailbox mailbox;

    @Inject
    SiteClock clock;

    @BeforeEach
    void emptyMailbox() {
        mailbox.clear();
    }

    @AfterEach
    void realTime() {
        clock.reset();
        fx.liftAll("banned-admin");
    }

    @Test
    void a_hidden_official_response_leaves_the_top_of_the_page_for_visitors() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Answered"));
        Comment official = fx.comment(s.id, fx.member("paula"), null, "Official words that were hidden", true);
        fx.hideComment(official.id);

        Document doc = html(page().get("/suggestions/" + s.id).then().statusCode(200).extract().response());

        assertNull(doc.selectFirst("section.official"), "no official card");
        assertFalse(doc.text().contains("Official words that were hidden"), doc.text());
        assertEquals("This comment was hidden.", doc.selectFirst("#comment-" + official.id + " .hidden-note").text());
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void an_admin_still_reads_a_hidden_official_response() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Answered for admins"));
        Comment official = fx.comment(s.id, fx.member("paula"), null, "Official words for admins", true);
        fx.hideComment(official.id);

        Document doc = html(page().get("/suggestions/" + s.id).then().statusCode(200).extract().response());

        assertNotNull(doc.selectFirst("section.official"));
        assertTrue(doc.selectFirst("section.official").text().contains("Official words for admins"));
    }

    @Test
    void a_thread_page_far_past_the_end_is_an_empty_page_not_an_error() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Paged"));

        page().get("/suggestions/" + s.id + "?cpage=2147483647").then().statusCode(200);
        page().get("/suggestions/" + s.id + "?cpage=-5").then().statusCode(200);
    }

    @Test
    void visitors_cannot_read_what_an_edit_took_out() {
        Member author = fx.someone();
        Suggestion s = fx.suggestion(fx.board(), author, unique("Edited"));
        fx.revision(s.id, fx.member("alice"), "Old title with a phone number", "call 138 0000 0000");

        page().get("/suggestions/" + s.id + "/revisions").then().statusCode(404);
        Document doc = html(page().get("/suggestions/" + s.id).then().statusCode(200).extract().response());
        assertNull(doc.selectFirst("a[href=/suggestions/" + s.id + "/revisions]"), "no link to the history");
        assertTrue(doc.selectFirst(".row-meta").text().contains("edited"), "still says it was edited");
    }

    @Test
    @TestSecurity(user = "chen", roles = "fan")
    void another_fan_cannot_read_the_history_either() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Edited, seen by chen"));
        fx.revision(s.id, fx.member("alice"), "Old title", "old body");

        page().get("/suggestions/" + s.id + "/revisions").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void the_author_reads_the_history_of_their_post() {
        Suggestion s = fx.suggestion(fx.board(), fx.member("bob"), unique("My edited post"));
        fx.revision(s.id, fx.member("bob"), "My old title", "my old body");

        Document doc = html(page().get("/suggestions/" + s.id + "/revisions").then().statusCode(200).extract().response());
        assertTrue(doc.text().contains("My old title"));
        assertNotNull(html(page().get("/suggestions/" + s.id).then().extract().response())
                .selectFirst("a[href=/suggestions/" + s.id + "/revisions]"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void an_admin_reads_every_history() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Edited, for admins"));
        fx.revision(s.id, fx.member("alice"), "The removed title", "the removed body");

        assertTrue(page().get("/suggestions/" + s.id + "/revisions").then().statusCode(200).extract().asString()
                .contains("The removed title"));
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void the_timeline_does_not_name_a_hidden_duplicate() {
        Board board = fx.board();
        Suggestion survivor = fx.suggestion(board, fx.someone(), unique("Survivor"));
        String secret = unique("Rude duplicate title");
        Suggestion duplicate = fx.suggestion(board, fx.someone(), secret);
        form().formParam("target", survivor.id).formParam("note", "same thing")
                .post("/suggestions/" + duplicate.id + "/merge").then().statusCode(303);
        assertTrue(page().get("/suggestions/" + survivor.id).then().extract().asString().contains(secret),
                "named while shown");

        fx.hide(duplicate.id);

        Document doc = html(page().get("/suggestions/" + survivor.id).then().statusCode(200).extract().response());
        assertFalse(doc.text().contains(secret), "a PM is no admin: the hidden title stays hidden");
        assertTrue(doc.selectFirst("#timeline").text().contains("(a hidden suggestion)"), doc.selectFirst("#timeline").text());
    }

    @Test
    void a_hidden_reply_tells_nobody() {
        Member chen = fx.someone();
        Member bob = fx.someone();
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Thread"));
        Comment asked = fx.comment(s.id, chen, null, "A question", false);
        Comment reply = fx.comment(s.id, bob, asked.id, "An abusive reply", false);
        fx.hideComment(reply.id);

        QuarkusTransaction.requiringNew().run(() -> events.reply(bob, s.id, reply.id, chen.id, Map.of("excerpt", "An abusive reply")));
        rf.deliver();

        assertEquals(0, fx.number("select count(*) from notification where member_id = ?1", chen.id));
    }

    @Test
    @TestSecurity(user = "told-fan", roles = "fan")
    void a_post_hidden_after_its_notification_leaves_the_bell_the_list_and_the_mail() {
        Member me = fx.member("told-fan");
        String email = fx.email(me);
        rf.emailMode(me, EmailMode.IMMEDIATE, "en");
        String title = unique("Soon hidden");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), title);
        fx.followAs(s.id, me);
        rf.statusChanged(s, "PLANNED");
        assertEquals(1, notifications.unread(me.id), "told while shown");

        fx.hide(s.id);
        mailer.sendImmediate();

        assertEquals(0, mailbox.getMailsSentTo(email).size(), "no mail about a hidden post");
        assertEquals(0, notifications.unread(me.id), "the bell does not count it");
        assertFalse(page().get("/me/notifications").then().statusCode(200).extract().asString().contains(title));
    }

    @Test
    void the_weekly_digest_leaves_out_hidden_posts() {
        Member reader = rf.withEmail("digest-hidden");
        rf.emailMode(reader, EmailMode.WEEKLY, "en");
        String shownTitle = unique("Still shown");
        String hiddenTitle = unique("Hidden since");
        Suggestion shown = fx.suggestion(fx.board(), fx.someone(), shownTitle);
        Suggestion hidden = fx.suggestion(fx.board(), fx.someone(), hiddenTitle);
        fx.followAs(shown.id, reader);
        fx.followAs(hidden.id, reader);
        rf.statusChanged(shown, "PLANNED");
        rf.statusChanged(hidden, "PLANNED");
        fx.hide(hidden.id);

        ZoneId site = ZoneId.of("Asia/Shanghai");
        ZonedDateTime nextMonday = ZonedDateTime.now(site).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).toLocalDate()
                .atStartOfDay(site);
        clock.advance(Duration.between(Instant.now(), nextMonday.plusHours(10).toInstant()));
        mailer.sendDigests();

        var mails = mailbox.getMailsSentTo(reader.email);
        assertEquals(1, mails.size());
        String text = org.jsoup.Jsoup.parse(mails.get(0).getHtml()).text();
        assertTrue(text.contains(shownTitle), text);
        assertFalse(text.contains(hiddenTitle), text);
        assertTrue(mails.get(0).getSubject().contains("1 update"), mails.get(0).getSubject());
    }

    @Test
    void a_fan_who_keeps_honours_private_is_credited_as_a_fan() {
        Member shy = fx.member(unique("shy-fan"));
        fx.keepHonoursPrivate(shy);
        Suggestion s = fx.suggestion(fx.board(), shy, unique("Shy idea"));
        Release release = rf.draft(ReleaseChannel.DEV, unique("v"), null, s.id);
        rf.publish(release.id);

        Document notes = html(page().get("/releases/" + release.id).then().statusCode(200).extract().response());
        assertTrue(notes.selectFirst("#credits").text().contains("a fan"), notes.selectFirst("#credits").text());
        assertFalse(notes.text().contains(shy.name), "not named in the credits");
        assertFalse(page().get("/releases.atom").then().statusCode(200).extract().asString().contains(shy.name),
                "not named in the feed");
        assertFalse(page().get("/honours").then().statusCode(200).extract().asString().contains(shy.name),
                "not named on the shipped wall");
    }

    @Test
    void reports_never_hide_a_staff_post() {
        Member pm = fx.member(unique("pm"));
        fx.grant(pm, "pm");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Staff answered"));
        Comment answer = fx.comment(s.id, pm, null, "A PM's answer", true);
        for (int i = 0; i < 3; i++) {
            form().auth().oauth2(DevTokens.accessToken(unique("reporter"))).formParam("reason", "SPAM")
                    .post("/comments/" + answer.id + "/report").then().statusCode(303);
        }

        assertEquals(3, fx.number("select open_reports from comment where id = ?1", answer.id), "waiting for an admin");
        assertEquals("false", fx.text("select hidden::text from comment where id = ?1", answer.id));
    }

    @Test
    void reports_still_hide_a_fans_post() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Fan commented"));
        Comment spam = fx.comment(s.id, fx.someone(), null, "Buy cheap phones", false);
        for (int i = 0; i < 3; i++) {
            form().auth().oauth2(DevTokens.accessToken(unique("reporter"))).formParam("reason", "SPAM")
                    .post("/comments/" + spam.id + "/report").then().statusCode(303);
        }

        assertEquals("true", fx.text("select hidden::text from comment where id = ?1", spam.id));
    }

    @Test
    @TestSecurity(user = "banned-admin", roles = "admin")
    void a_banned_admin_reads_no_hidden_post_and_acts_on_nothing() {
        Member admin = fx.member("banned-admin");
        Suggestion hidden = fx.suggestion(fx.board(), fx.someone(), unique("Hidden from banned"));
        fx.hide(hidden.id);
        page().get("/suggestions/" + hidden.id).then().statusCode(200);

        fx.sanction(admin, "BAN", null, "compromised account");

        page().get("/suggestions/" + hidden.id).then().statusCode(404);
        page().get("/admin/reports").then().statusCode(403);
        page().get("/triage").then().statusCode(403);
        Suggestion shown = fx.suggestion(fx.board(), fx.someone(), unique("Shown"));
        assertNull(html(page().get("/suggestions/" + shown.id).then().statusCode(200).extract().response())
                .selectFirst("details.admin-panel"), "no admin controls drawn for a banned admin");
        form().formParam("reason", "spam").post("/admin/reports/suggestion/" + shown.id + "/hide").then().statusCode(403);
        assertEquals("false", fx.text("select hidden::text from suggestion where id = ?1", shown.id));
    }

}
