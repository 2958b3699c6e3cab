package app.fanloop.suggestion;

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

    public String cssName() {
        return name().toLowerCase();
    }
}
