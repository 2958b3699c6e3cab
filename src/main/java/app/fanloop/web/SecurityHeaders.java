package app.fanloop.web;

import java.net.URI;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A strict content security policy on every response: scripts and styles only from this site,
 * no inline script, no framing, forms only to this site (and the sign-in provider, see
 * {@link #policy}). HSTS keeps browsers on HTTPS once they have seen it there (browsers ignore it
 * over plain HTTP, so dev is unaffected). The dev UI (dev mode only) keeps its own rules.
 */
@ApplicationScoped
public class SecurityHeaders {

    /**
     * img-src allows https: images from anywhere, for a member's picture from their sign-in token (Member.avatarUrl),
     * which lives at the provider (or wherever the provider points). The trade-off is privacy: a reader's browser asks
     * that host for it, so the host learns the reader's address (no referrer is sent: the img tags say no-referrer).
     * Only our templates write img tags (the Markdown sanitiser allows none), so members cannot place images of their
     * choosing; and an image cannot run script.
     */
    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: https:; "
            + "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    /** A year, subdomains included; the site is served over HTTPS only (behind the TLS-terminating proxy). */
    static final String HSTS = "max-age=31536000; includeSubDomains";

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.oidc.auth-server-url") Optional<String> provider) {
        String policy = policy(provider);
        router.route().order(Integer.MIN_VALUE + 10).handler(rc -> {
            if (!rc.normalizedPath().startsWith("/q/dev")) {
                // Set just before the headers go out, so error responses get them too.
                rc.addHeadersEndHandler(ignored -> rc.response().headers()
                        .set("Content-Security-Policy", policy)
                        .set("Strict-Transport-Security", HSTS)
                        .set("X-Frame-Options", "DENY")
                        .set("X-Content-Type-Options", "nosniff")
                        .set("Referrer-Policy", "strict-origin-when-cross-origin")
                        .set("Permissions-Policy", "camera=(), microphone=(), geolocation=()"));
            }
            rc.next();
        });
    }

    /**
     * The policy with form-action: this site, and the sign-in provider's origin when one is configured.
     * Chrome checks form-action on every redirect after a form POST too, and a POST whose session has
     * expired goes to /login and on to the provider; without its origin that sign-in would be blocked.
     * (Sign-in and sign-out themselves are links, not forms.)
     */
    static String policy(Optional<String> provider) {
        String formAction = "form-action 'self'" + provider.map(SecurityHeaders::origin).map(o -> " " + o).orElse("");
        return POLICY + "; " + formAction;
    }

    private static String origin(String url) {
        try {
            URI uri = URI.create(url.strip());
            if (uri.getScheme() == null || uri.getHost() == null) {
                return null;
            }
            return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        } catch (IllegalArgumentException malformed) {
            return null;
        }
    }
}
