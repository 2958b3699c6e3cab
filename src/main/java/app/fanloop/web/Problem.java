package app.fanloop.web;

import java.net.URI;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * An error of the JSON API as RFC 9457 {@code application/problem+json}: a stable {@code type} (see
 * {@link ProblemType}), a {@code title} in the reader's language, the {@code status}, a {@code detail} for this
 * occurrence, and for validation the {@code errors} by field. Every /api error is made here (ErrorPages, the
 * authentication failure handler, BodyLimit, DatabaseOutage), so the shape has one home.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "An error (RFC 9457 application/problem+json)")
public record Problem(
        @Schema(example = "/problems/validation", description = "Stable URI of the kind of problem; see the README's list") URI type,
        @Schema(example = "Validation failed", description = "Localized (Accept-Language) summary of the kind") String title,
        @Schema(example = "422") int status,
        @Schema(example = "Some fields have invalid values; see errors.") String detail,
        @Schema(description = "For validation: one entry per field in error") List<FieldError> errors,
        @Schema(description = "For an internal error: the id the server logged it under") String incident) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final MediaType MEDIA = MediaType.valueOf(MEDIA_TYPE);

    /** One field's problem, in the reader's language. */
    @Schema(name = "FieldError")
    public record FieldError(@Schema(example = "title") String field, @Schema(example = "Required") String message) {
    }

    /** A problem of this kind in the given language, with an optional detail. */
    public static Problem of(ProblemType type, Locale locale, String detail) {
        return new Problem(type.uri(), type.title(messages(locale)), type.status(), detail, null, null);
    }

    public Problem withErrors(List<FieldError> fieldErrors) {
        return new Problem(type, title, status, detail, fieldErrors, incident);
    }

    public Problem withIncident(String id) {
        return new Problem(type, title, status, detail, errors, id);
    }

    /** The response: the status, the problem+json body; callers add headers (WWW-Authenticate, Retry-After). */
    public Response.ResponseBuilder response() {
        return Response.status(status).type(MEDIA).entity(this);
    }

    /** The API's words in a language ("en", else Chinese). */
    public static ApiMessages messages(Locale locale) {
        return Locales.bundle(ApiMessages.class, locale == null ? "zh" : locale.getLanguage());
    }

    /** The body as JSON text, for answers written outside Quarkus REST (Vert.x handlers). */
    public String json() {
        StringBuilder out = new StringBuilder("{\"type\":").append(quote(type.toString())).append(",\"title\":")
                .append(quote(title)).append(",\"status\":").append(status);
        if (detail != null) {
            out.append(",\"detail\":").append(quote(detail));
        }
        if (incident != null) {
            out.append(",\"incident\":").append(quote(incident));
        }
        return out.append('}').toString();
    }

    private static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
