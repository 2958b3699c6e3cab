package app.fanloop.web;

import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A request body over its limit gets a localized 413 page (on /api a 413 problem), before any work is done. Two
 * limits: a form or JSON body may be fanloop.http.max-form-size (256 KiB); a multipart form with files (a post with
 * screenshots and logs) may be quarkus.http.limits.max-body-size, but only from a signed-in browser or a client with
 * credentials, so nobody anonymous makes the server write large bodies to disk. A body without a declared length
 * (chunked) may only be multipart; another gets 411, since its size could not be checked before reading it. The
 * limit is enforced before JAX-RS and outside any request scope, so the page is rendered here: up front when the
 * declared length is too large, or when a streamed body overruns it.
 */
@ApplicationScoped
public class BodyLimit {

    /** The cookie the sign-in keeps the session in (with split tokens, its first part). */
    static final String SESSION_COOKIE = "q_session";

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize,
            @ConfigProperty(name = "fanloop.http.max-form-size", defaultValue = "256K") MemorySize maxFormSize) {
        long limit = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        long formLimit = Math.min(limit, maxFormSize.asLongValue());
        router.route().order(Integer.MIN_VALUE + 20).handler(rc -> {
            long declared = declaredLength(rc);
            boolean files = isMultipart(rc) && hasCredentials(rc);
            long allowed = files ? limit : formLimit;
            if (declared > allowed) {
                tooLarge(rc, allowed);
            } else if (declared < 0 && !files && hasBody(rc)) {
                rc.response().setStatusCode(411).putHeader("Connection", "close").end();
            } else {
                rc.next();
            }
        });
        router.route().order(Integer.MIN_VALUE + 20).failureHandler(rc -> {
            if (rc.statusCode() == 413 && !rc.response().headWritten()) {
                tooLarge(rc, limit);
            } else {
                rc.next();
            }
        });
    }

    private static boolean isMultipart(RoutingContext rc) {
        String type = rc.request().getHeader("Content-Type");
        return type != null && type.regionMatches(true, 0, "multipart/form-data", 0, "multipart/form-data".length());
    }

    /** A session cookie or an Authorization header: someone the app will check before it acts. */
    private static boolean hasCredentials(RoutingContext rc) {
        if (rc.request().getHeader("Authorization") != null) {
            return true;
        }
        return rc.request().cookies().stream().anyMatch(c -> c.getName().startsWith(SESSION_COOKIE));
    }

    private static boolean hasBody(RoutingContext rc) {
        String encoding = rc.request().getHeader("Transfer-Encoding");
        return encoding != null && !encoding.isBlank();
    }

    private static long declaredLength(RoutingContext rc) {
        String length = rc.request().getHeader("Content-Length");
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException malformed) {
            return -1;
        }
    }

    private static void tooLarge(RoutingContext rc, long limit) {
        Locale locale = RequestLocale.resolve(rc.request());
        if (ApiErrors.isApi(rc.request())) {
            Problem problem = Problem.of(ProblemType.TOO_LARGE, locale,
                    Problem.messages(locale).detail_too_large(sizeText(limit)));
            rc.response().setStatusCode(413).putHeader("Connection", "close")
                    .putHeader("Content-Type", Problem.MEDIA_TYPE).end(problem.json());
            return;
        }
        ErrorPages.Templates.tooLarge().setLocale(locale).renderAsync().whenComplete((html, failure) -> {
            var response = rc.response().setStatusCode(413).putHeader("Connection", "close");
            if (failure != null) {
                response.end();
            } else {
                response.putHeader("Content-Type", "text/html; charset=UTF-8").end(html);
            }
        });
    }

    /** A byte count as people read it, for limits and for files: "256 KiB", "1.5 MiB", "10 MiB", "106 B". */
    public static String sizeText(long bytes) {
        if (bytes >= 1L << 20) {
            double mib = bytes / (double) (1L << 20);
            String number = mib == Math.rint(mib) ? String.valueOf((long) mib)
                    : String.format(Locale.ROOT, "%.1f", mib);
            return number + " MiB";
        }
        if (bytes >= 1L << 10) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " B";
    }
}
