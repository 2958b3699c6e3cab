package app.fanloop.notification;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.Map;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.event.DomainEvents;
import app.fanloop.member.Member;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.SiteClock;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * Notification choices: a channel per kind (bell, e-mail at once, weekly digest, off), applied where notifications are
 * written and mail is picked, set on /me, and one kind stopped from the mail itself.
 */
@QuarkusTest
class NotificationChoicesTest {

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Inject
    NotificationMailer mailer;

    @Inject
    NotificationChoices choices;

    @Inject
    MockMailbox mailbox;

    @Inject
    UnsubscribeTokens tokens;

    @Inject
    DomainEvents events;

    @Inject
    SiteClock clock;

    @BeforeEach
    void clean() {
        rf.deliver();
        mailer.sendImmediate();
        mailbox.clear();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    private void choose(Member m, NotificationCategory category, NotificationChannel channel, EmailMode mode) {
        QuarkusTransaction.requiringNew().run(() -> choices.set(m.id, mode, category, channel));
    }

    private Suggestion followedBy(Member... members) {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Choices"));
        for (Member m : members) {
            fx.followAs(s.id, m);
        }
        return s;
    }

    /** A reply to a comment of {@code author}: a REPLIES notification for them. */
    private void replyTo(Member author, Suggestion s) {
        long commentId = fx.comment(s.id, author, null, "My comment", false).id;
        long replyId = fx.comment(s.id, fx.someone(), commentId, "A reply", false).id;
        QuarkusTransaction.requiringNew().run(() -> events.reply(fx.member("paula"), s.id, replyId, author.id,
                Map.of("excerpt", "A reply")));
        rf.deliver();
    }

    private List<String> kinds(Member m) {
        return rf.kinds(m);
    }

    @Test
    void a_kind_turned_off_is_never_written_in_any_chunk_and_the_event_still_completes() {
        Member[] followers = new Member[7];
        for (int i = 0; i < followers.length; i++) {
            followers[i] = rf.withEmail("chunk" + i);
            if (i % 2 == 0) {
                choose(followers[i], NotificationCategory.FOLLOWED, NotificationChannel.OFF, EmailMode.DEFAULT);
            }
        }
        Suggestion s = followedBy(followers);

        rf.statusChanged(s, "PLANNED"); // delivered in chunks of 4 audience members (test profile)

        for (int i = 0; i < followers.length; i++) {
            assertEquals(i % 2 == 0 ? List.of() : List.of("STATUS_CHANGED"), kinds(followers[i]), "follower " + i);
        }
        assertEquals(0, fx.number("select count(*) from domain_event where suggestion_id = ?1 and delivered_at is null", s.id));
    }

    @Test
    void immediate_delivery_mails_only_the_kinds_chosen_for_immediate_mail() {
        Member weeklyButFollowedNow = rf.withEmail("kind-now");
        rf.emailMode(weeklyButFollowedNow, EmailMode.WEEKLY, "en");
        choose(weeklyButFollowedNow, NotificationCategory.FOLLOWED, NotificationChannel.IMMEDIATE, EmailMode.WEEKLY);
        Member nowButFollowedInBell = rf.withEmail("kind-bell");
        rf.emailMode(nowButFollowedInBell, EmailMode.IMMEDIATE, "en");
        choose(nowButFollowedInBell, NotificationCategory.FOLLOWED, NotificationChannel.BELL, EmailMode.IMMEDIATE);
        Suggestion s = followedBy(weeklyButFollowedNow, nowButFollowedInBell);

        rf.statusChanged(s, "PLANNED");
        replyTo(nowButFollowedInBell, s);
        replyTo(weeklyButFollowedNow, s);
        mailer.sendImmediate();

        List<Mail> first = mailbox.getMailsSentTo(weeklyButFollowedNow.email);
        assertEquals(1, first.size(), "the status change at once; the reply waits for the digest");
        assertTrue(first.get(0).getSubject().contains(s.title), first.get(0).getSubject());
        List<Mail> second = mailbox.getMailsSentTo(nowButFollowedInBell.email);
        assertEquals(1, second.size(), "only the reply is mailed");
        assertFalse(second.get(0).getText().contains("is now: Planned"), second.get(0).getText());
        assertEquals(List.of("STATUS_CHANGED", "COMMENT_REPLY"), kinds(nowButFollowedInBell), "both are in the bell");
    }

    @Test
    void the_digest_lists_only_the_kinds_chosen_for_the_digest() {
        Member weekly = rf.withEmail("digest-kinds");
        rf.emailMode(weekly, EmailMode.WEEKLY, "en");
        choose(weekly, NotificationCategory.FOLLOWED, NotificationChannel.BELL, EmailMode.WEEKLY);
        Member noMailButRepliesWeekly = rf.withEmail("digest-replies");
        rf.emailMode(noMailButRepliesWeekly, EmailMode.OFF, "en");
        choose(noMailButRepliesWeekly, NotificationCategory.REPLIES, NotificationChannel.WEEKLY, EmailMode.OFF);
        Member onlyFollowed = rf.withEmail("digest-none");
        rf.emailMode(onlyFollowed, EmailMode.WEEKLY, "en");
        choose(onlyFollowed, NotificationCategory.FOLLOWED, NotificationChannel.BELL, EmailMode.WEEKLY);
        Suggestion s = followedBy(weekly, noMailButRepliesWeekly, onlyFollowed);

        rf.statusChanged(s, "PLANNED");
        replyTo(weekly, s);
        replyTo(noMailButRepliesWeekly, s);

        ZoneId site = ZoneId.of("Asia/Shanghai");
        ZonedDateTime nextMonday = ZonedDateTime.now(site).with(TemporalAdjusters.next(DayOfWeek.MONDAY)).toLocalDate()
                .atStartOfDay(site);
        clock.reset();
        clock.advance(Duration.between(Instant.now(), nextMonday.plusHours(10).toInstant()));
        mailer.sendDigests();

        List<Mail> digest = mailbox.getMailsSentTo(weekly.email);
        assertEquals(1, digest.size());
        String text = Jsoup.parse(digest.get(0).getHtml()).text();
        assertTrue(digest.get(0).getSubject().contains("1 updates"), digest.get(0).getSubject());
        assertFalse(text.contains("is now"), "the status change stays in the bell: " + text);
        assertEquals(1, mailbox.getMailsSentTo(noMailButRepliesWeekly.email).size(), "a kind chosen for the digest");
        assertEquals(0, mailbox.getMailsSentTo(onlyFollowed.email).size(), "nothing chosen for the digest, no digest");
    }

    @Test
    @TestSecurity(user = "choices-tester", roles = "fan")
    void choices_are_set_on_me_and_only_what_differs_from_the_default_is_stored() {
        Document me = html(page().get("/me").then().statusCode(200).extract().response());
        assertNotNull(me.selectFirst("#notification-choices select[name=mentions]"));
        assertEquals(NotificationCategory.ALL.size(), me.select("#notification-choices select").size());

        Response saved = form().formParam("mentions", "BELL").formParam("replies", "WEEKLY")
                .formParam("releases", "OFF").post("/me/notification-choices");
        assertEquals(303, saved.statusCode());
        Member tester = fx.member("choices-tester");
        assertEquals(List.of("MENTIONS:BELL", "RELEASES:OFF"), fx.texts("""
                select category || ':' || channel from notification_choice where member_id = ?1 order by category""",
                tester.id), "the weekly digest is the default: not stored");

        Document after = html(page().get("/me?saved=choices").then().statusCode(200).extract().response());
        assertEquals("BELL", after.selectFirst("select[name=mentions] option[selected]").val());
        assertNotNull(after.selectFirst("#notification-choices .notice"));

        form().formParam("mentions", "WEEKLY").post("/me/notification-choices").then().statusCode(303);
        assertEquals(List.of("RELEASES:OFF"), fx.texts(
                "select category || ':' || channel from notification_choice where member_id = ?1 order by category",
                tester.id), "back to the default: the row goes");
        assertEquals(400, form().formParam("mentions", "LOUD").post("/me/notification-choices").statusCode());
    }

    @Test
    void one_click_in_the_mail_stops_one_kind_and_keeps_the_others() {
        Member member = rf.withEmail("stop-kind");
        rf.emailMode(member, EmailMode.IMMEDIATE, "en");
        Suggestion s = followedBy(member);
        rf.statusChanged(s, "PLANNED");
        mailer.sendImmediate();

        Mail mail = mailbox.getMailsSentTo(member.email).get(0);
        String token = tokens.tokenFor(member.id, NotificationCategory.FOLLOWED);
        String link = "http://localhost:8081/unsubscribe/" + token + "/followed";
        assertEquals(List.of("<" + link + ">"), mail.getHeaders().get("List-Unsubscribe"));
        assertTrue(mail.getHtml().contains(link) && mail.getText().contains(link), "a link beside the line");

        assertEquals(404, given().redirects().follow(false).post("/unsubscribe/" + token + "/replies").statusCode(),
                "a token of one kind is no token of another");
        assertEquals(404, given().redirects().follow(false).post("/unsubscribe/" + token).statusCode(),
                "nor of all e-mail");
        Document page = html(given().header("Accept-Language", "en").get("/unsubscribe/" + token + "/followed").then()
                .statusCode(200).extract().response());
        assertTrue(page.text().contains("Status changes of what I follow"), page.text());

        Response oneClick = given().redirects().follow(false).contentType("application/x-www-form-urlencoded")
                .formParam("List-Unsubscribe", "One-Click").post("/unsubscribe/" + token + "/followed");
        assertEquals(200, oneClick.statusCode());
        assertEquals("FOLLOWED:BELL", fx.text(
                "select category || ':' || channel from notification_choice where member_id = ?1", member.id));
        assertEquals("IMMEDIATE", fx.text("select email_mode from notification_preference where member_id = ?1", member.id));

        mailbox.clear();
        rf.statusChanged(s, "IN_PROGRESS");
        replyTo(member, s);
        mailer.sendImmediate();
        List<Mail> after = mailbox.getMailsSentTo(member.email);
        assertEquals(1, after.size(), "the reply is still mailed");
        assertFalse(after.get(0).getText().contains("In progress"), after.get(0).getText());
        assertEquals(List.of("STATUS_CHANGED", "STATUS_CHANGED", "COMMENT_REPLY"), kinds(member), "all in the bell");
    }

    @Test
    void unsubscribing_from_all_e_mail_also_stops_kinds_chosen_for_mail() {
        Member member = rf.withEmail("stop-all");
        rf.emailMode(member, EmailMode.WEEKLY, "en");
        choose(member, NotificationCategory.FOLLOWED, NotificationChannel.IMMEDIATE, EmailMode.WEEKLY);
        given().redirects().follow(false).post("/unsubscribe/" + tokens.tokenFor(member.id)).then().statusCode(200);

        Suggestion s = followedBy(member);
        rf.statusChanged(s, "PLANNED");
        mailer.sendImmediate();
        assertEquals(0, mailbox.getMailsSentTo(member.email).size());
        assertEquals(List.of("STATUS_CHANGED"), kinds(member), "still in the bell");
    }
}
