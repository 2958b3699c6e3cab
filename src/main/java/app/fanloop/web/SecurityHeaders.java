package app.fanloop.web;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A strict content security policy on every response: scripts and styles only from this site,
 * no inline script, no framing. The dev UI (dev mode only) keeps its own rules.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 10).handler(rc -> {
            if (!rc.normalizedPath().startsWith("/q/dev")) {
                // Set just before the headers go out, so error responses get them too.
                rc.addHeadersEndHandler(ignored -> rc.response().headers()
                        .set("Content-Security-Policy", POLICY)
                        .set("X-Frame-Options", "DENY")
                        .set("X-Content-Type-Options", "nosniff")
                        .set("Referrer-Policy", "strict-origin-when-cross-origin")
                        .set("Permissions-Policy", "camera=(), microphone=(), geolocation=()"));
            }
            rc.next();
        });
    }
}
