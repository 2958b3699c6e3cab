package app.fanloop.web;

import java.util.List;

/**
 * A route of the JSON API refuses a request with a problem of a given kind (answered as {@link Problem} by
 * ErrorPages), e.g. {@code throw ApiProblem.badQuery("limit")}. Checks the services make throw their own exceptions
 * (FormInvalid becomes a 422 with field errors, Conflict a 409, NotSignedInException a 401…): use this only for what
 * belongs to the API itself, such as query values.
 */
public class ApiProblem extends RuntimeException {

    private final ProblemType type;
    private final List<FormInvalid.Problem> fields;

    public ApiProblem(ProblemType type, List<FormInvalid.Problem> fields) {
        super(type.slug() + " " + fields, null, false, false);
        this.type = type;
        this.fields = List.copyOf(fields);
    }

    /** 400: a query parameter's value is not one the route accepts (the errors name it). */
    public static ApiProblem badQuery(String parameter) {
        return new ApiProblem(ProblemType.BAD_REQUEST, List.of(new FormInvalid.Problem(parameter, FieldErrors.INVALID, null)));
    }

    public ProblemType type() {
        return type;
    }

    public List<FormInvalid.Problem> fields() {
        return fields;
    }
}
