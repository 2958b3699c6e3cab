package app.fanloop.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import app.fanloop.search.SearchAnalyzer.Token;

/** How texts and queries are cut into terms, without a database. */
class SearchAnalyzerTest {

    private static final SearchAnalyzer ANALYZER = new SearchAnalyzer();

    private static List<String> terms(String text) {
        return ANALYZER.tokens(text).stream().map(Token::term).toList();
    }

    private static SearchTerms query(String q) {
        return SearchTerms.of(ANALYZER.tokens(q), false);
    }

    @Test
    void chinese_is_cut_into_words_not_characters() {
        assertEquals(List.of("今天", "气温", "骤降", "手机", "自动", "关机"), terms("今天气温骤降时手机自动关机"));
        assertEquals(List.of("手机", "平板", "同步", "剪贴板"), terms("手机和平板同步剪贴板"));
    }

    @Test
    void english_is_lower_cased_and_stemmed_and_stop_words_dropped() {
        assertEquals(List.of("turn", "off", "charg", "sound"), terms("Please turn off the Charging sound"));
        assertEquals(terms("notification delayed"), terms("Notifications delay"));
    }

    @Test
    void mixed_text_keeps_versions_and_product_names_whole() {
        assertEquals(List.of("hypero", "2.0", "相机"), terms("HyperOS 2.0 相机"));
        assertEquals(List.of("小", "爱", "同学", "wake", "word"), terms("小爱同学 wake word"));
    }

    @Test
    void full_width_letters_and_digits_read_as_ascii() {
        assertEquals(terms("NFC 2.0"), terms("ＮＦＣ　２.０"));
    }

    @Test
    void chinese_positions_count_characters_so_words_can_be_matched_however_they_were_cut() {
        List<Token> tokens = ANALYZER.tokens("全面屏手势");
        assertEquals(List.of("全面", "屏", "手势"), tokens.stream().map(Token::term).toList());
        assertEquals(List.of(1, 3, 4), tokens.stream().map(Token::position).toList());
    }

    @Test
    void a_query_word_matches_any_cut_that_begins_and_ends_where_it_does() {
        // 小米 is one word in one sentence and two characters in another.
        assertEquals("('小米' | ('小' <1> '米'))", query("小米").all());
        // A lone character also finds the words it begins: 断 finds 断开.
        assertEquals("('全面' | ('全' <1> '面')) & '屏':*", query("全面屏").all());
        // Characters the dictionary left alone form one unit.
        assertEquals(List.of("蓝牙", "耳机", "断开"), query("蓝牙耳机断开").units().stream().map(SearchTerms.Unit::text).toList());
    }

    @Test
    void stop_words_the_segmenter_cut_into_characters_are_still_stop_words() {
        // 老是 is not in the segmenter's dictionary: 耳机 · 老 · 是 · 断.
        assertEquals(List.of("耳机", "断"), query("耳机老是断").units().stream().map(SearchTerms.Unit::text).toList());
    }

    @Test
    void hyphenated_words_are_found_joined_or_in_parts() {
        assertEquals(List.of("wifi", "wi", "fi"), terms("Wi-Fi"));
        assertEquals("('wifi' | ('wi' <1> 'fi'))", query("Wi-Fi").all());
        assertEquals("'wifi'", query("wifi").all());
    }

    @Test
    void tsquery_syntax_typed_by_a_member_never_reaches_the_query() {
        for (String hostile : List.of("a & b | !c", "'); drop table suggestion; --", "foo:* <-> bar", "\\' OR 1=1",
                "(((", "::", "it's", "<2>")) {
            String tsquery = query(hostile).all();
            // Every lexeme is quoted; what is left outside quotes is only our own operators.
            String outside = tsquery.replaceAll("'(?:[^'\\\\]|''|\\\\.)*'", "");
            assertTrue(outside.matches("[\\s()&|<>0-9]*"), hostile + " gave " + tsquery);
        }
    }

    @Test
    void only_punctuation_or_stop_words_ask_for_nothing() {
        assertTrue(query("!!! ??? ，。、").isEmpty());
        assertTrue(query("the of and 的 了 吗").isEmpty());
        assertTrue(query("").isEmpty());
    }

    @Test
    void long_queries_keep_their_first_eight_units() {
        assertEquals(SearchTerms.MAX_UNITS, query("one two three four five six seven eight nine ten eleven").size());
        assertFalse(query("x".repeat(100)).units().stream().anyMatch(u -> u.text().length() > SearchAnalyzer.MAX_TERM_LENGTH));
    }
}
