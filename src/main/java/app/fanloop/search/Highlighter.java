package app.fanloop.search;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import app.fanloop.search.SearchAnalyzer.Token;
import app.fanloop.search.SearchTerms.Unit;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Marks what a query matched in a title or a snippet. The text is analyzed as it was for the
 * index, so a match is marked where the search found it: "charging" for the query "charge", 天气
 * in 桌面天气 but not in 今天气温. The result is a list of plain-text parts, some of them marked; the
 * template escapes every part and wraps the marked ones in {@code <mark>}, so no member's text is
 * ever rendered as HTML.
 */
@ApplicationScoped
public class Highlighter {

    /** A piece of text, marked when it matched. */
    public record Part(String text, boolean match) {
    }

    /** The parts' text joined, without the marks. */
    public static String plain(List<Part> parts) {
        if (parts == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        for (Part part : parts) {
            text.append(part.text());
        }
        return text.toString();
    }

    private record Span(int start, int end, int unit) {
    }

    /** Snippets are about this wide, counting a Chinese character as two. */
    static final int SNIPPET_WIDTH = 180;
    /** Only the start of a long text is searched for a snippet. */
    static final int SNIPPET_SCAN = 6000;
    private static final int CONTEXT_BEFORE = 24;

    /**
     * Texts shown often (the popular posts a common word finds) are analyzed once, not on every page: up to
     * this many characters of text are kept with their tokens (a few MB of heap).
     */
    static final int ANALYZED_CHARS_KEPT = 1_000_000;

    private final SearchAnalyzer analyzer;
    /** A text's tokens, by the text itself: an edited post is a new key, its old entry ages out. */
    private final Cache<String, List<Token>> analyzed = Caffeine.newBuilder()
            .maximumWeight(ANALYZED_CHARS_KEPT).<String, List<Token>> weigher((text, tokens) -> text.length()).build();

    Highlighter(SearchAnalyzer analyzer) {
        this.analyzer = analyzer;
    }

    /** The whole text with its matches marked. */
    public List<Part> whole(String text, SearchTerms terms) {
        if (text == null) {
            return List.of();
        }
        return parts(text, 0, text.length(), spans(text, terms));
    }

    /** A short piece of the text around its best matches (the start when nothing matched), with "…" where it was cut. */
    public List<Part> snippet(String fullText, SearchTerms terms) {
        if (fullText == null || fullText.isBlank()) {
            return List.of();
        }
        String text = fullText.length() > SNIPPET_SCAN ? fullText.substring(0, SNIPPET_SCAN) : fullText;
        List<Span> spans = spans(text, terms);
        // The start of the text unless a later window holds more of the query's units.
        int bestStart = 0;
        int bestUnits = unitsIn(spans, 0, windowEnd(text, 0));
        for (Span anchor : spans) {
            int start = wordStart(text, Math.max(0, anchor.start() - CONTEXT_BEFORE), anchor.start());
            int units = unitsIn(spans, start, windowEnd(text, start));
            if (units > bestUnits) {
                bestUnits = units;
                bestStart = start;
            }
        }
        int end = windowEnd(text, bestStart);
        List<Part> parts = new ArrayList<>();
        if (bestStart > 0) {
            parts.add(new Part("…", false));
        }
        parts.addAll(parts(text, bestStart, end, spans));
        if (end < fullText.length()) {
            parts.add(new Part("…", false));
        }
        return parts;
    }

    private static int unitsIn(List<Span> spans, int start, int end) {
        Set<Integer> units = new HashSet<>();
        spans.stream().filter(s -> s.start() >= start && s.end() <= end).forEach(s -> units.add(s.unit()));
        return units.size();
    }

    /** Where the query's units occur in the text. */
    private List<Span> spans(String text, SearchTerms terms) {
        List<Span> spans = new ArrayList<>();
        if (terms.isEmpty()) {
            return spans;
        }
        List<Token> tokens = analyzed.get(text, t -> List.copyOf(analyzer.tokens(t)));
        Set<Integer> hanStarts = new HashSet<>();
        Set<Integer> hanEnds = new HashSet<>();
        for (Token t : tokens) {
            if (t.han()) {
                hanStarts.add(t.start());
                hanEnds.add(t.end());
            }
        }
        List<Unit> units = terms.units();
        for (int u = 0; u < units.size(); u++) {
            Unit unit = units.get(u);
            if (unit.han() && unit.text().codePointCount(0, unit.text().length()) == 1) {
                for (Token t : tokens) {
                    if (t.han() && t.term().startsWith(unit.text())) {
                        spans.add(new Span(t.start(), t.end(), u));
                    }
                }
            } else if (unit.han()) {
                // The unit's characters in a row, beginning and ending where the text's words do.
                for (int start : hanStarts) {
                    int end = start + unit.text().length();
                    if (text.startsWith(unit.text(), start) && hanEnds.contains(end)) {
                        spans.add(new Span(start, end, u));
                    }
                }
            } else {
                for (Token t : tokens) {
                    if (!t.han() && (t.term().equals(unit.text()) || unit.prefix() && t.term().startsWith(unit.text()))) {
                        spans.add(new Span(t.start(), t.end(), u));
                    }
                }
            }
        }
        spans.sort((a, b) -> a.start() != b.start() ? Integer.compare(a.start(), b.start()) : Integer.compare(b.end(), a.end()));
        return spans;
    }

    /** The text from start to end cut into parts, marked where a span covers it; whitespace runs become one space. */
    private static List<Part> parts(String text, int start, int end, List<Span> spans) {
        List<Part> parts = new ArrayList<>();
        int at = start;
        for (Span span : spans) {
            if (span.start() < at || span.end() > end) {
                continue;
            }
            if (span.start() > at) {
                add(parts, text.substring(at, span.start()), false);
            }
            add(parts, text.substring(span.start(), span.end()), true);
            at = span.end();
        }
        if (at < end) {
            add(parts, text.substring(at, end), false);
        }
        return parts;
    }

    /** Adds a part; marked words side by side (锁屏显示农历, dark mode) become one mark. */
    private static void add(List<Part> parts, String text, boolean match) {
        String flat = text.replaceAll("\\s+", " ");
        if (flat.isEmpty()) {
            return;
        }
        Part last = parts.isEmpty() ? null : parts.get(parts.size() - 1);
        Part beforeLast = parts.size() < 2 ? null : parts.get(parts.size() - 2);
        if (last != null && last.match() && match) {
            parts.set(parts.size() - 1, new Part(last.text() + flat, true));
        } else if (match && beforeLast != null && beforeLast.match() && last.text().isBlank()) {
            // "dark mode" is one mark, not two.
            parts.remove(parts.size() - 1);
            parts.set(parts.size() - 1, new Part(beforeLast.text() + last.text() + flat, true));
        } else {
            parts.add(new Part(flat, match));
        }
    }

    /** Moves a start back to the beginning of the word it falls in (English), never past {@code limit}. */
    private static int wordStart(String text, int start, int limit) {
        int s = start;
        while (s > 0 && s > start - 12 && Character.isLetterOrDigit(text.charAt(s - 1))
                && !SearchAnalyzer.isHan(text.charAt(s - 1))) {
            s--;
        }
        if (s > 0 && Character.isLowSurrogate(text.charAt(s))) {
            s--;
        }
        return Math.min(s, limit);
    }

    /** The end of a window of SNIPPET_WIDTH from start, not cutting an English word or a surrogate pair. */
    private static int windowEnd(String text, int start) {
        int width = 0;
        int i = start;
        while (i < text.length() && width < SNIPPET_WIDTH) {
            int cp = text.codePointAt(i);
            width += SearchAnalyzer.isHan(cp) || Character.isIdeographic(cp) ? 2 : 1;
            i += Character.charCount(cp);
        }
        int j = i;
        while (j < text.length() && j < i + 15 && Character.isLetterOrDigit(text.charAt(j))
                && !SearchAnalyzer.isHan(text.charAt(j))) {
            j++;
        }
        return j;
    }
}
