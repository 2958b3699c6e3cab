package app.fanloop.web;

import java.lang.annotation.Annotation;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import io.quarkus.qute.TemplateInstance;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.core.Response;

/**
 * Validates a form record and turns violations into per-field problems the page can show; a failed form
 * goes back as {@link #badRequest}, its errors from {@link RequestLocale#errors}.
 */
@ApplicationScoped
public class Forms {

    private final Validator validator;

    Forms(Validator validator) {
        this.validator = validator;
    }

    public <T> void validate(T form) {
        Set<ConstraintViolation<T>> violations = validator.validate(form);
        if (violations.isEmpty()) {
            return;
        }
        // A page shows one problem per field; an empty field is "required" rather than "too short".
        List<FormInvalid.Problem> problems = violations.stream()
                .map(v -> problem(v, v.getPropertyPath().toString()))
                .sorted(Comparator.comparing(FormInvalid.Problem::field)
                        .thenComparing(p -> !FieldErrors.REQUIRED.equals(p.code())))
                .toList();
        throw new FormInvalid(problems);
    }

    /** A form page shown again after a failed post: the same page with its errors, status 400. */
    public static Response badRequest(TemplateInstance page) {
        return Response.status(Response.Status.BAD_REQUEST).entity(page).build();
    }

    /** The problem of one violation, on the field named {@code field} (the JSON API names fields its own way). */
    public static FormInvalid.Problem problem(ConstraintViolation<?> violation, String field) {
        Annotation constraint = violation.getConstraintDescriptor().getAnnotation();
        if (constraint instanceof Size size) {
            Object value = violation.getInvalidValue();
            int length = value == null ? 0 : value.toString().length();
            return length > size.max()
                    ? new FormInvalid.Problem(field, FieldErrors.TOO_LONG, size.max())
                    : new FormInvalid.Problem(field, FieldErrors.TOO_SHORT, size.min());
        }
        if (constraint instanceof NotBlank || constraint instanceof NotNull) {
            return new FormInvalid.Problem(field, FieldErrors.REQUIRED, null);
        }
        if (constraint instanceof Pattern) {
            return new FormInvalid.Problem(field, FieldErrors.PATTERN, null);
        }
        if (constraint instanceof Max max) {
            return new FormInvalid.Problem(field, FieldErrors.TOO_LARGE, (int) max.value());
        }
        if (constraint instanceof Min min) {
            return new FormInvalid.Problem(field, FieldErrors.TOO_SMALL, (int) min.value());
        }
        if (constraint instanceof AssertTrue) {
            // The message of a cross-field rule names its problem code.
            return new FormInvalid.Problem(field, violation.getMessage(), null);
        }
        return new FormInvalid.Problem(field, FieldErrors.INVALID, null);
    }
}
