package app.fanloop.suggestion;

/** How a board lists its suggestions; pinned ones always come first. Each has its own index. */
public enum SuggestionSort {
    TRENDING("s.trending desc, s.id desc"),
    TOP("s.voteCount desc, s.id desc"),
    NEW("s.createdAt desc, s.id desc");

    final String orderBy;

    SuggestionSort(String orderBy) {
        this.orderBy = orderBy;
    }

    public static SuggestionSort parse(String value) {
        if (value != null) {
            for (SuggestionSort sort : values()) {
                if (sort.name().equalsIgnoreCase(value.strip())) {
                    return sort;
                }
            }
        }
        return TRENDING;
    }

    public String param() {
        return name().toLowerCase();
    }
}
