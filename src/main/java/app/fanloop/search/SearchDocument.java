package app.fanloop.search;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.fanloop.search.SearchAnalyzer.Token;

/**
 * One indexed text as a PostgreSQL tsvector literal: each term with its positions and the weight
 * of the field it came from (A the title, B the text, C the details of a bug report).
 * Fields are set apart by a gap, so no phrase runs from one into the next.
 */
final class SearchDocument {

    /** PostgreSQL keeps positions up to 16383 and at most 256 of them per term. */
    static final int MAX_POSITION = 16383;
    static final int MAX_POSITIONS_PER_TERM = 256;
    private static final int FIELD_GAP = 100;

    private final SearchAnalyzer analyzer;
    private final Map<String, List<String>> positions = new LinkedHashMap<>();
    private int base;

    SearchDocument(SearchAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    SearchDocument add(String text, char weight) {
        int last = base;
        for (Token token : analyzer.tokens(text)) {
            int position = Math.min(MAX_POSITION, base + token.position());
            last = Math.max(last, position);
            List<String> at = positions.computeIfAbsent(token.term(), ignored -> new ArrayList<>());
            if (at.size() < MAX_POSITIONS_PER_TERM) {
                at.add(position + String.valueOf(weight));
            }
        }
        base = last + FIELD_GAP;
        return this;
    }

    /** The tsvector literal, e.g. {@code '相机':1A,40B 'slow':3B}. */
    String literal() {
        StringBuilder out = new StringBuilder();
        positions.forEach((term, at) -> {
            if (!out.isEmpty()) {
                out.append(' ');
            }
            out.append(SearchTerms.quote(term)).append(':').append(String.join(",", at));
        });
        return out.toString();
    }
}
