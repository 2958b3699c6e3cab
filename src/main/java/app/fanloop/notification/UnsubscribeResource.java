package app.fanloop.notification;

import java.util.Locale;
import java.util.OptionalLong;

import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.member.Member;
import app.fanloop.web.DatabaseOutage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * One-click unsubscribe from every mail, without signing in. The link in a mail opens a page with
 * one button; mail clients that support RFC 8058 POST to the same address directly. The POST needs
 * no CSRF token: the signed token in the address is the proof, so it is served by a plain route
 * ahead of the REST layer (whose CSRF filter would refuse a mail client's POST).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class UnsubscribeResource {

    /** What the page shows: whose mail it is about, and whether it is done. */
    public record UnsubscribePage(String token, String name, boolean done) {
        public String action() {
            return "/unsubscribe/" + token + "?from=page";
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance unsubscribe(UnsubscribePage page);
    }

    private final UnsubscribeTokens tokens;

    UnsubscribeResource(UnsubscribeTokens tokens) {
        this.tokens = tokens;
    }

    @GET
    @Path("unsubscribe/{token}")
    public TemplateInstance page(@RestPath String token, @RestQuery boolean done) {
        OptionalLong memberId = tokens.memberOf(token);
        Member member = memberId.isPresent() ? Member.findById(memberId.getAsLong()) : null;
        if (member == null) {
            throw new NotFoundException();
        }
        return Templates.unsubscribe(new UnsubscribePage(token, member.name, done));
    }

    /** The POST: turns e-mail off for the token's member. */
    @ApplicationScoped
    static class OneClick {

        private final UnsubscribeTokens tokens;
        private final NotificationService notifications;
        private final DatabaseOutage outage;

        OneClick(UnsubscribeTokens tokens, NotificationService notifications, DatabaseOutage outage) {
            this.tokens = tokens;
            this.notifications = notifications;
            this.outage = outage;
        }

        void install(@Observes Router router) {
            router.post("/unsubscribe/:token").order(-100).blockingHandler(rc -> {
                String token = rc.pathParam("token");
                OptionalLong memberId = tokens.memberOf(token);
                boolean done;
                try {
                    done = memberId.isPresent() && unsubscribe(memberId.getAsLong());
                } catch (RuntimeException e) {
                    if (!DatabaseOutage.isCause(e)) {
                        throw e;
                    }
                    // Mail clients retry a one-click unsubscribe that answers 503.
                    outage.answer(e, rc);
                    return;
                }
                if (!done) {
                    rc.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8")
                            .end("Not found");
                    return;
                }
                if ("page".equals(rc.request().getParam("from"))) {
                    // The page's own button: back to the page, which now says it is done.
                    rc.response().setStatusCode(303).putHeader("Location", "/unsubscribe/" + token + "?done=true").end();
                } else {
                    rc.response().setStatusCode(200).putHeader("Content-Type", "text/plain; charset=utf-8")
                            .end("Unsubscribed / 已退订");
                }
            }, false);
        }

        private boolean unsubscribe(long memberId) {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (Member.findById(memberId) == null) {
                    return false;
                }
                notifications.setEmailMode(memberId, EmailMode.OFF, Locale.forLanguageTag("zh"));
                return true;
            });
        }
    }
}
