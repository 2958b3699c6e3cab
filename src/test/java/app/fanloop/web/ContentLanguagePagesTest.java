package app.fanloop.web;

import static app.fanloop.web.Browser.html;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.release.Release;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.release.ReleaseSection;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/**
 * What members wrote carries its own language where it differs from the page's (WCAG 3.1.2, web/ContentLanguage):
 * a Chinese title on an English page is {@code lang="zh-CN"}, an English one on a Chinese page {@code lang="en"}, and
 * text in the page's language, or too short or mixed to tell, gets no attribute.
 */
@QuarkusTest
class ContentLanguagePagesTest {

    static final String CHINESE_TITLE = "相机夜景模式希望支持三脚架长曝光";
    static final String ENGLISH_TITLE = "Please add a tripod mode to the night camera";
    static final String MIXED_TITLE = "夜景模式 Night mode for the camera";

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Test
    void chinese_text_on_an_english_page_is_marked_chinese() {
        Board board = fx.board();
        Member author = fx.member("陈小米");
        Suggestion s = fx.suggestion(board, author, app.fanloop.suggestion.SuggestionKind.SUGGESTION, CHINESE_TITLE,
                "夜里拍星空的时候，手机总是抖动，希望加一个三脚架模式。", java.time.Instant.now());
        fx.comment(s.id, author, null, "我也遇到了同样的问题，请尽快修复。", false);

        Document page = page("/suggestions/" + s.id, "en");
        assertEquals("en", page.selectFirst("html").attr("lang"));
        assertEquals("zh-CN", page.selectFirst("h1").attr("lang"));
        assertEquals("zh-CN", page.selectFirst("article .prose").attr("lang"), "the body");
        assertEquals("zh-CN", page.selectFirst(".comment .prose").attr("lang"), "the comment");
        assertEquals("zh-CN", page.selectFirst(".comment .name").attr("lang"), "the commenter's name");
        assertEquals("zh-CN", page.selectFirst(".row-meta .author .name").attr("lang"), "the author's name");

        Element row = titleOn(page("/boards/" + board.slug, "en"), s);
        assertEquals("zh-CN", row.selectFirst("span").attr("lang"));
        assertEquals(CHINESE_TITLE, row.selectFirst("span[lang=zh-CN]").text());
    }

    @Test
    void english_text_on_a_chinese_page_is_marked_english() {
        Board board = fx.board();
        Member author = fx.member("Bobby Tables");
        Suggestion s = fx.suggestion(board, author, app.fanloop.suggestion.SuggestionKind.SUGGESTION, ENGLISH_TITLE,
                "The night shots shake at long exposures, so a tripod mode would help.", java.time.Instant.now());
        fx.comment(s.id, author, null, "Same here, every night photo is blurry.", false);

        Document page = page("/suggestions/" + s.id, "zh");
        assertEquals("zh-CN", page.selectFirst("html").attr("lang"));
        assertEquals("en", page.selectFirst("h1").attr("lang"));
        assertEquals("en", page.selectFirst("article .prose").attr("lang"));
        assertEquals("en", page.selectFirst(".comment .prose").attr("lang"));
        assertEquals("en", page.selectFirst(".comment .name").attr("lang"));

        Element row = titleOn(page("/boards/" + board.slug, "zh"), s);
        assertEquals(ENGLISH_TITLE, row.selectFirst("span[lang=en]").text());
    }

    @Test
    void text_in_the_page_language_or_too_mixed_to_tell_carries_no_extra_attribute() {
        Board board = fx.board();
        Member chen = fx.member("chen");
        Suggestion chinese = fx.suggestion(board, chen, app.fanloop.suggestion.SuggestionKind.SUGGESTION, CHINESE_TITLE,
                "夜里拍星空的时候，手机总是抖动。", java.time.Instant.now());
        Suggestion english = fx.suggestion(board, chen, app.fanloop.suggestion.SuggestionKind.SUGGESTION, ENGLISH_TITLE,
                "The night shots shake at long exposures.", java.time.Instant.now());
        Suggestion mixed = fx.suggestion(board, chen, MIXED_TITLE);

        Document zh = page("/suggestions/" + chinese.id, "zh");
        assertFalse(zh.selectFirst("h1").hasAttr("lang"));
        assertFalse(zh.selectFirst("article .prose").hasAttr("lang"));
        assertFalse(zh.selectFirst(".row-meta .author .name").hasAttr("lang"), "one-word name 'chen': too short to tell");
        Document en = page("/suggestions/" + english.id, "en");
        assertFalse(en.selectFirst("h1").hasAttr("lang"));
        assertFalse(en.selectFirst("article .prose").hasAttr("lang"));
        for (String language : new String[] {"zh", "en"}) {
            assertFalse(page("/suggestions/" + mixed.id, language).selectFirst("h1").hasAttr("lang"), language);
            assertFalse(titleOn(page("/boards/" + board.slug, language), mixed).selectFirst("span").hasAttr("lang"), language);
        }
        assertFalse(titleOn(page("/boards/" + board.slug, "zh"), chinese).selectFirst("span").hasAttr("lang"));
        assertFalse(titleOn(page("/boards/" + board.slug, "en"), english).selectFirst("span").hasAttr("lang"));
    }

    @Test
    @TestSecurity(user = "reader-lang", roles = "fan")
    void a_notification_marks_the_title_it_quotes_not_its_own_words() {
        Member me = fx.member("reader-lang");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), CHINESE_TITLE);
        fx.followAs(s.id, me);
        rf.statusChanged(s, "PLANNED");

        Element title = html(given().cookie(RequestLocale.COOKIE, "en").get("/me/notifications").then().statusCode(200)
                .extract().response()).selectFirst(".notification .notification-title");
        assertEquals(CHINESE_TITLE, title.selectFirst("span[lang=zh-CN]").text());
        assertFalse(title.hasAttr("lang"), "the headline's own words are in the page's language");
        assertTrue(title.text().contains("Planned"), title.text());

        Element chinese = html(given().cookie(RequestLocale.COOKIE, "zh").get("/me/notifications").then().statusCode(200)
                .extract().response()).selectFirst(".notification .notification-title");
        assertEquals(0, chinese.select("[lang]").size(), chinese.outerHtml());
    }

    @Test
    void release_notes_mark_lines_in_the_other_language() {
        Release draft = rf.draft(ReleaseChannel.DEV, Fixtures.unique("OS2.0."), null);
        rf.line(draft.id, ReleaseSection.NEW, "Camera: a tripod mode for long night exposures", null);
        rf.line(draft.id, ReleaseSection.FIXED, "修复了夜景模式下偶现的闪退问题", null);
        rf.publish(draft.id);

        Document zh = page("/releases/" + draft.id, "zh");
        List<String> marked = zh.select(".release-lines .prose[lang=en]").eachText();
        assertTrue(marked.contains("Camera: a tripod mode for long night exposures"), marked.toString());
        assertEquals(List.of("修复了夜景模式下偶现的闪退问题"), zh.select(".release-lines .prose:not([lang])").eachText());
    }

    @Test
    void the_language_switch_is_marked_in_its_own_language() {
        Element toEnglish = page("/", "zh").selectFirst("a.lang");
        assertEquals("en", toEnglish.attr("lang"));
        assertEquals("English", toEnglish.attr("aria-label"));
        Element toChinese = page("/", "en").selectFirst("a.lang");
        assertEquals("zh-CN", toChinese.attr("lang"));
        assertEquals("中文", toChinese.text());
    }

    private static Element titleOn(Document board, Suggestion s) {
        Element title = board.selectFirst("a.row-title[href=/suggestions/" + s.id + "]");
        assertNotNull(title, "the board lists #" + s.id);
        return title;
    }

    private static Document page(String path, String language) {
        return html(given().cookie(RequestLocale.COOKIE, language).get(path).then().statusCode(200).extract().response());
    }
}
