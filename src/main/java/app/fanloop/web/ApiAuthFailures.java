package app.fanloop.web;

import java.util.Locale;

import io.quarkus.security.AuthenticationFailedException;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * A bearer credential on /api that does not check out (an expired or foreign access token, an unknown or revoked
 * API key) fails before any resource runs: answered here as a 401 problem with {@code WWW-Authenticate: Bearer
 * error="invalid_token"} (RFC 6750), in the reader's language. Pages keep the provider's own handling.
 */
@ApplicationScoped
public class ApiAuthFailures {

    private final DatabaseOutage outage;

    ApiAuthFailures(DatabaseOutage outage) {
        this.outage = outage;
    }

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 30).failureHandler(rc -> {
            if (!ApiErrors.isApi(rc.request()) || rc.response().headWritten()) {
                rc.next();
            } else if (isAuthenticationFailure(rc)) {
                answer(rc);
            } else if (rc.failure() != null && DatabaseOutage.isCause(rc.failure())) {
                // An API key is looked up before any resource runs: the database being away is a 503 there too.
                rc.vertx().executeBlocking(() -> {
                    outage.answer(rc.failure(), rc);
                    return null;
                }, false);
            } else {
                rc.next();
            }
        });
    }

    private static boolean isAuthenticationFailure(RoutingContext rc) {
        Throwable failure = rc.failure();
        for (int depth = 0; failure != null && depth < 10; failure = failure.getCause(), depth++) {
            if (failure instanceof AuthenticationFailedException
                    || failure instanceof io.quarkus.security.AuthenticationCompletionException) {
                return true;
            }
        }
        return rc.failure() == null && rc.statusCode() == 401;
    }

    private static void answer(RoutingContext rc) {
        Locale locale = RequestLocale.resolve(rc.request());
        Problem problem = Problem.of(ProblemType.UNAUTHORIZED, locale, Problem.messages(locale).detail_invalid_credential());
        rc.response().setStatusCode(401)
                .putHeader("WWW-Authenticate", ApiErrors.CHALLENGE + ", error=\"invalid_token\"")
                .putHeader("Content-Type", Problem.MEDIA_TYPE)
                .end(problem.json());
    }
}
