package app.fanloop.web;

import java.util.List;

/** Input that a form must show again, with an error beside each field named here. */
public class FormInvalid extends RuntimeException {

    /** One field's problem: a code from {@link FieldErrors} and an optional number (e.g. a length limit). */
    public record Problem(String field, String code, Integer limit) {
    }

    private final List<Problem> problems;

    public FormInvalid(List<Problem> problems) {
        super("invalid form " + problems, null, false, false);
        this.problems = List.copyOf(problems);
    }

    public FormInvalid(String field, String code) {
        this(List.of(new Problem(field, code, null)));
    }

    public List<Problem> problems() {
        return problems;
    }
}
