package app.fanloop.search;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The search words of each source as a tsvector literal (see {@link SearchDocument}): one rule for what the
 * live writes ({@link SearchIndex}) and the catch-up ({@link SearchReindex}) store. Safe on many threads.
 */
@ApplicationScoped
class SearchVectors {

    private final SearchAnalyzer analyzer;

    SearchVectors(SearchAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** Title (A), text (B), then a bug report's device, system version and steps (C). */
    String suggestion(String title, String body, String deviceModel, String systemVersion, String steps) {
        return new SearchDocument(analyzer)
                .add(title, 'A')
                .add(SearchText.of(body), 'B')
                .add(join(deviceModel, systemVersion), 'C')
                .add(SearchText.of(steps), 'C')
                .literal();
    }

    String comment(String body) {
        return new SearchDocument(analyzer).add(SearchText.of(body), 'B').literal();
    }

    /** A release's version (A), summary and every line (B), the lines in {@link SearchIndex#LINE_ORDER}. */
    String release(String version, String summary, List<String> lines) {
        SearchDocument document = new SearchDocument(analyzer).add(version, 'A').add(SearchText.of(summary), 'B');
        for (String line : lines) {
            document.add(SearchText.of(line), 'B');
        }
        return document.literal();
    }

    private static String join(String a, String b) {
        return (a == null ? "" : a) + " " + (b == null ? "" : b);
    }
}
