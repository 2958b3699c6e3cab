package app.fanloop.poll;

import java.time.Instant;
import java.util.List;

/**
 * A poll as one reader sees it: the options with their counts and shares (when the results show to this reader),
 * the reader's own choices and what they may do. Made by {@link PollService#view}.
 *
 * @param voters      ballots cast (a share is of the voters, so shares of a multiple-choice poll may add up past 100%)
 * @param closedSince when it closed (null while open)
 * @param canVote     the reader may cast or change a ballot now
 * @param signedIn    a member (a visitor gets a sign-in link instead of the ballot)
 * @param staff       may close it early and export the results
 * @param mayEdit     the reader may change the poll (its author while the post is open to them, staff)
 */
public record PollView(long postId, String question, boolean multiple, boolean resultsAfterVote, Instant closesAt,
        Instant closedSince, boolean closedEarly, int voters, List<Choice> options, boolean signedIn, boolean canVote,
        boolean staff, boolean mayEdit) {

    /** One option: its count and share of the voters (a whole percent for the text, a finer one for the bar). */
    public record Choice(long id, int number, String label, int count, int percent, String width, boolean chosen) {
    }

    public boolean isOpen() {
        return closedSince == null;
    }

    /** The reader has a ballot on it. */
    public boolean isVoted() {
        return options.stream().anyMatch(Choice::chosen);
    }

    /** The counts show: always, or (results after voting) once the reader voted or the poll closed; staff always. */
    public boolean isResultsShown() {
        return !resultsAfterVote || !isOpen() || isVoted() || staff;
    }

    /** The labels the reader chose, in the options' order. */
    public List<String> myChoices() {
        return options.stream().filter(Choice::chosen).map(Choice::label).toList();
    }

    public String path() {
        return "/suggestions/" + postId + "/poll";
    }

    public String ballotPath() {
        return path() + "/ballot";
    }

    public String closePath() {
        return path() + "/close";
    }

    public String csvPath() {
        return path() + "/results.csv";
    }

    public String editPath() {
        return path() + "/edit";
    }

    public String inputType() {
        return multiple ? "checkbox" : "radio";
    }
}
