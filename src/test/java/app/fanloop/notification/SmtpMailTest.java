package app.fanloop.notification;

import static app.fanloop.Fixtures.unique;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import app.fanloop.Fixtures;
import app.fanloop.event.DomainEvents;
import app.fanloop.event.EventKind;
import app.fanloop.member.Member;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

/** One mail through a real SMTP server (GreenMail, started for this test), read back from its inbox. */
@QuarkusTest
@TestProfile(SmtpMailTest.RealSmtp.class)
class SmtpMailTest {

    /** The mailer sends for real, to the GreenMail server started before the app. */
    public static class RealSmtp implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(SmtpServer.class));
        }
    }

    /** Starts GreenMail on a free port and points quarkus-mailer at it. */
    public static class SmtpServer implements QuarkusTestResourceLifecycleManager {
        static GreenMail server;
        /** The port of the stopped server, 0 while it runs. */
        private static int stoppedPort;

        /** The SMTP server goes away: its port refuses connections. */
        static void goAway() {
            stoppedPort = server.getSmtp().getPort();
            server.stop();
        }

        /** A new GreenMail on the port the mailer was given: the server is back (nothing to do if it never left). */
        static void comeBack() {
            if (stoppedPort == 0) {
                return;
            }
            GreenMail again = new GreenMail(new ServerSetup(stoppedPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
            again.start();
            server = again;
            stoppedPort = 0;
        }

        /** How many mails the server took for this address since it (last) started. */
        static long receivedBy(String email) {
            return java.util.Arrays.stream(server.getReceivedMessages()).filter(message -> to(message).equals(email))
                    .count();
        }

        private static String to(jakarta.mail.internet.MimeMessage message) {
            try {
                return message.getRecipients(jakarta.mail.Message.RecipientType.TO)[0].toString();
            } catch (jakarta.mail.MessagingException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public Map<String, String> start() {
            server = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            server.start();
            return Map.of("quarkus.mailer.mock", "false",
                    "quarkus.mailer.host", "127.0.0.1",
                    "quarkus.mailer.port", Integer.toString(server.getSmtp().getPort()),
                    "quarkus.mailer.start-tls", "DISABLED",
                    "quarkus.mailer.tls", "false");
        }

        @Override
        public void stop() {
            if (server != null) {
                server.stop();
            }
        }
    }

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Inject
    DomainEvents events;

    @Inject
    NotificationMailer mailer;

    @Inject
    UnsubscribeTokens tokens;

    @Test
    void a_notification_mail_travels_through_smtp_with_its_headers_and_both_bodies() throws Exception {
        Member member = rf.withEmail("smtp");
        rf.emailMode(member, EmailMode.IMMEDIATE, "en");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Over the wire"));
        fx.followAs(s.id, member);
        QuarkusTransaction.requiringNew().run(() -> events.suggestion(EventKind.SUGGESTION_STATUS_CHANGED,
                fx.member("paula"), s.id, null, Map.of("from", "OPEN", "to", "IN_PROGRESS")));
        rf.deliver();

        assertTrue(mailer.sendImmediate() >= 1);

        MimeMessage received = Arrays.stream(SmtpServer.server.getReceivedMessages())
                .filter(m -> recipient(m).equals(member.email)).findFirst()
                .orElseThrow(() -> new AssertionError("no mail to " + member.email));
        assertEquals("“" + s.title + "” is now: In progress", received.getSubject());
        assertTrue(received.getFrom()[0].toString().contains("no-reply@fanloop.invalid"));
        String unsubscribe = "http://localhost:8081/unsubscribe/" + tokens.tokenFor(member.id);
        // A mail about one kind: its one-click header stops that kind (the footer still stops all e-mail).
        String oneKind = "http://localhost:8081/unsubscribe/" + tokens.tokenFor(member.id, NotificationCategory.FOLLOWED)
                + "/followed";
        assertEquals("<" + oneKind + ">", received.getHeader("List-Unsubscribe", null));
        assertEquals("List-Unsubscribe=One-Click", received.getHeader("List-Unsubscribe-Post", null));
        long notification = fx.number("select max(id) from notification where member_id = ?1", member.id);
        assertArrayEquals(new String[] { "<fanloop.mail." + member.id + "." + notification + "-" + notification + "@localhost>" },
                received.getHeader("Message-ID"), "one Message-ID, ours: a mail sent again carries the same");
        String text = part(received, "text/plain");
        String html = part(received, "text/html");
        assertNotNull(text);
        assertNotNull(html);
        assertTrue(text.contains(unsubscribe), text);
        assertTrue(html.contains(s.title));
    }

    private static String recipient(MimeMessage message) {
        try {
            return message.getRecipients(Message.RecipientType.TO)[0].toString();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The decoded text of the first part of this type, however deeply the parts nest. */
    private static String part(Part part, String type) throws Exception {
        if (part.isMimeType(type)) {
            return part.getContent().toString();
        }
        if (part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = part(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
