package app.fanloop.notification;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.member.Member;
import app.fanloop.metrics.Scrape;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.SiteClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/**
 * Mail that fails is visible: with the SMTP server (GreenMail) stopped, each failed send is counted at /q/metrics and
 * shown to admins on /admin/mail with its error; it is retried with growing waits, given up after the last attempt
 * but kept owed, and sent exactly once when the server is back (or an admin sends it again), which resolves it.
 */
@QuarkusTest
@TestProfile(SmtpMailTest.RealSmtp.class)
class MailFailureTest {

    static final String FAILED = "fanloop_mails_failed_total{kind=\"immediate\"}";
    static final String SENT = "fanloop_mails_sent_total{kind=\"immediate\"}";
    static final String GIVEN_UP = "fanloop_mails_given_up_total{kind=\"immediate\"}";

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Inject
    NotificationMailer mailer;

    @Inject
    NotificationConfig config;

    @Inject
    SiteClock clock;

    @AfterEach
    void serverBackAndClockReset() {
        clock.reset();
        SmtpMailTest.SmtpServer.comeBack();
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void failed_mails_are_counted_shown_to_admins_retried_after_a_wait_and_sent_once_when_the_server_is_back() {
        List<Member> members = List.of(rf.withEmail("mail-fails"), rf.withEmail("mail-fails"));
        owe(members, unique("Failing mail"));
        Scrape before = Scrape.now();
        long failedLastDay = stat(adminPage(), "mail-failed-last-day");

        SmtpMailTest.SmtpServer.goAway();
        mailer.sendImmediate();

        Scrape failed = Scrape.now();
        assertEquals(2, failed.since(before, FAILED), "one failed attempt per member");
        assertEquals(0, failed.since(before, SENT));
        Document page = adminPage();
        assertEquals(failedLastDay + 2, stat(page, "mail-failed-last-day"));
        for (Member m : members) {
            Element row = openRow(page, m);
            assertNotNull(row, "shown to admins: " + m.name);
            assertTrue(row.hasClass("mail-retrying"));
            assertEquals("1", row.selectFirst(".mail-attempts").text());
            assertFalse(row.selectFirst(".mail-error").text().isBlank(), "the server's answer is shown");
            assertEquals(1, pending(m), "still owed");
        }

        mailer.sendImmediate();
        assertEquals(2, Scrape.now().since(before, FAILED), "not tried again before its wait is over");

        SmtpMailTest.SmtpServer.comeBack();
        mailer.sendImmediate();
        for (Member m : members) {
            assertEquals(0, SmtpMailTest.SmtpServer.receivedBy(m.email), "still waiting for its next attempt: " + m.email);
        }

        clock.advance(Duration.ofMinutes(2));
        mailer.sendImmediate();
        // A send to the just-restarted GreenMail now and then stalls into a 421 (SmtpOutageTest): the app tries it
        // again after its back-off, and so does the test, at most twice; each such failure is recorded and counted.
        int extraRounds = 0;
        while (members.stream().anyMatch(m -> pending(m) > 0) && extraRounds < 2) {
            extraRounds++;
            clock.advance(Duration.ofHours(2));
            mailer.sendImmediate();
        }
        mailer.sendImmediate();

        Scrape sent = Scrape.now();
        assertEquals(2, sent.since(before, SENT));
        long attempts = 0;
        for (Member m : members) {
            attempts += fx.number("select coalesce(sum(attempts), 0) from mail_failure where member_id = ?1", m.id);
        }
        assertEquals(attempts, sent.since(before, FAILED), "every failed attempt counted once");
        if (extraRounds == 0) {
            assertEquals(2, attempts, "no failure once the server is back");
        }
        page = adminPage();
        for (Member m : members) {
            assertEquals(1, SmtpMailTest.SmtpServer.receivedBy(m.email), "sent exactly once: " + m.email);
            assertEquals(0, pending(m));
            assertNull(openRow(page, m), "no longer failing: " + m.name);
            assertNotNull(page.selectFirst("table.mail-resolved tr:has(a[href=/admin/members/" + m.id + "])"),
                    "listed as resolved: " + m.name);
            assertEquals(0, fx.number("select count(*) from mail_failure where member_id = ?1 and resolved_at is null", m.id));
        }
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void after_the_last_attempt_a_mail_is_given_up_but_kept_and_goes_out_once_an_admin_sends_it_again() {
        Member m = rf.withEmail("mail-given-up");
        owe(List.of(m), unique("Given up"));
        Scrape before = Scrape.now();

        SmtpMailTest.SmtpServer.goAway();
        for (int i = 0; i < config.mailMaxAttempts(); i++) {
            mailer.sendImmediate();
            clock.advance(Duration.ofHours(2)); // past the longest wait
        }
        mailer.sendImmediate();

        Scrape given = Scrape.now();
        assertEquals(config.mailMaxAttempts(), given.since(before, FAILED), "no attempt after the last one");
        assertEquals(1, given.since(before, GIVEN_UP));
        assertEquals(1, pending(m), "given up, never dropped: the mail is still owed");
        Document page = adminPage();
        Element row = openRow(page, m);
        assertTrue(row.hasClass("mail-given-up"));
        assertEquals(Integer.toString(config.mailMaxAttempts()), row.selectFirst(".mail-attempts").text());
        assertTrue(stat(page, "mail-given-up") >= 1);

        SmtpMailTest.SmtpServer.comeBack();
        clock.advance(Duration.ofHours(2));
        mailer.sendImmediate();
        assertEquals(0, SmtpMailTest.SmtpServer.receivedBy(m.email), "a given-up mail waits for an admin");

        String retry = row.selectFirst("form").attr("action");
        // A send to the just-restarted GreenMail now and then stalls into a 421 (SmtpOutageTest). After an admin's
        // "send again" one more failure gives the mail up again (by design), so the admin sends it again, as they
        // would; "sent once" below still holds it to no duplicate, whatever number of tries it took.
        int retries = 0;
        do {
            var retried = form().post(retry);
            retries++;
            assertEquals(303, retried.statusCode());
            assertTrue(location(retried).startsWith("/admin/mail?retried="));
            assertNotNull(html(page().get(location(retried)).then().statusCode(200).extract().response())
                    .selectFirst("#retry-queued"));
            mailer.sendImmediate();
        } while (pending(m) > 0 && retries < 3);

        assertEquals(1, SmtpMailTest.SmtpServer.receivedBy(m.email), "sent once");
        assertEquals(0, pending(m));
        assertEquals(1, Scrape.now().since(before, SENT));
        assertNull(openRow(adminPage(), m));
        assertEquals(retries, fx.number("select count(*) from audit_entry where action = 'mail.retry' and target_id = ?1",
                Long.parseLong(retry.replaceAll("\\D", ""))), "each send-again is audited");
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void only_admins_see_the_mail_page_or_send_again() {
        assertEquals(403, page().get("/admin/mail").statusCode());
        assertEquals(403, form().post("/admin/mail/1/retry").statusCode());
    }

    private void owe(List<Member> members, String title) {
        // Mail other tests left owed would go out (or fail) in these runs too and move the counters.
        fx.sql("update notification set mail_pending = false where mail_pending");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), title);
        for (Member m : members) {
            rf.emailMode(m, EmailMode.IMMEDIATE, "en");
            fx.followAs(s.id, m);
        }
        rf.statusChanged(s, "PLANNED");
    }

    private static Document adminPage() {
        return html(page().get("/admin/mail").then().statusCode(200).extract().response());
    }

    private static Element openRow(Document page, Member m) {
        return page.selectFirst("table.mail-failures tr:has(a[href=/admin/members/" + m.id + "])");
    }

    private static long stat(Document page, String id) {
        return Long.parseLong(page.selectFirst("#" + id + " dd").text().strip());
    }

    private long pending(Member m) {
        return fx.number("select count(*) from notification where member_id = ?1 and mail_pending", m.id);
    }
}
