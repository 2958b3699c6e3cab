package app.fanloop.notification;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.quarkus.mailer.SentMail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every mail the mailer sent, recorded from the mailer's {@link SentMail} event: safe when several threads (nodes) send
 * at once, which the MockMailbox is not.
 */
@ApplicationScoped
public class SentMails {

    private final Queue<SentMail> sent = new ConcurrentLinkedQueue<>();

    void onSent(@Observes SentMail mail) {
        sent.add(mail);
    }

    /** How many mails went to this address. */
    public long to(String email) {
        return sent.stream().filter(mail -> mail.to().contains(email)).count();
    }
}
