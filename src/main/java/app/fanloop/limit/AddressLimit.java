package app.fanloop.limit;

import java.sql.SQLException;
import java.util.Locale;

import org.jboss.logging.Logger;

import app.fanloop.web.DatabaseOutage;
import app.fanloop.web.RequestLocale;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Sign-in attempts per IP address: each visit to /login would start the provider's code flow, so it is
 * counted before the sign-in challenge, whatever cookies the request carries. Runs on a worker thread,
 * outside any request scope, so the 429 page is rendered here (like the 413 page of BodyLimit).
 */
@ApplicationScoped
public class AddressLimit {

    private static final Logger LOG = Logger.getLogger(AddressLimit.class);

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance tooMany();
    }

    private final RequestLimit counter;
    private final RateLimitConfig config;
    private final DatabaseOutage outage;

    AddressLimit(RequestLimit counter, RateLimitConfig config, DatabaseOutage outage) {
        this.counter = counter;
        this.config = config;
        this.outage = outage;
    }

    void install(@Observes Router router) {
        router.get("/login").order(Integer.MIN_VALUE + 30).blockingHandler(this::check, false);
    }

    private void check(RoutingContext rc) {
        RateLimitConfig.Limit limit = config.actions().get(RateLimiter.LOGIN);
        if (limit == null) {
            rc.next();
            return;
        }
        try {
            long retryAfter = counter.hit(RateLimiter.LOGIN, "ip:" + ReadLimit.address(rc.request()), limit.count(),
                    limit.window());
            if (retryAfter > 0) {
                tooMany(rc, retryAfter);
                return;
            }
        } catch (SQLException e) {
            if (DatabaseOutage.isCause(e)) {
                // Sign-in would wait for the database again; answer the 503 at once.
                outage.answer(e, rc);
                return;
            }
            // The limit must not lock everyone out when the database hiccups; sign-in itself will fail then anyway.
            LOG.warn("Sign-in rate limit unavailable", e);
        }
        rc.next();
    }

    private static void tooMany(RoutingContext rc, long retryAfter) {
        Locale locale = RequestLocale.resolve(rc.request());
        String html = Templates.tooMany().setLocale(locale).render();
        rc.response().setStatusCode(429).putHeader("Retry-After", Long.toString(retryAfter))
                .putHeader("Content-Type", "text/html; charset=UTF-8").end(html);
    }
}
