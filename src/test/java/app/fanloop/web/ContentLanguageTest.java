package app.fanloop.web;

import static app.fanloop.web.ContentLanguage.CHINESE;
import static app.fanloop.web.ContentLanguage.ENGLISH;
import static app.fanloop.web.ContentLanguage.UNKNOWN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Locale;

import org.junit.jupiter.api.Test;

/** The one rule that says which language a member wrote in (WCAG 3.1.2), without the app. */
class ContentLanguageTest {

    private static final Locale ZH = Locale.forLanguageTag("zh-CN");
    private static final Locale EN = Locale.ENGLISH;

    @Test
    void chinese_text_is_chinese_even_with_a_product_name_or_a_number_in_it() {
        assertEquals(CHINESE, ContentLanguage.of("相机夜景模式太暗了"));
        assertEquals(CHINESE, ContentLanguage.of("小米14 的 MIUI 桌面偶尔卡顿"));
        assertEquals(CHINESE, ContentLanguage.of("希望增加双击锁屏，谢谢！"));
        assertEquals(CHINESE, ContentLanguage.of("张伟"), "a two-character name");
    }

    @Test
    void english_text_is_english_even_with_a_chinese_word_in_a_long_sentence() {
        assertEquals(ENGLISH, ContentLanguage.of("Night mode for the camera"));
        assertEquals(ENGLISH, ContentLanguage.of("Please don't reset the e-mail settings after an update"));
        assertEquals(ENGLISH, ContentLanguage.of("The 桌面 launcher freezes when I open more than three folders at once"));
        assertEquals(ENGLISH, ContentLanguage.of("Café crème résumé naïve"), "Latin letters beyond ASCII");
    }

    @Test
    void short_mixed_or_other_scripts_are_unknown() {
        assertEquals(UNKNOWN, ContentLanguage.of(null));
        assertEquals(UNKNOWN, ContentLanguage.of(""));
        assertEquals(UNKNOWN, ContentLanguage.of("   12345 !!! ---"));
        assertEquals(UNKNOWN, ContentLanguage.of("chen"), "one word");
        assertEquals(UNKNOWN, ContentLanguage.of("OS 2"), "too few letters");
        assertEquals(UNKNOWN, ContentLanguage.of("夜"), "one Han character");
        assertEquals(UNKNOWN, ContentLanguage.of("夜景模式 Night mode for the camera"), "half and half");
        assertEquals(UNKNOWN, ContentLanguage.of("Please add 夜景 mode"));
        assertEquals(UNKNOWN, ContentLanguage.of("カメラの夜景モード"), "Japanese kana");
        assertEquals(UNKNOWN, ContentLanguage.of("카메라 야간 모드"), "Hangul");
        assertEquals(UNKNOWN, ContentLanguage.of("Ночной режим камеры"), "Cyrillic");
    }

    @Test
    void the_opening_of_a_long_text_decides() {
        String body = "这是一段很长的中文说明。".repeat(100) + " and then a long English appendix follows here".repeat(100);
        assertEquals(CHINESE, ContentLanguage.of(body));
    }

    @Test
    void the_mark_is_given_only_where_the_language_differs_from_the_page() {
        assertEquals("zh-CN", CHINESE.differingFrom(EN));
        assertNull(CHINESE.differingFrom(ZH));
        assertEquals("en", ENGLISH.differingFrom(ZH));
        assertEquals("en", ENGLISH.differingFrom(Locale.CHINESE), "any Chinese page");
        assertNull(ENGLISH.differingFrom(Locale.US));
        assertNull(UNKNOWN.differingFrom(EN));
        assertNull(UNKNOWN.differingFrom(ZH));
    }
}
