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
 * A request body over quarkus.http.limits.max-body-size gets a localized 413 page (on /api a 413 problem). The limit is
 * enforced before JAX-RS and outside any request scope, so the page is rendered here: up front when
 * the declared length is too large, or when a streamed body overruns it.
 */
@ApplicationScoped
public class BodyLimit {

    void install(@Observes Router router,
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> maxBodySize) {
        long limit = maxBodySize.map(MemorySize::asLongValue).orElse(Long.MAX_VALUE);
        router.route().order(Integer.MIN_VALUE + 20).handler(rc -> {
            if (declaredLength(rc) > limit) {
                tooLarge(rc, limit);
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

    /** A byte count as people write limits: "256 KiB". */
    static String sizeText(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MiB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KiB";
        }
        return bytes + " B";
    }
}
