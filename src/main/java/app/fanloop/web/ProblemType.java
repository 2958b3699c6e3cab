package app.fanloop.web;

import java.net.URI;

/**
 * The kinds of problem the JSON API answers with (RFC 9457): each a stable {@code type} URI, its status, and a
 * localized title (ApiMessages). Clients switch on the type, never on the title. The list is in the README.
 */
public enum ProblemType {
    BAD_REQUEST("bad-request", 400),
    MALFORMED_BODY("malformed-body", 400),
    UNAUTHORIZED("unauthorized", 401),
    FORBIDDEN("forbidden", 403),
    INSUFFICIENT_SCOPE("insufficient-scope", 403),
    SANCTIONED("sanctioned", 403),
    NOT_FOUND("not-found", 404),
    METHOD_NOT_ALLOWED("method-not-allowed", 405),
    NOT_ACCEPTABLE("not-acceptable", 406),
    CONFLICT("conflict", 409),
    PRECONDITION_FAILED("precondition-failed", 412),
    TOO_LARGE("too-large", 413),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", 415),
    VALIDATION("validation", 422),
    TOO_MANY_REQUESTS("too-many-requests", 429),
    INTERNAL("internal", 500),
    UNAVAILABLE("unavailable", 503);

    /** Where the types live; a relative reference, resolved against the API's own address. */
    public static final String BASE = "/problems/";

    private final String slug;
    private final int status;

    ProblemType(String slug, int status) {
        this.slug = slug;
        this.status = status;
    }

    public String slug() {
        return slug;
    }

    public int status() {
        return status;
    }

    public URI uri() {
        return URI.create(BASE + slug);
    }

    /** The general kind for a bare HTTP status (a refusal without a more specific reason). */
    public static ProblemType forStatus(int status) {
        return switch (status) {
            case 400 -> BAD_REQUEST;
            case 401 -> UNAUTHORIZED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 405 -> METHOD_NOT_ALLOWED;
            case 406 -> NOT_ACCEPTABLE;
            case 409 -> CONFLICT;
            case 412 -> PRECONDITION_FAILED;
            case 413 -> TOO_LARGE;
            case 415 -> UNSUPPORTED_MEDIA_TYPE;
            case 422 -> VALIDATION;
            case 429 -> TOO_MANY_REQUESTS;
            case 503 -> UNAVAILABLE;
            default -> status >= 500 ? INTERNAL : BAD_REQUEST;
        };
    }

    /** The localized title. */
    public String title(ApiMessages msg) {
        return switch (this) {
            case BAD_REQUEST -> msg.problem_bad_request();
            case MALFORMED_BODY -> msg.problem_malformed_body();
            case UNAUTHORIZED -> msg.problem_unauthorized();
            case FORBIDDEN -> msg.problem_forbidden();
            case INSUFFICIENT_SCOPE -> msg.problem_insufficient_scope();
            case SANCTIONED -> msg.problem_sanctioned();
            case NOT_FOUND -> msg.problem_not_found();
            case METHOD_NOT_ALLOWED -> msg.problem_method_not_allowed();
            case NOT_ACCEPTABLE -> msg.problem_not_acceptable();
            case CONFLICT -> msg.problem_conflict();
            case PRECONDITION_FAILED -> msg.problem_precondition_failed();
            case TOO_LARGE -> msg.problem_too_large();
            case UNSUPPORTED_MEDIA_TYPE -> msg.problem_unsupported_media_type();
            case VALIDATION -> msg.problem_validation();
            case TOO_MANY_REQUESTS -> msg.problem_too_many_requests();
            case INTERNAL -> msg.problem_internal();
            case UNAVAILABLE -> msg.problem_unavailable();
        };
    }
}
