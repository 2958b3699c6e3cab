package app.fanloop.notification;

import java.time.Duration;

import io.quarkus.mailer.SentMail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Faults a test arms for one address: an SMTP server slow to answer after taking the mail, and a database that fails
 * the transaction marking the mail sent (its {@link MailEvent.Sent} is fired inside it). Disarmed after each use.
 */
@ApplicationScoped
public class MailFaults {

    private volatile String slowFor;
    private volatile Duration slowBy = Duration.ZERO;
    private volatile String failMarkingFor;
    private volatile String lastSentTo;

    /** The next mail to this address takes this long to send (the server has taken it when the wait begins). */
    public void slowSend(String email, Duration by) {
        slowBy = by;
        slowFor = email;
    }

    /** The transaction marking the next mail to this address sent rolls back. */
    public void failMarkingSent(String email) {
        failMarkingFor = email;
    }

    public void disarm() {
        slowFor = null;
        failMarkingFor = null;
    }

    void onSent(@Observes SentMail mail) throws InterruptedException {
        lastSentTo = String.join(",", mail.to());
        if (slowFor != null && mail.to().contains(slowFor)) {
            slowFor = null;
            Thread.sleep(slowBy.toMillis()); // the slow server: not a wait for another thread
        }
    }

    void onMarked(@Observes MailEvent.Sent sent) {
        String target = failMarkingFor;
        if (target != null && lastSentTo != null && lastSentTo.contains(target)) {
            failMarkingFor = null;
            throw new IllegalStateException("the database went away while marking the mail sent");
        }
    }
}
