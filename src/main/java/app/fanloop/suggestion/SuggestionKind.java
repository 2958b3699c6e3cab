package app.fanloop.suggestion;

import app.fanloop.board.Board;

/** What a fan files: an idea (建议) or a bug report (问题反馈). */
public enum SuggestionKind {
    SUGGESTION, BUG;

    public static SuggestionKind parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (SuggestionKind kind : values()) {
            if (kind.name().equalsIgnoreCase(value.strip())) {
                return kind;
            }
        }
        return null;
    }

    /** Whether the board takes this kind of post. */
    public boolean acceptedOn(Board board) {
        return this == BUG ? board.acceptsBugs : board.acceptsSuggestions;
    }

    public String cssName() {
        return name().toLowerCase();
    }
}
