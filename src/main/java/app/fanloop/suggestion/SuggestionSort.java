package app.fanloop.suggestion;

/** How a board lists its suggestions; pinned ones always come first. Each has its own index. */
public enum SuggestionSort {
    TRENDING("s.trending"),
    TOP("s.voteCount"),
    NEW("s.createdAt");

    /** The sort's own key (then the id breaks ties), descending. */
    final String key;
    final String orderBy;

    SuggestionSort(String key) {
        this.key = key;
        this.orderBy = key + " desc, s.id desc";
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
