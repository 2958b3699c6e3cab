package app.fanloop.search;

/**
 * What a search result is. Each type is one branch of the search query (SearchService) and one
 * kind of row on the results page.
 */
public enum SearchType {
    SUGGESTION, COMMENT, RELEASE;

    public static SearchType parse(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (SearchType type : values()) {
            if (type.name().equalsIgnoreCase(value.strip())) {
                return type;
            }
        }
        return null;
    }

    /** The value in the page's address: {@code type=suggestion}. */
    public String param() {
        return name().toLowerCase();
    }
}
