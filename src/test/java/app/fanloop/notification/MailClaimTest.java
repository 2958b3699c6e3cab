package app.fanloop.notification;

import static app.fanloop.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.arjuna.ats.arjuna.coordinator.TxControl;

import app.fanloop.Fixtures;
import app.fanloop.member.Member;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.SiteClock;
import app.fanloop.web.SiteConfig;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A mail the SMTP server took is not sent again because a transaction rolled back (issue 19): each mail is claimed
 * with a lease in a transaction of its own, sent outside any transaction and marked sent in another; a claim is taken
 * over only when its lease has run out, and the mail then sent again carries the same Message-ID.
 */
@QuarkusTest
class MailClaimTest {

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Inject
    NotificationMailer mailer;

    @Inject
    NotificationConfig config;

    @Inject
    MockMailbox mailbox;

    @Inject
    MailFaults faults;

    @Inject
    SiteClock clock;

    @Inject
    SiteConfig site;

    @BeforeEach
    void nothingOwedFromOtherTests() {
        mailer.sendImmediate();
        mailbox.clear();
    }

    @AfterEach
    void realTimeNoFaults() {
        faults.disarm();
        clock.reset();
    }

    @Test
    void a_mail_whose_marking_failed_is_not_sent_again_before_its_lease_runs_out_then_once_with_the_same_message_id() {
        Member member = owedImmediately("Marking fails");
        faults.failMarkingSent(member.email);

        mailer.sendImmediate();
        assertEquals(1, mails(member).size(), "the server took it");
        assertEquals(1, pending(member), "not marked sent: the transaction rolled back");

        mailer.sendImmediate();
        clock.advance(config.mailLease().minusSeconds(5));
        mailer.sendImmediate();
        assertEquals(1, mails(member).size(), "not sent again while its claim lasts");

        clock.advance(Duration.ofSeconds(10));
        mailer.sendImmediate();
        mailer.sendImmediate();
        List<Mail> mails = mails(member);
        assertEquals(2, mails.size(), "sent again once, after the lease ran out (the node may have died mid-send)");
        assertEquals(messageId(mails.get(0)), messageId(mails.get(1)), "the same Message-ID, so receivers can drop it");
        assertEquals(0, pending(member));
    }

    @Test
    void a_send_slower_than_the_transaction_timeout_is_sent_once_and_marked_sent() {
        Member member = owedImmediately("Slow server");
        int timeout = TxControl.getDefaultTimeout();
        faults.slowSend(member.email, Duration.ofSeconds(3));
        TxControl.setDefaultTimeout(2);
        try {
            mailer.sendImmediate();
        } finally {
            TxControl.setDefaultTimeout(timeout);
        }
        assertEquals(1, mails(member).size());
        assertEquals(0, pending(member), "marked sent: no transaction was open during the send");

        clock.advance(config.mailLease().plusMinutes(1));
        mailer.sendImmediate();
        assertEquals(1, mails(member).size(), "never sent again");
    }

    @Test
    void the_message_id_says_which_notifications_the_mail_carries() {
        Member member = owedImmediately("Message id");
        long id = fx.number("select max(id) from notification where member_id = ?1", member.id);

        mailer.sendImmediate();

        String host = site.url().getHost();
        assertEquals("<fanloop.mail." + member.id + "." + id + "-" + id + "@" + host + ">", messageId(mails(member).get(0)));
        assertEquals("<fanloop.digest.7.2026-11-23@" + host + ">", mailer.mailId("digest.7.2026-11-23"));
    }

    @Test
    void a_digest_claimed_by_a_node_that_died_mid_send_is_sent_once_its_lease_runs_out() {
        clock.advance(Duration.ofDays(7 * 1300)); // a week no other test writes notifications in
        Member reader = rf.withEmail("dead-digest");
        rf.emailMode(reader, EmailMode.WEEKLY, "en");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Dead digest"));
        fx.followAs(s.id, reader);
        rf.statusChanged(s, "PLANNED");
        ZonedDateTime nextMonday = clock.now().atZone(site.zone()).toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                .atStartOfDay(site.zone());
        LocalDate week = nextMonday.toLocalDate().minusWeeks(1);
        clock.advance(Duration.between(clock.now(), nextMonday.plusHours(10)));
        // The other node claimed the digest (committed) and died before marking it sent.
        fx.sql("""
                insert into notification_digest (member_id, week_start, item_count, claimed_by, claimed_until)
                values (?1, ?2, 1, 'dead-node:1/x', ?3)""", reader.id, week, clock.now().plus(config.mailLease()));

        assertEquals(0, mailer.sendDigests(), "the claim holds while its lease lasts");
        assertEquals(0, mails(reader).size());

        clock.advance(config.mailLease().plusSeconds(1));
        assertEquals(1, mailer.sendDigests());
        assertEquals(0, mailer.sendDigests(), "and once only");
        List<Mail> mails = mails(reader);
        assertEquals(1, mails.size());
        assertEquals("<fanloop.digest." + reader.id + "." + week + "@" + site.url().getHost() + ">", messageId(mails.get(0)));
    }

    private Member owedImmediately(String title) {
        Member member = rf.withEmail("claim");
        rf.emailMode(member, EmailMode.IMMEDIATE, "en");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique(title));
        fx.followAs(s.id, member);
        rf.statusChanged(s, "PLANNED");
        return member;
    }

    private List<Mail> mails(Member member) {
        return mailbox.getMailsSentTo(member.email);
    }

    private long pending(Member member) {
        return fx.number("select count(*) from notification where member_id = ?1 and mail_pending", member.id);
    }

    private static String messageId(Mail mail) {
        List<String> ids = mail.getHeaders().get("Message-ID");
        assertEquals(1, ids.size());
        return ids.get(0);
    }
}
