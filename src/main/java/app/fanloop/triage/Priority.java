package app.fanloop.triage;

import app.fanloop.suggestion.Suggestion;

/**
 * The triage priority of a suggestion and its parts (see TriageConfig.Weights):
 * votes × ln(1 + vote count) + heat × ln(1 + decayed votes) + comments × ln(1 + comment count).
 * Logarithms keep one huge thread from drowning the rest; heat lets a fresh burst rise.
 */
public record Priority(double votes, double heat, double comments) {

    /** The same formula in SQL, for ordering; parameters :wv, :wh, :wc and :xnow. */
    static final String SQL = "(:wv * ln(1 + s.vote_count) + :wh * ln(1 + power(2, least(60, greatest(-1000, s.trending - :xnow))))"
            + " + :wc * ln(1 + s.comment_count))";

    public static Priority of(Suggestion s, double nowExponent, TriageConfig.Weights weights) {
        double decayedVotes = Math.pow(2, Math.min(60, Math.max(-1000, s.trending - nowExponent)));
        return new Priority(weights.votes() * Math.log1p(s.voteCount), weights.heat() * Math.log1p(decayedVotes),
                weights.comments() * Math.log1p(s.commentCount));
    }

    public double total() {
        return votes + heat + comments;
    }

    public String format(double value) {
        return String.format(java.util.Locale.ROOT, "%.1f", value);
    }

    public String totalText() {
        return format(total());
    }

    public String votesText() {
        return format(votes);
    }

    public String heatText() {
        return format(heat);
    }

    public String commentsText() {
        return format(comments);
    }
}
