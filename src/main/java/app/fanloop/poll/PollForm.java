package app.fanloop.poll;

import java.util.ArrayList;
import java.util.List;

import org.jboss.resteasy.reactive.RestForm;

/**
 * A poll as typed into a post's form: up to {@link PollEditing#MAX_OPTIONS} option fields (blank trailing ones are
 * not options; a post whose options are all blank has no poll), single or multiple choice, an optional closing time
 * as a {@code datetime-local} value in the site's zone, and when the results show.
 */
public record PollForm(
        @RestForm String pollQuestion,
        @RestForm List<String> pollOption,
        @RestForm String pollMultiple,
        @RestForm String pollClosesAt,
        @RestForm String pollResults) {

    /** Results are shown to everyone at any time. */
    public static final String RESULTS_ALWAYS = "ALWAYS";
    /** Results are shown to a member once they voted, and to everyone once the poll is closed. */
    public static final String RESULTS_AFTER_VOTE = "AFTER_VOTE";

    public static PollForm none() {
        return new PollForm("", List.of(), "", "", RESULTS_ALWAYS);
    }

    /** The typed options, blank trailing fields dropped (an empty list: no poll). */
    public List<String> typedOptions() {
        List<String> typed = new ArrayList<>();
        if (pollOption != null) {
            pollOption.forEach(o -> typed.add(o == null ? "" : o.strip()));
        }
        while (!typed.isEmpty() && typed.get(typed.size() - 1).isEmpty()) {
            typed.remove(typed.size() - 1);
        }
        return typed;
    }

    public boolean wantsPoll() {
        return !typedOptions().isEmpty();
    }

    public boolean isMultiple() {
        return "true".equalsIgnoreCase(pollMultiple) || "on".equalsIgnoreCase(pollMultiple);
    }

    public boolean isResultsAfterVote() {
        return RESULTS_AFTER_VOTE.equalsIgnoreCase(pollResults);
    }

    /** The value of option field {@code index} as typed (for the form shown again), or "". */
    public String option(int index) {
        return pollOption != null && index < pollOption.size() && pollOption.get(index) != null ? pollOption.get(index) : "";
    }

    /** How many option fields hold text (trailing blanks dropped). */
    public int filledFields() {
        return typedOptions().size();
    }
}
