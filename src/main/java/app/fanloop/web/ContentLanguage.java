package app.fanloop.web;

import java.util.Locale;

/**
 * The language a member wrote a piece of text in (WCAG 3.1.2, issue 23): Chinese, English, or unknown. Pages are in the
 * reader's language, but titles, bodies, comments, release notes and names are in the author's; a screen reader reads
 * them right only when the change of language is marked ({@code lang="zh-CN"} / {@code lang="en"}).
 *
 * <p>The rule counts units of meaning: one Han character is one unit, one run of Latin letters (a word) is one unit;
 * digits, punctuation and symbols do not count. The text is Chinese when at least {@link #DOMINANT} of its units are Han
 * and it has at least {@link #MIN_HAN} Han characters; English when at least {@link #DOMINANT} are Latin words and it has
 * at least {@link #MIN_WORDS} of them and {@link #MIN_LETTERS} letters. Anything shorter or more mixed (or in another
 * script: kana, Hangul, Cyrillic) is unknown and gets no mark, so the page's language applies. Only the first
 * {@link #SCANNED} characters are read: a long body's opening says its language.
 */
public enum ContentLanguage {

    CHINESE("zh-CN", "zh"),
    ENGLISH("en", "en"),
    UNKNOWN(null, null);

    /** Share of the units that one script must have. */
    static final double DOMINANT = 0.75;
    static final int MIN_HAN = 2;
    static final int MIN_WORDS = 2;
    static final int MIN_LETTERS = 6;
    static final int SCANNED = 600;

    /** The value of the lang attribute that marks this language; null for unknown. */
    public final String tag;
    private final String language;

    ContentLanguage(String tag, String language) {
        this.tag = tag;
        this.language = language;
    }

    /** The language the text is written in, by the rule above. Null and blank are unknown. */
    public static ContentLanguage of(CharSequence text) {
        if (text == null) {
            return UNKNOWN;
        }
        int han = 0;
        int words = 0;
        int letters = 0;
        int other = 0;
        boolean inWord = false;
        int end = Math.min(text.length(), SCANNED);
        for (int i = 0; i < end;) {
            int c = Character.codePointAt(text, i);
            i += Character.charCount(c);
            if (c < 0x80) {
                // ASCII, the common case, without a script lookup.
                boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
                if (letter) {
                    letters++;
                    if (!inWord) {
                        words++;
                    }
                }
                // An apostrophe or hyphen inside a word ("don't", "e-mail") keeps the word going.
                inWord = letter || (inWord && (c == '\'' || c == '-'));
                continue;
            }
            if (c >= 0x4E00 && c <= 0x9FFF) {
                // The common CJK ideographs, without a script lookup.
                han++;
                inWord = false;
                continue;
            }
            if (!Character.isLetter(c)) {
                inWord = false;
                continue;
            }
            Character.UnicodeScript script = Character.UnicodeScript.of(c);
            if (script == Character.UnicodeScript.HAN) {
                han++;
                inWord = false;
            } else if (script == Character.UnicodeScript.LATIN) {
                letters++;
                if (!inWord) {
                    words++;
                }
                inWord = true;
            } else {
                other++;
                inWord = false;
            }
        }
        double units = han + words + other;
        if (han >= MIN_HAN && han >= DOMINANT * units) {
            return CHINESE;
        }
        if (words >= MIN_WORDS && letters >= MIN_LETTERS && words >= DOMINANT * units) {
            return ENGLISH;
        }
        return UNKNOWN;
    }

    /**
     * The lang value to put on the element that shows this text on a page in {@code page}'s language: this language's
     * tag when it is known and differs from the page's, else null (no attribute: the page's language applies).
     */
    public String differingFrom(Locale page) {
        if (language == null || page == null) {
            return null;
        }
        String pageLanguage = "en".equals(page.getLanguage()) ? "en" : "zh";
        return language.equals(pageLanguage) ? null : tag;
    }
}
