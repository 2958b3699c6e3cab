package app.fanloop.cluster;

import static app.fanloop.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.arjuna.ats.arjuna.coordinator.TxControl;

import app.fanloop.Fixtures;
import app.fanloop.Waits;
import app.fanloop.event.DomainEvents;
import app.fanloop.event.EventKind;
import app.fanloop.member.Member;
import app.fanloop.notification.EmailMode;
import app.fanloop.notification.NotificationDelivery;
import app.fanloop.notification.NotificationMailer;
import app.fanloop.release.Release;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.release.ReleasePublisher;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.SiteClock;
import app.fanloop.web.SiteConfig;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Claims do not outlive their node (README "Several nodes"): a node that vanishes without closing its connections
 * (power loss, partition) keeps its claims only until the server ends its silent session, and then this node does the
 * work, once. The app's every connection carries the bound; here a {@link VanishedNode} shortens it to a few seconds.
 */
@QuarkusTest
class ClaimExpiryTest {

    /** Stands for the 2 minutes of application.properties: long enough for this node's first run to meet the claim. */
    static final Duration BOUND = Duration.ofSeconds(3);

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Inject
    DataSource dataSource;

    @Inject
    ReleasePublisher publisher;

    @Inject
    NotificationDelivery delivery;

    @Inject
    NotificationMailer mailer;

    @Inject
    DomainEvents events;

    @Inject
    MockMailbox mailbox;

    @Inject
    SiteClock clock;

    @Inject
    SiteConfig site;

    @BeforeEach
    void emptyMailbox() {
        mailbox.clear();
    }

    @AfterEach
    void realTime() {
        clock.reset();
    }

    @Test
    void every_connection_of_the_app_ends_a_silent_transaction_and_probes_a_silent_peer() throws Exception {
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("idle_in_transaction_session_timeout", "2min");
        expected.put("tcp_keepalives_idle", "60"); // seconds
        expected.put("tcp_keepalives_interval", "10"); // seconds
        expected.put("tcp_keepalives_count", "6");
        expected.put("tcp_user_timeout", "120000"); // milliseconds
        // Tests run with the URL given on the command line, as the bench and production give it in the environment.
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            for (var setting : expected.entrySet()) {
                try (ResultSet rs = s.executeQuery("show " + setting.getKey())) {
                    rs.next();
                    assertEquals(setting.getValue(), rs.getString(1), setting.getKey() + " of a pooled connection");
                }
            }
        }
        assertEquals("2min", fx.text("show idle_in_transaction_session_timeout"), "a service's transaction has it too");

        long boundMs = fx.number("select setting::bigint from pg_settings where name = 'idle_in_transaction_session_timeout'");
        assertTrue(boundMs > TxControl.getDefaultTimeout() * 1000L, "no transaction the app may commit is ever cut: "
                + boundMs + " ms idle against a transaction timeout of " + TxControl.getDefaultTimeout() + " s");
    }

    @Test
    void a_due_release_claimed_by_a_vanished_node_is_published_here_once_its_claim_expires() throws Exception {
        Release release = rf.draft(ReleaseChannel.DEV, unique("OS-vanished"), null,
                fx.suggestion(fx.board(), fx.someone(), unique("Vanished publisher")).id);
        rf.schedule(release.id, Instant.now().minusSeconds(60));

        try (VanishedNode other = VanishedNode.connect(fx, BOUND)) {
            assertEquals(List.of(release.id), other.claim("""
                    select id from release where id = ? and state = 'SCHEDULED' for update skip locked""", release.id));
            other.write("update release set summary = 'half done' where id = ?", release.id);

            publisher.publishDue();
            assertEquals("SCHEDULED", state(release), "the claim holds while the other node's session lives");

            other.awaitDropped();
            publisher.publishDue();
            assertEquals("PUBLISHED", state(release));
            assertEquals(1, fx.number("select count(*) from domain_event where kind = 'RELEASE_PUBLISHED' and release_id = ?1",
                    release.id), "published once");
            assertEquals("Summary of " + release.version, fx.text("select summary from release where id = ?1", release.id),
                    "the vanished node's half-done work was rolled back");
            assertFalse(other.canCommit(), "were it to come back, nothing of it commits");
        }
    }

    @Test
    void events_claimed_by_a_vanished_node_are_delivered_here_once_its_claim_expires() throws Exception {
        Member follower = fx.someone();
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Vanished delivery"));
        fx.followAs(s.id, follower);
        long event = QuarkusTransaction.requiringNew().call(() -> events.suggestion(EventKind.SUGGESTION_STATUS_CHANGED,
                fx.member("paula"), s.id, null, Map.of("from", "OPEN", "to", "PLANNED")).id);

        try (VanishedNode other = VanishedNode.connect(fx, BOUND)) {
            assertEquals(List.of(event), other.claim(
                    "select id from domain_event where id = ? and delivered_at is null for update skip locked", event));

            delivery.deliverPending();
            assertEquals(List.of(), rf.kinds(follower, s.id), "the claim holds while the other node's session lives");

            other.awaitDropped();
            delivery.deliverPending();
            delivery.deliverPending();
            assertEquals(List.of("STATUS_CHANGED"), rf.kinds(follower, s.id), "delivered once");
        }
    }

    @Test
    void mail_claimed_by_a_vanished_node_goes_out_here_once_its_claim_expires() throws Exception {
        Member member = rf.withEmail("vanished-mail");
        rf.emailMode(member, EmailMode.IMMEDIATE, "en");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Vanished mailer"));
        fx.followAs(s.id, member);
        rf.statusChanged(s, "PLANNED");

        try (VanishedNode other = VanishedNode.connect(fx, BOUND)) {
            assertEquals(1, other.claim("""
                    select id from notification where member_id = ? and mail_pending order by id for update skip locked""",
                    member.id).size());

            mailer.sendImmediate();
            assertEquals(0, mailbox.getMailsSentTo(member.email).size(), "the claim holds while the other node's session lives");

            other.awaitDropped();
            mailer.sendImmediate();
            mailer.sendImmediate();
            assertEquals(1, mailbox.getMailsSentTo(member.email).size(), "mailed once");
        }
    }

    @Test
    void a_digest_claimed_by_a_vanished_node_is_sent_here_once_its_claim_row_is_rolled_back() throws Exception {
        clock.advance(Duration.ofDays(7 * 1100)); // a week no other test writes notifications in
        Member reader = rf.withEmail("vanished-digest");
        rf.emailMode(reader, EmailMode.WEEKLY, "en");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Vanished digest"));
        fx.followAs(s.id, reader);
        rf.statusChanged(s, "PLANNED");
        ZonedDateTime nextMonday = clock.now().atZone(site.zone()).toLocalDate().with(TemporalAdjusters.next(DayOfWeek.MONDAY))
                .atStartOfDay(site.zone());
        LocalDate week = nextMonday.toLocalDate().minusWeeks(1);
        clock.advance(Duration.between(clock.now(), nextMonday.plusHours(10)));

        ExecutorService here = Executors.newSingleThreadExecutor();
        try (VanishedNode other = VanishedNode.connect(fx, BOUND)) {
            // The other node's digest run has inserted its claim row and is sending, uncommitted, when it vanishes.
            assertEquals(1, other.write("""
                    insert into notification_digest (member_id, week_start, item_count, sent_at) values (?, ?, 1, now())""",
                    reader.id, week));

            Future<Integer> run = here.submit(mailer::sendDigests);
            Waits.until(() -> fx.number("select count(*) from pg_stat_activity where ?1 = any(pg_blocking_pids(pid))",
                    other.pid) > 0, "this node's digest waits for the other node's claim row");
            assertEquals(0, mailbox.getMailsSentTo(reader.email).size());

            other.awaitDropped();
            assertEquals(1, run.get(30, TimeUnit.SECONDS), "this node sent the digest the other one never committed");
            assertEquals(0, mailer.sendDigests(), "and once only");
            assertEquals(1, mailbox.getMailsSentTo(reader.email).size());
        } finally {
            here.shutdownNow();
        }
    }

    private String state(Release release) {
        return fx.text("select state from release where id = ?1", release.id);
    }
}
