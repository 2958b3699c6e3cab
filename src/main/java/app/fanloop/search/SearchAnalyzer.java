package app.fanloop.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cn.smart.SmartChineseAnalyzer;
import org.apache.lucene.analysis.en.EnglishPossessiveFilter;
import org.apache.lucene.analysis.en.PorterStemFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Cuts text into search terms, the same way for what is indexed and for what is asked.
 * <ul>
 * <li>Chinese (runs of Han characters) is segmented into words by Lucene's SmartChineseAnalyzer
 * (a hidden Markov model over a word dictionary), e.g. 今天气温 → 今天 · 气温.</li>
 * <li>Everything else goes through Lucene's StandardTokenizer (Unicode word rules, so "2.0" stays
 * one term), is lower-cased and Porter-stemmed: "charging" and "charges" both become "charg".</li>
 * <li>Stop words (stopwords-zh.txt, stopwords-en.txt) are dropped but keep their place.</li>
 * </ul>
 * Positions count Han characters one by one (a two-character word takes two positions) and
 * English terms one each, with a gap wherever the script changes or punctuation intervenes. That
 * lets a query find a word however the segmenter cut it in a given sentence (see {@link SearchTerms}).
 * Full-width Latin letters and digits are read as their ASCII forms.
 */
@ApplicationScoped
public class SearchAnalyzer {

    /**
     * One term of a text: where it is (UTF-16 offsets into the text) and its position for phrase
     * matching. A hyphenated English word ("Wi-Fi") gives its parts and, first, their joined form
     * ("wifi") at the first part's position, with {@code parts} saying how many tokens follow it.
     */
    public record Token(String term, int start, int end, int position, boolean han, int parts) {

        Token(String term, int start, int end, int position, boolean han) {
            this(term, start, end, position, han, 0);
        }

        public int length() {
            return end - start;
        }

        /** A single Han character: what the segmenter leaves of a word its dictionary does not know. */
        public boolean singleHan() {
            return han && term.codePointCount(0, term.length()) == 1;
        }
    }

    /** Longer terms are URLs, hashes or noise, not words. */
    static final int MAX_TERM_LENGTH = 40;

    private final Analyzer chinese = new SmartChineseAnalyzer(CharArraySet.EMPTY_SET);
    private final Analyzer latin = new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String field) {
            StandardTokenizer source = new StandardTokenizer();
            TokenStream result = new EnglishPossessiveFilter(source);
            result = new LowerCaseFilter(result);
            result = new PorterStemFilter(result);
            return new TokenStreamComponents(source, result);
        }
    };
    private final Set<String> chineseStopWords = words("/search/stopwords-zh.txt");
    private final Set<String> englishStopWords = words("/search/stopwords-en.txt");

    /** The terms of a text, without stop words, in order. */
    public List<Token> tokens(String raw) {
        List<Token> tokens = new ArrayList<>();
        if (raw == null || raw.isBlank()) {
            return tokens;
        }
        String text = normalize(raw);
        int position = 1;
        int i = 0;
        while (i < text.length()) {
            boolean han = isHan(text.codePointAt(i));
            int j = i;
            while (j < text.length() && isHan(text.codePointAt(j)) == han) {
                j += Character.charCount(text.codePointAt(j));
            }
            String run = text.substring(i, j);
            if (han) {
                analyze(chinese, run, i, position, true, tokens);
                position += run.length() + 1;
            } else {
                position = analyze(latin, run, i, position, false, tokens) + 1;
            }
            i = j;
        }
        return tokens;
    }

    /** Analyzes one run of a single script; returns the position of its last term. */
    private int analyze(Analyzer analyzer, String run, int offset, int firstPosition, boolean han, List<Token> out) {
        if (han) {
            return analyzeTerms(analyzer, run, offset, firstPosition, true, out);
        }
        List<Token> terms = new ArrayList<>();
        int last = analyzeTerms(analyzer, run, offset, firstPosition, false, terms);
        for (int i = 0; i < terms.size(); i++) {
            int j = i;
            while (j + 1 < terms.size() && terms.get(j + 1).start() == terms.get(j).end() + 1
                    && run.charAt(terms.get(j).end() - offset) == '-' && terms.get(j + 1).position() == terms.get(j).position() + 1) {
                j++;
            }
            if (j > i) {
                Token first = terms.get(i);
                String joined = run.substring(first.start() - offset, terms.get(j).end() - offset).replace("-", "");
                List<Token> stem = new ArrayList<>();
                analyzeTerms(analyzer, joined, 0, 1, false, stem);
                if (stem.size() == 1) {
                    out.add(new Token(stem.get(0).term(), first.start(), terms.get(j).end(), first.position(), false, j - i + 1));
                }
            }
            out.addAll(terms.subList(i, j + 1));
            i = j;
        }
        return last;
    }

    private int analyzeTerms(Analyzer analyzer, String run, int offset, int firstPosition, boolean han, List<Token> out) {
        int position = firstPosition - 1;
        List<Token> found = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream("text", run)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            OffsetAttribute offsets = stream.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            while (stream.incrementToken()) {
                int start = offsets.startOffset();
                int end = offsets.endOffset();
                // Han positions follow the characters, so a word takes as many positions as it has characters.
                position = han ? firstPosition + start : position + Math.max(1, increment.getPositionIncrement());
                String value = term.toString();
                if (value.isEmpty() || value.length() > MAX_TERM_LENGTH || end > run.length() || start >= end) {
                    continue;
                }
                found.add(new Token(value, offset + start, offset + end, position, han));
            }
            stream.end();
        } catch (IOException e) {
            // Analysis reads a String; it cannot fail on I/O.
            throw new UncheckedIOException(e);
        }
        Set<Integer> spelled = han ? spelledStopWords(found) : Set.of();
        for (Token t : found) {
            boolean stop = han ? chineseStopWords.contains(t.term()) || spelled.contains(t.start())
                    : englishStopWords.contains(run.substring(t.start() - offset, t.end() - offset).toLowerCase(Locale.ROOT));
            if (!stop) {
                out.add(t);
            }
        }
        return han ? firstPosition + run.length() : position;
    }

    /**
     * A stop word the segmenter did not know comes out as single characters (老是 → 老 · 是): the
     * starts of the characters that spell a stop word of two or three characters in a row.
     */
    private Set<Integer> spelledStopWords(List<Token> tokens) {
        Set<Integer> starts = new HashSet<>();
        for (int i = 0; i < tokens.size(); i++) {
            StringBuilder word = new StringBuilder();
            for (int k = i; k < Math.min(tokens.size(), i + 3) && tokens.get(k).singleHan()
                    && (k == i || tokens.get(k).start() == tokens.get(k - 1).end()); k++) {
                word.append(tokens.get(k).term());
                if (k > i && chineseStopWords.contains(word.toString())) {
                    for (int m = i; m <= k; m++) {
                        starts.add(tokens.get(m).start());
                    }
                }
            }
        }
        return starts;
    }

    static boolean isHan(int codePoint) {
        return Character.UnicodeScript.of(codePoint) == Character.UnicodeScript.HAN;
    }

    /** Full-width ASCII (ＡＢＣ１２３) as ASCII and the ideographic space as a space; the length never changes. */
    static String normalize(String text) {
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            char mapped = c >= '\uFF01' && c <= '\uFF5E' ? (char) (c - 0xFEE0) : c == '\u3000' ? ' ' : c;
            if (mapped != c && out == null) {
                out = new StringBuilder(text);
            }
            if (out != null) {
                out.setCharAt(i, mapped);
            }
        }
        return out == null ? text : out.toString();
    }

    private static Set<String> words(String resource) {
        Set<String> words = new HashSet<>();
        try (InputStream in = SearchAnalyzer.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String word = line.strip();
                if (!word.isEmpty() && !word.startsWith("#")) {
                    words.add(word.toLowerCase(Locale.ROOT));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(words);
    }
}
