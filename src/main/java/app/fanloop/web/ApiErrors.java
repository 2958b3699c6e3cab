package app.fanloop.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import app.fanloop.member.ActiveSanction;
import io.vertx.core.http.HttpServerRequest;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.core.Response;

/**
 * The JSON API's answers to errors, as {@link Problem}s in the reader's language (Accept-Language): what
 * ErrorPages answers on /api instead of a page. The WWW-Authenticate and Retry-After headers are set here too.
 */
final class ApiErrors {

    /** The challenge of a 401 on the API (RFC 6750): a bearer access token or an API key. */
    static final String CHALLENGE = "Bearer realm=\"fanloop\"";

    private ApiErrors() {
    }

    static boolean isApi(HttpServerRequest request) {
        return isApi(request.path());
    }

    static boolean isApi(String path) {
        return path != null && (path.startsWith("/api/") || path.equals("/api"));
    }

    static Locale locale(HttpServerRequest request) {
        return RequestLocale.resolve(request);
    }

    static Response of(ProblemType type, HttpServerRequest request) {
        return Problem.of(type, locale(request), null).response().build();
    }

    static Response unauthorized(HttpServerRequest request) {
        Locale locale = locale(request);
        return Problem.of(ProblemType.UNAUTHORIZED, locale, Problem.messages(locale).detail_unauthorized()).response()
                .header("WWW-Authenticate", CHALLENGE).build();
    }

    static Response insufficientScope(String scope, HttpServerRequest request) {
        Locale locale = locale(request);
        return Problem.of(ProblemType.INSUFFICIENT_SCOPE, locale, Problem.messages(locale).detail_insufficient_scope(scope))
                .response().header("WWW-Authenticate", CHALLENGE + ", error=\"insufficient_scope\", scope=\"" + scope + "\"")
                .build();
    }

    static Response sanctioned(ActiveSanction sanction, HttpServerRequest request) {
        Locale locale = locale(request);
        ApiMessages msg = Problem.messages(locale);
        String reason = sanction.reason() == null ? "" : sanction.reason();
        String detail;
        if (sanction.isBan()) {
            detail = sanction.isPermanent() ? msg.detail_banned(reason) : msg.detail_banned_until(reason, sanction.until().toString());
        } else {
            detail = sanction.isPermanent() ? msg.detail_silenced(reason) : msg.detail_silenced_until(reason, sanction.until().toString());
        }
        return Problem.of(ProblemType.SANCTIONED, locale, detail).response().build();
    }

    static Response tooManyRequests(long retryAfterSeconds, HttpServerRequest request) {
        Locale locale = locale(request);
        return Problem.of(ProblemType.TOO_MANY_REQUESTS, locale, Problem.messages(locale).detail_too_many_requests(retryAfterSeconds))
                .response().header("Retry-After", retryAfterSeconds).build();
    }

    static Response malformedBody(HttpServerRequest request) {
        Locale locale = locale(request);
        return Problem.of(ProblemType.MALFORMED_BODY, locale, Problem.messages(locale).detail_malformed_body()).response().build();
    }

    static Response internal(String incident, HttpServerRequest request) {
        Locale locale = locale(request);
        return Problem.of(ProblemType.INTERNAL, locale, Problem.messages(locale).detail_internal(incident)).withIncident(incident)
                .response().build();
    }

    /** Field problems (a service's FormInvalid, a route's ApiProblem): the errors array, localized. */
    static Response fields(ProblemType type, List<FormInvalid.Problem> problems, HttpServerRequest request) {
        Locale locale = locale(request);
        ApiMessages msg = Problem.messages(locale);
        FieldErrors texts = FieldErrors.of(new FormInvalid(problems), Locales.bundle(WebMessages.class, locale.getLanguage()));
        List<Problem.FieldError> errors = new ArrayList<>();
        texts.byField().forEach((field, text) -> errors.add(new Problem.FieldError(field, text)));
        String detail = type == ProblemType.VALIDATION ? msg.detail_validation()
                : type == ProblemType.BAD_REQUEST ? msg.detail_bad_query() : null;
        if (problems.size() == 1 && "cursor".equals(problems.get(0).field())) {
            detail = msg.detail_cursor();
        }
        return Problem.of(type, locale, detail).withErrors(errors).response().build();
    }

    /**
     * Bean Validation of a route's parameters: a JSON body's fields are a 422 (validation), a query or path
     * parameter's value a 400 (bad request); each error named by its JSON field or parameter.
     */
    static Response violations(Set<? extends ConstraintViolation<?>> violations, HttpServerRequest request) {
        List<FormInvalid.Problem> problems = new ArrayList<>();
        boolean body = false;
        for (ConstraintViolation<?> violation : violations) {
            String field = fieldName(violation.getPropertyPath());
            body |= inBody(violation.getPropertyPath());
            problems.add(Forms.problem(violation, field));
        }
        problems.sort((a, b) -> a.field().equals(b.field())
                ? Boolean.compare(!FieldErrors.REQUIRED.equals(a.code()), !FieldErrors.REQUIRED.equals(b.code()))
                : a.field().compareTo(b.field()));
        return fields(body ? ProblemType.VALIDATION : ProblemType.BAD_REQUEST, problems, request);
    }

    /** "create.arg0.title" → "title"; a query parameter's path ends at the parameter: its name. */
    private static String fieldName(Path path) {
        List<String> properties = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.CONTAINER_ELEMENT) {
                properties.add(node.getIndex() != null ? node.getName() + "[" + node.getIndex() + "]" : node.getName());
            }
        }
        if (!properties.isEmpty()) {
            return String.join(".", properties);
        }
        return parameter == null ? path.toString() : parameter;
    }

    private static boolean inBody(Path path) {
        for (Path.Node node : path) {
            if (node.getKind() == ElementKind.PROPERTY || node.getKind() == ElementKind.BEAN) {
                return true;
            }
        }
        return false;
    }
}
