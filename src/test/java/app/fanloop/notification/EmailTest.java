package app.fanloop.notification;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.member.Member;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.SiteClock;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** E-mail: preferences, the member's language, the weekly digest and unsubscribing without signing in. */
@QuarkusTest
class EmailTest {

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Inject
    NotificationMailer mailer;

    @Inject
    app.fanloop.ProgramFixtures programs;

    @Inject
    MockMailbox mailbox;

    @Inject
    SiteClock clock;

    @Inject
    UnsubscribeTokens tokens;

    @BeforeEach
    void emptyMailbox() {
        mailbox.clear();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void immediate_mail_goes_out_once_in_the_members_language_with_unsubscribe_headers() {
        Member english = rf.withEmail("now-en");
        Member chinese = rf.withEmail("now-zh");
        Member off = rf.withEmail("off");
        Member weekly = rf.withEmail("weekly");
        rf.emailMode(english, EmailMode.IMMEDIATE, "en");
        rf.emailMode(chinese, EmailMode.IMMEDIATE, "zh");
        rf.emailMode(off, EmailMode.OFF, "en");
        Suggestion s = followedBy(unique("Mail me"), english, chinese, off, weekly);

        rf.statusChanged(s, "PLANNED");
        mailer.sendImmediate();

        List<Mail> mails = mailbox.getMailsSentTo(english.email);
        assertEquals(1, mails.size());
        Mail mail = mails.get(0);
        assertEquals("“" + s.title + "” is now: Planned", mail.getSubject());
        assertTrue(mail.getText().contains("/me/notifications/"), "links to the notification");
        String unsubscribe = "http://localhost:8081/unsubscribe/" + tokens.tokenFor(english.id);
        // A mail about one kind unsubscribes from that kind in one click; the footer still stops all e-mail.
        String oneKind = "http://localhost:8081/unsubscribe/" + tokens.tokenFor(english.id, NotificationCategory.FOLLOWED)
                + "/followed";
        assertEquals(List.of("<" + oneKind + ">"), mail.getHeaders().get("List-Unsubscribe"));
        assertEquals(List.of("List-Unsubscribe=One-Click"), mail.getHeaders().get("List-Unsubscribe-Post"));
        assertTrue(mail.getHtml().contains(unsubscribe), "the link that stops all e-mail is in the body");
        assertTrue(mail.getHtml().contains(oneKind), "and the one that stops this kind");

        assertEquals("「" + s.title + "」的状态变为：已采纳", mailbox.getMailsSentTo(chinese.email).get(0).getSubject());
        assertEquals(0, mailbox.getMailsSentTo(off.email).size(), "off means off");
        assertEquals(0, mailbox.getMailsSentTo(weekly.email).size(), "weekly waits for the digest");

        mailer.sendImmediate();
        assertEquals(1, mailbox.getMailsSentTo(english.email).size(), "sent once");

        rf.statusChanged(s, "IN_PROGRESS");
        rf.statusChanged(s, "UNDER_REVIEW");
        mailer.sendImmediate();
        assertEquals(2, mailbox.getMailsSentTo(english.email).size(), "one mail for what piled up since the last one");
        assertEquals("Fanloop: 2 new notifications", mailbox.getMailsSentTo(english.email).get(1).getSubject());
    }

    @Test
    void the_weekly_digest_lists_last_weeks_unread_notifications_once() {
        Member reader = rf.withEmail("digest");
        Member readItAll = rf.withEmail("digest-read");
        Member immediate = rf.withEmail("digest-now");
        rf.emailMode(reader, EmailMode.WEEKLY, "en");
        rf.emailMode(immediate, EmailMode.IMMEDIATE, "en");
        Suggestion first = followedBy(unique("Digest one"), reader, readItAll, immediate);
        Suggestion second = followedBy(unique("Digest two"), reader);
        rf.statusChanged(first, "PLANNED");
        rf.statusChanged(second, "DECLINED");
        rf.readAll(readItAll);

        ZoneId site = ZoneId.of("Asia/Shanghai");
        ZonedDateTime nextMonday = ZonedDateTime.now(site).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).toLocalDate()
                .atStartOfDay(site);
        moveTo(nextMonday.plusHours(8));
        assertEquals(0, mailer.sendDigests(), "not before Monday 09:00");

        moveTo(nextMonday.plusHours(10));
        mailer.sendDigests();
        List<Mail> mails = mailbox.getMailsSentTo(reader.email);
        assertEquals(1, mails.size());
        Mail digest = mails.get(0);
        assertTrue(digest.getSubject().startsWith("Fanloop weekly: 2 updates for you"), digest.getSubject());
        Document body = org.jsoup.Jsoup.parse(digest.getHtml());
        assertTrue(body.text().contains(first.title) && body.text().contains(second.title), body.text());
        assertTrue(body.text().contains("Declined"));
        assertFalse(digest.getHeaders().get("List-Unsubscribe").isEmpty());
        assertEquals(0, mailbox.getMailsSentTo(readItAll.email).size(), "nothing unread, no digest");
        assertEquals(0, mailbox.getMailsSentTo(immediate.email).size(), "immediate members get no digest");

        mailer.sendDigests();
        moveTo(nextMonday.plusHours(30));
        mailer.sendDigests();
        assertEquals(1, mailbox.getMailsSentTo(reader.email).size(), "one digest per week");
    }

    @Test
    void mail_and_digests_tell_of_a_program_post_only_those_who_read_the_program() {
        app.fanloop.ProgramFixtures.Program program = programs.program();
        Member tester = rf.withEmail("beta-now");
        Member removed = rf.withEmail("beta-removed");
        Member leaving = rf.withEmail("beta-weekly");
        rf.emailMode(tester, EmailMode.IMMEDIATE, "en");
        rf.emailMode(removed, EmailMode.IMMEDIATE, "en");
        rf.emailMode(leaving, EmailMode.WEEKLY, "en");
        programs.grant(tester, program);
        programs.grant(leaving, program);
        programs.grant(removed, program);
        programs.revoke(removed, program);
        Suggestion s = fx.suggestion(program.board(), fx.someone(), unique("Beta mail"));
        for (Member m : List.of(tester, removed, leaving)) {
            fx.followAs(s.id, m);
        }

        rf.statusChanged(s, "PLANNED");
        mailer.sendImmediate();
        assertEquals(1, mailbox.getMailsSentTo(tester.email).size(), "a tester is mailed");
        assertEquals(0, mailbox.getMailsSentTo(removed.email).size(), "a removed tester is not");

        // Removed before the digest: the week's digest does not tell them of the program's post.
        programs.revoke(leaving, program);
        ZoneId site = ZoneId.of("Asia/Shanghai");
        moveTo(ZonedDateTime.now(site).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).toLocalDate().atStartOfDay(site)
                .plusHours(10));
        mailer.sendDigests();
        assertTrue(mailbox.getMailsSentTo(leaving.email).stream().noneMatch(m -> m.getHtml().contains(s.title)),
                "no digest line about the program's post");
    }

    @Test
    void unsubscribing_needs_no_sign_in_and_a_forged_token_does_nothing() {
        Member member = rf.withEmail("leaver");
        rf.emailMode(member, EmailMode.IMMEDIATE, "en");
        String token = tokens.tokenFor(member.id);

        Document page = html(given().header("Accept-Language", "en").get("/unsubscribe/" + token).then().statusCode(200)
                .extract().response());
        assertTrue(page.text().contains(member.name));
        assertEquals("/unsubscribe/" + token + "?from=page", page.selectFirst("main form").attr("action"));

        // What a mail client does for RFC 8058: a POST with no cookie, no CSRF token, no session.
        Response oneClick = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("List-Unsubscribe", "One-Click").post("/unsubscribe/" + token);
        assertEquals(200, oneClick.statusCode());
        assertEquals("OFF", fx.text("select email_mode from notification_preference where member_id = ?1", member.id));

        rf.emailMode(member, EmailMode.WEEKLY, "en");
        Response button = given().redirects().follow(false).post("/unsubscribe/" + token + "?from=page");
        assertEquals(303, button.statusCode());
        assertEquals("/unsubscribe/" + token + "?done=true", location(button));
        assertEquals("OFF", fx.text("select email_mode from notification_preference where member_id = ?1", member.id));

        Member victim = rf.withEmail("victim");
        rf.emailMode(victim, EmailMode.IMMEDIATE, "en");
        String forged = victim.id + token.substring(token.indexOf('-'));
        assertEquals(404, given().redirects().follow(false).post("/unsubscribe/" + forged).statusCode());
        assertEquals(404, given().get("/unsubscribe/" + forged).statusCode());
        assertEquals("IMMEDIATE", fx.text("select email_mode from notification_preference where member_id = ?1", victim.id));
    }

    private Suggestion followedBy(String title, Member... members) {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), title);
        for (Member m : members) {
            fx.followAs(s.id, m);
        }
        return s;
    }

    private void moveTo(ZonedDateTime at) {
        clock.reset();
        clock.advance(Duration.between(Instant.now(), at.toInstant()));
    }
}
