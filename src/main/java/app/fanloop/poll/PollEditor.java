package app.fanloop.poll;

import java.util.ArrayList;
import java.util.List;

/**
 * The poll part of a post's form: the typed values (kept after a refused post) and, for a poll that already has
 * ballots or has closed, its fixed options instead of fields.
 *
 * @param fixed the poll has ballots or has closed: it can no longer change (staff may still close it early)
 * @param zone  the site's time zone, in which the closing time is typed
 */
public record PollEditor(PollForm form, boolean fixed, List<String> fixedOptions, String zone) {

    /** Option fields always shown; the rest (up to the maximum) sit behind "more options". */
    static final int SHOWN = 4;

    /** One option field: its index (the error key is {@code pollOption<index>}) and the value typed. */
    public record Field(int index, int number, String value, String errorKey) {
    }

    static PollEditor typed(PollForm form, String zone) {
        return new PollEditor(form, false, List.of(), zone);
    }

    /** The first fields: at least four, and every field that holds text. */
    public List<Field> shown() {
        return fields(0, Math.min(PollEditing.MAX_OPTIONS, Math.max(SHOWN, form.filledFields())));
    }

    /** The remaining fields up to the maximum, behind a disclosure. */
    public List<Field> more() {
        return fields(shown().size(), PollEditing.MAX_OPTIONS);
    }

    /** The poll part starts open when a poll is typed or exists. */
    public boolean isStarted() {
        return fixed || form.wantsPoll();
    }

    private List<Field> fields(int from, int to) {
        List<Field> fields = new ArrayList<>();
        for (int i = from; i < to; i++) {
            fields.add(new Field(i, i + 1, form.option(i), "pollOption" + i));
        }
        return fields;
    }
}
