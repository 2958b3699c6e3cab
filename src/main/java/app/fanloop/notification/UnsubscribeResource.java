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
 * ahead of the REST layer (whose CSRF filter would refuse a mail client's POST). Every mail line also links
 * {@code /unsubscribe/{token}/{category}}: the same, for one category of notification (they stay in the bell).
 */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class UnsubscribeResource {

    /** What the page shows: whose mail it is about, and whether it is done. */
    public record UnsubscribePage(String token, String name, boolean done, NotificationCategory category) {
        public String action() {
            return path() + "?from=page";
        }

        private String path() {
            return "/unsubscribe/" + token + (category == null ? "" : "/" + category.slug());
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
        return Templates.unsubscribe(new UnsubscribePage(token, member.name, done, null));
    }

    /** The page of a per-category link: stops e-mail of that category only. */
    @GET
    @Path("unsubscribe/{token}/{category}")
    public TemplateInstance category(@RestPath String token, @RestPath String category, @RestQuery boolean done) {
        NotificationCategory which = NotificationCategory.parse(category);
        OptionalLong memberId = which == null ? OptionalLong.empty() : tokens.memberOf(token, which);
        Member member = memberId.isPresent() ? Member.findById(memberId.getAsLong()) : null;
        if (member == null) {
            throw new NotFoundException();
        }
        return Templates.unsubscribe(new UnsubscribePage(token, member.name, done, which));
    }

    /** The POST: turns e-mail off for the token's member. */
    @ApplicationScoped
    static class OneClick {

        private final UnsubscribeTokens tokens;
        private final NotificationService notifications;
        private final NotificationChoices choices;
        private final DatabaseOutage outage;

        OneClick(UnsubscribeTokens tokens, NotificationService notifications, NotificationChoices choices,
                DatabaseOutage outage) {
            this.tokens = tokens;
            this.notifications = notifications;
            this.choices = choices;
            this.outage = outage;
        }

        void install(@Observes Router router) {
            router.post("/unsubscribe/:token").order(-100).blockingHandler(rc -> handle(rc, null), false);
            router.post("/unsubscribe/:token/:category").order(-100).blockingHandler(rc -> {
                NotificationCategory category = NotificationCategory.parse(rc.pathParam("category"));
                if (category == null) {
                    rc.response().setStatusCode(404).putHeader("Content-Type", "text/plain; charset=utf-8").end("Not found");
                    return;
                }
                handle(rc, category);
            }, false);
        }

        /** Unsubscribes the token's member from all e-mail ({@code category} null) or from one category's. */
        private void handle(io.vertx.ext.web.RoutingContext rc, NotificationCategory category) {
            String token = rc.pathParam("token");
            OptionalLong memberId = tokens.memberOf(token, category);
            boolean done;
            try {
                done = memberId.isPresent() && unsubscribe(memberId.getAsLong(), category);
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
                rc.response().setStatusCode(303).putHeader("Location", "/unsubscribe/" + token
                        + (category == null ? "" : "/" + category.slug()) + "?done=true").end();
            } else {
                rc.response().setStatusCode(200).putHeader("Content-Type", "text/plain; charset=utf-8")
                        .end("Unsubscribed / 已退订");
            }
        }

        private boolean unsubscribe(long memberId, NotificationCategory category) {
            return QuarkusTransaction.requiringNew().call(() -> {
                if (Member.findById(memberId) == null) {
                    return false;
                }
                if (category != null) {
                    choices.stopMail(memberId, notifications.emailMode(memberId), category);
                    return true;
                }
                notifications.setEmailMode(memberId, EmailMode.OFF, Locale.forLanguageTag("zh"));
                choices.stopAllMail(memberId);
                return true;
            });
        }
    }
}
