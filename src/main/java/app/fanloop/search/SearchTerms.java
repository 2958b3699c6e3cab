package app.fanloop.search;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import app.fanloop.search.SearchAnalyzer.Token;

/**
 * What a query asks for, as a list of units a text must contain: an English stem (a hyphenated
 * word found joined or in parts), or a Chinese word. A Chinese unit is a word of the segmenter's
 * dictionary, a run of single characters it left (a word it does not know, such as 蓝牙 → 蓝 · 牙),
 * or a lone character, which also finds the words it begins (断 finds 断开).
 * <p>
 * The segmenter may cut the same word differently in another sentence (小米 in "小米澎湃OS", 小 · 米 in
 * "小米14"). So a Chinese unit matches a text that holds its characters in a row, cut in any way,
 * <em>provided the text's own words begin where the unit begins and end where it ends</em>. That
 * is what a character-by-character LIKE gets wrong: 和平 is not found in 手机和平板 (手机 · 和 · 平板),
 * nor 天气 in 今天气温 (今天 · 气温). In PostgreSQL terms each cut is a phrase,
 * {@code '小' <1> '米'}, and a unit is the alternation of its cuts.
 * <p>
 * Every tsquery here is built from analyzed terms, each quoted, so nothing a member types can
 * reach the tsquery syntax.
 */
public final class SearchTerms {

    /** Longer queries keep their first units: more would not find more and would cost more. */
    static final int MAX_UNITS = 8;
    /** Units up to this many characters are matched in every cut; longer ones in three (as asked, one by one, whole). */
    static final int ALL_CUTS_UP_TO = 4;
    /** {@link #atLeast} spells out at most this many combinations of units (6 units, 3 of them: 20). */
    static final int MAX_COMBINATIONS = 20;

    /** One thing the text must contain. {@code pieces} is how the query's own analysis cut it. */
    public record Unit(String text, boolean han, List<String> pieces, boolean prefix) {

        /** This unit as a tsquery expression. */
        public String tsquery() {
            if (!han) {
                String word = quote(text) + (prefix ? ":*" : "");
                // A hyphenated word is found joined ("wifi") or in parts ("wi-fi").
                return pieces.size() > 1 ? "(" + word + " | " + phrase(pieces, true) + ")" : word;
            }
            List<String> chars = text.codePoints().mapToObj(Character::toString).toList();
            if (chars.size() == 1) {
                // A lone character (断, 卡, 玩) also finds the words it begins (断开, 卡顿, 玩具).
                return quote(text) + ":*";
            }
            Set<String> alternatives = new LinkedHashSet<>();
            if (chars.size() <= ALL_CUTS_UP_TO) {
                for (List<String> cut : cuts(chars)) {
                    alternatives.add(phrase(cut, false));
                }
            } else {
                alternatives.add(phrase(pieces, false));
                alternatives.add(phrase(chars, false));
                alternatives.add(phrase(List.of(text), false));
            }
            return alternatives.size() == 1 ? alternatives.iterator().next()
                    : "(" + String.join(" | ", alternatives) + ")";
        }

        /** Pieces in a row: Chinese pieces take a position per character, English ones a position each. */
        private static String phrase(List<String> cut, boolean english) {
            StringBuilder out = new StringBuilder(quote(cut.get(0)));
            for (int i = 1; i < cut.size(); i++) {
                out.append(" <").append(english ? 1 : cut.get(i - 1).length()).append("> ").append(quote(cut.get(i)));
            }
            return cut.size() == 1 ? out.toString() : "(" + out + ")";
        }

        /** Every way to cut a sequence of characters into consecutive pieces. */
        private static List<List<String>> cuts(List<String> chars) {
            List<List<String>> all = new ArrayList<>();
            int gaps = chars.size() - 1;
            for (int mask = 0; mask < (1 << gaps); mask++) {
                List<String> cut = new ArrayList<>();
                StringBuilder piece = new StringBuilder(chars.get(0));
                for (int i = 1; i < chars.size(); i++) {
                    if ((mask & (1 << (i - 1))) != 0) {
                        cut.add(piece.toString());
                        piece.setLength(0);
                    }
                    piece.append(chars.get(i));
                }
                cut.add(piece.toString());
                all.add(cut);
            }
            return all;
        }
    }

    private final List<Unit> units;

    private SearchTerms(List<Unit> units) {
        this.units = List.copyOf(units);
    }

    /** The units of a query; with {@code prefixLast}, a last English word still being typed also matches longer words. */
    public static SearchTerms of(List<Token> tokens, boolean prefixLast) {
        List<List<Token>> groups = new ArrayList<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token token = tokens.get(i);
            List<Token> last = groups.isEmpty() ? null : groups.get(groups.size() - 1);
            if (token.parts() > 0) {
                // A hyphenated word: one unit, its joined form first, then its parts.
                groups.add(new ArrayList<>(tokens.subList(i, Math.min(tokens.size(), i + 1 + token.parts()))));
                i += token.parts();
            } else if (last != null && token.singleHan() && last.stream().allMatch(Token::singleHan) && follows(last, token)) {
                last.add(token);
            } else {
                groups.add(new ArrayList<>(List.of(token)));
            }
        }
        List<Unit> units = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (int i = 0; i < groups.size() && units.size() < MAX_UNITS; i++) {
            List<Token> group = groups.get(i);
            boolean han = group.get(0).han();
            boolean joined = group.get(0).parts() > 0;
            List<String> pieces = (joined ? group.subList(1, group.size()) : group).stream().map(Token::term).toList();
            String text = joined ? group.get(0).term() : String.join("", pieces);
            boolean prefix = prefixLast && !han && i == groups.size() - 1;
            if (seen.add(text + (prefix ? "*" : ""))) {
                units.add(new Unit(text, han, pieces, prefix));
            }
        }
        return new SearchTerms(units);
    }

    private static boolean follows(List<Token> group, Token next) {
        Token last = group.get(group.size() - 1);
        return last.han() && next.han() && next.position() == last.position() + last.length();
    }

    public List<Unit> units() {
        return units;
    }

    public boolean isEmpty() {
        return units.isEmpty();
    }

    public int size() {
        return units.size();
    }

    /** Every unit: {@code a & b & c}. */
    public String all() {
        return units.stream().map(Unit::tsquery).collect(Collectors.joining(" & "));
    }

    /** Any unit: {@code a | b | c}. */
    public String any() {
        return units.stream().map(Unit::tsquery).collect(Collectors.joining(" | "));
    }

    /**
     * Texts holding at least {@code k} of the units: every unit when {@code k} is their number, any unit when it
     * is 1, otherwise the alternation of every {@code k}-combination of units, so that the index finds only texts
     * holding enough of them. Past {@link #MAX_COMBINATIONS} combinations, any unit: the caller counts then.
     */
    public String atLeast(int k) {
        if (k >= units.size()) {
            return all();
        }
        if (k <= 1 || combinations(units.size(), k) > MAX_COMBINATIONS) {
            return any();
        }
        List<String> alternatives = new ArrayList<>();
        combine(0, k, new ArrayList<>(), alternatives);
        return String.join(" | ", alternatives);
    }

    private void combine(int from, int left, List<String> chosen, List<String> out) {
        if (left == 0) {
            out.add("(" + String.join(" & ", chosen) + ")");
            return;
        }
        for (int i = from; i <= units.size() - left; i++) {
            chosen.add(units.get(i).tsquery());
            combine(i + 1, left - 1, chosen, out);
            chosen.remove(chosen.size() - 1);
        }
    }

    private static long combinations(int n, int k) {
        long c = 1;
        for (int i = 1; i <= k; i++) {
            c = c * (n - k + i) / i;
        }
        return c;
    }

    /** A tsquery lexeme in quotes; inside them only the quote and the backslash need escaping. */
    static String quote(String lexeme) {
        return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'";
    }

    @Override
    public String toString() {
        return all();
    }
}
