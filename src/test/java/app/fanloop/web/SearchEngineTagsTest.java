package app.fanloop.web;

import static app.fanloop.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.sitemap.PrivateBoards;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionKind;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * What public pages tell search engines and link previews (description, canonical, hreflang, Open Graph, Twitter,
 * JSON-LD), always from the configured site address; and noindex on what visitors may not see.
 */
@QuarkusTest
class SearchEngineTagsTest {

    static final String SITE = "http://localhost:8081";

    @Inject
    Fixtures fx;

    @Test
    void home_page_has_every_tag_in_chinese_and_in_english() {
        Document zh = visit("/?lang=zh");
        assertEquals("zh-CN", zh.selectFirst("html").attr("lang"));
        assertTags(zh, "/", "zh");
        assertEquals("zh_CN", meta(zh, "og:locale"));
        assertTrue(description(zh).startsWith("Fanloop 是米粉的建议与反馈社区"));
        assertEquals("website", meta(zh, "og:type"));

        Document en = visit("/?lang=en");
        assertEquals("en", en.selectFirst("html").attr("lang"));
        assertTags(en, "/", "en");
        assertEquals("en_US", meta(en, "og:locale"));
        assertEquals("zh_CN", meta(en, "og:locale:alternate"));
        assertTrue(description(en).startsWith("Fanloop is the fan feedback community"));
    }

    @Test
    void the_language_parameter_wins_over_the_cookie_and_the_language_switch_drops_it() {
        Document page = Jsoup.parse(given().cookie(RequestLocale.COOKIE, "en").get("/roadmap?lang=zh").asString());
        assertEquals("zh-CN", page.selectFirst("html").attr("lang"));
        assertEquals("/language/en?to=%2Froadmap", page.selectFirst("a.lang").attr("href"),
                "back from the switch, the chosen language decides, not the address's parameter");
        assertTags(page, "/roadmap", "zh");
    }

    @Test
    void roadmap_and_hall_of_honours_have_their_tags() {
        Document roadmap = visit("/roadmap?lang=en");
        assertTags(roadmap, "/roadmap", "en");
        assertEquals("Roadmap", meta(roadmap, "og:title"));
        Document honours = visit("/honours?lang=zh");
        assertTags(honours, "/honours", "zh");
        assertTags(visit("/honours?page=2&lang=en"), "/honours?page=2", "en");
    }

    @Test
    void board_page_describes_the_board_and_its_canonical_drops_sort_and_filters() {
        Board board = fx.board();
        Document zh = visit("/boards/" + board.slug + "?sort=new&status=OPEN&lang=zh");
        assertTags(zh, "/boards/" + board.slug, "zh");
        assertEquals("About " + board.slug, description(zh));
        assertEquals("Board " + board.slug, meta(zh, "og:title"));

        Document en = visit("/boards/" + board.slug + "?page=2&lang=en");
        assertTags(en, "/boards/" + board.slug + "?page=2", "en");
    }

    @Test
    void suggestion_page_has_an_excerpt_its_first_picture_and_a_discussion_posting() throws Exception {
        Member author = fx.someone();
        Board board = fx.board();
        String body = "**Night mode** should have a manual shutter. " + "Long exposures matter to fans. ".repeat(10);
        Instant posted = Instant.now().minus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        Suggestion s = fx.suggestion(board, author, SuggestionKind.SUGGESTION, unique("Manual shutter"), body, posted);
        fx.votes(s.id, 3, Instant.now());
        fx.comment(s.id, fx.someone(), null, "Yes please", false);
        long image = image(s, author);

        for (String language : List.of("zh", "en")) {
            Document page = visit("/suggestions/" + s.id + "?lang=" + language);
            assertTags(page, "/suggestions/" + s.id, language);
            String description = description(page);
            assertTrue(description.startsWith("Night mode should have a manual shutter."), description);
            assertFalse(description.contains("**"), "plain text, not Markdown");
            assertTrue(description.codePointCount(0, description.length()) <= 160);
            assertTrue(description.endsWith("…"));
            assertEquals("article", meta(page, "og:type"));
            assertEquals(s.title, meta(page, "og:title"));
            assertEquals(SITE + "/files/" + image, meta(page, "og:image"));
            assertEquals("summary_large_image", named(page, "twitter:card"));
            assertEquals(SITE + "/files/" + image, named(page, "twitter:image"));

            JsonNode posting = structuredData(page);
            assertEquals("https://schema.org", posting.get("@context").asText());
            assertEquals("DiscussionForumPosting", posting.get("@type").asText());
            assertEquals(s.title, posting.get("headline").asText());
            assertEquals(description, posting.get("text").asText());
            assertEquals(SITE + "/suggestions/" + s.id, posting.get("url").asText());
            assertEquals(author.name, posting.at("/author/name").asText());
            assertEquals(SITE + "/members/" + author.id, posting.at("/author/url").asText());
            assertEquals(posted.toString(), posting.get("datePublished").asText());
            assertEquals(1, posting.get("commentCount").asInt());
            assertEquals("https://schema.org/LikeAction", posting.at("/interactionStatistic/0/interactionType").asText());
            assertEquals(3, posting.at("/interactionStatistic/0/userInteractionCount").asInt());
            assertEquals("https://schema.org/CommentAction", posting.at("/interactionStatistic/1/interactionType").asText());
            assertEquals(1, posting.at("/interactionStatistic/1/userInteractionCount").asInt());
        }
    }

    @Test
    void a_suggestion_without_pictures_gets_a_small_card_and_no_image() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("No picture"));
        Document page = visit("/suggestions/" + s.id);
        assertEquals("summary", named(page, "twitter:card"));
        assertNull(page.selectFirst("meta[property='og:image']"));
    }

    @Test
    void a_title_with_a_closing_script_tag_cannot_break_out_of_the_structured_data() throws Exception {
        String title = "Break </script><script>alert(1)</script><!-- &amp;";
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), title);
        Response response = given().get("/suggestions/" + s.id);
        String html = response.asString();
        assertFalse(html.contains("<script>alert(1)</script>"), "the member's markup is never written as markup");
        Document page = Jsoup.parse(html);
        assertEquals(1, page.select("script[type='application/ld+json']").size());
        assertEquals(0, page.select("script:not([src]):not([type='application/ld+json'])").size(),
                "no inline script came out of the title");
        assertEquals(title, structuredData(page).get("headline").asText(), "the JSON still holds the exact title");
        assertEquals(title, meta(page, "og:title"));
        String csp = response.header("Content-Security-Policy");
        assertTrue(csp.contains("script-src 'self'"), "the policy is unchanged: JSON-LD is data, not a script to run");
    }

    @Test
    void release_page_has_its_summary_and_a_draft_preview_is_noindex() {
        Member pm = fx.member("paula");
        String version = unique("OS2.0.DEV");
        fx.sql("""
                insert into release (version, channel, week, summary, summary_html, state, published_at, created_by_id)
                values (?1, 'DEV', '2026-W47', '夜景 *手动快门* 上线', '<p>夜景</p>', 'PUBLISHED', now(), ?2)""", version, pm.id);
        long id = fx.number("select id from release where version = ?1", version);
        for (String language : List.of("zh", "en")) {
            Document page = visit("/releases/" + id + "?lang=" + language);
            assertTags(page, "/releases/" + id, language);
            assertEquals("夜景 手动快门 上线", description(page));
            assertTrue(meta(page, "og:title").startsWith(version));
        }
        Document list = visit("/releases?lang=en");
        assertTags(list, "/releases", "en");
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void a_draft_release_seen_by_staff_is_noindex() {
        Member pm = fx.member("paula");
        String version = unique("OS2.1.DEV");
        fx.sql("""
                insert into release (version, channel, week, summary, summary_html, state, created_by_id)
                values (?1, 'DEV', '2026-W48', 'draft', '<p>draft</p>', 'DRAFT', ?2)""", version, pm.id);
        long id = fx.number("select id from release where version = ?1", version);
        assertNoindex(Jsoup.parse(given().get("/releases/" + id).then().statusCode(200).extract().asString()));
    }

    @Test
    void canonical_and_alternates_never_follow_a_forged_host_header() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Forged host"));
        for (String path : List.of("/", "/suggestions/" + s.id)) {
            Document page = Jsoup.parse(given().header("Host", "evil.example").header("X-Forwarded-Host", "evil.example")
                    .header("Forwarded", "host=evil.example;proto=https").get(path).asString());
            for (Element link : page.select("link[rel=canonical], link[rel=alternate][hreflang], meta[property='og:url']")) {
                String url = link.hasAttr("href") ? link.attr("href") : link.attr("content");
                assertTrue(url.startsWith(SITE + "/"), url);
            }
            assertFalse(page.html().contains("evil.example"));
        }
        String robots = given().header("Host", "evil.example").get("/robots.txt").asString();
        assertTrue(robots.contains("Sitemap: " + SITE + "/sitemap.xml"));
    }

    @Test
    void a_merged_duplicate_is_noindex_and_its_survivor_is_indexed() {
        Board board = fx.board();
        Suggestion survivor = fx.suggestion(board, fx.someone(), unique("Survivor"));
        Suggestion duplicate = fx.suggestion(board, fx.someone(), unique("Duplicate"));
        fx.mergedInto(duplicate.id, survivor.id);
        assertNoindex(visit("/suggestions/" + duplicate.id));
        assertTags(visit("/suggestions/" + survivor.id + "?lang=zh"), "/suggestions/" + survivor.id, "zh");
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void a_hidden_post_seen_by_its_author_is_noindex() {
        Member bob = fx.member("bob");
        Suggestion s = fx.suggestion(fx.board(), bob, unique("Hidden"));
        fx.hide(s.id);
        Document page = Jsoup.parse(given().get("/suggestions/" + s.id).then().statusCode(200).extract().asString());
        assertNoindex(page);
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void a_private_boards_pages_are_noindex() {
        Member alice = fx.member("alice");
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, alice, unique("Beta only"));
        PrivateBoards.make(fx, board, s, alice);
        assertNoindex(Jsoup.parse(given().get("/boards/" + board.slug).then().statusCode(200).extract().asString()));
        assertNoindex(Jsoup.parse(given().get("/suggestions/" + s.id).then().statusCode(200).extract().asString()));
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void personal_pages_and_search_results_are_noindex() {
        fx.member("bob");
        for (String path : List.of("/me", "/search?q=camera", "/me/notifications")) {
            assertNoindex(Jsoup.parse(given().get(path).then().statusCode(200).extract().asString()));
        }
    }

    @Test
    void a_members_profile_has_their_name_bio_and_uploaded_picture_in_chinese_and_in_english() {
        Member m = fx.someone();
        fx.sql("update member set bio = ?1, picture = 'https://accounts.example/p.png' where id = ?2",
                "Xiaomi 14 fan, camera tester", m.id);
        long avatar = avatar(m);
        for (String language : List.of("zh", "en")) {
            Document page = visit(m.path() + "?lang=" + language);
            assertTags(page, m.path(), language);
            assertEquals("profile", meta(page, "og:type"));
            assertEquals(m.name, meta(page, "og:title"));
            assertEquals("Xiaomi 14 fan, camera tester", description(page));
            assertEquals(SITE + "/files/" + avatar, meta(page, "og:image"), "the uploaded picture, absolute");
        }
    }

    @Test
    void a_profile_without_bio_says_how_many_suggestions_and_never_shows_the_token_picture() {
        Member m = fx.someone();
        fx.sql("update member set picture = 'https://accounts.example/p.png' where id = ?1", m.id);
        fx.suggestion(fx.board(), m, unique("One"));
        Suggestion hidden = fx.suggestion(fx.board(), m, unique("Hidden"));
        fx.hide(hidden.id);
        long level = fx.number("select level from member where id = ?1", m.id);
        Document zh = visit(m.path() + "?lang=zh");
        assertTags(zh, m.path(), "zh");
        assertEquals("1 条建议 · Lv" + level, description(zh), "hidden posts are not counted");
        assertNull(meta(zh, "og:image"), "a sign-in account's picture is a third party's address");
        assertFalse(zh.head().html().contains("accounts.example"));
        assertEquals("1 suggestions · level " + level, description(visit(m.path() + "?lang=en")));
    }

    @Test
    void banned_bot_private_and_thin_profiles_are_noindex() {
        Member banned = fx.someone();
        fx.sql("update member set bio = 'hello' where id = ?1", banned.id);
        fx.sanction(banned, "BAN", null, "spam");
        Member bot = fx.someone();
        fx.sql("update member set bio = 'hello', bot = true where id = ?1", bot.id);
        Member closed = fx.someone();
        fx.sql("update member set bio = 'hello' where id = ?1", closed.id);
        fx.keepHonoursPrivate(closed);
        Member thin = fx.someone();
        Suggestion onlyHidden = fx.suggestion(fx.board(), thin, unique("Hidden"));
        fx.hide(onlyHidden.id);
        for (Member m : List.of(banned, bot, closed, thin)) {
            assertNoindex(visit(m.path()));
        }
        Member silenced = fx.someone();
        fx.sql("update member set bio = 'hello' where id = ?1", silenced.id);
        fx.sanction(silenced, "SILENCE", null, "noise");
        assertTags(visit(silenced.path() + "?lang=zh"), silenced.path(), "zh");
    }

    /** An uploaded picture (an AVATAR attachment) as the member's: its id. */
    private long avatar(Member m) {
        fx.sql("""
                insert into attachment (kind, owner_id, content_type, file_name, byte_size, sha256, blob_key,
                  width, height, created_at, attached_at)
                values ('AVATAR', ?1, 'image/png', 'me.png', 10, 'x', gen_random_uuid()::text, 10, 10, now(), now())""",
                m.id);
        long id = fx.number("select max(id) from attachment where owner_id = ?1 and kind = 'AVATAR'", m.id);
        fx.sql("update member set avatar_id = ?1 where id = ?2", id, m.id);
        return id;
    }

    private long image(Suggestion s, Member author) {
        fx.sql("""
                insert into attachment (kind, owner_id, suggestion_id, content_type, file_name, byte_size, sha256, blob_key,
                  width, height, created_at, attached_at)
                values ('IMAGE', ?1, ?2, 'image/png', 'shot.png', 10, 'x', gen_random_uuid()::text, 10, 10, now(), now())""",
                author.id, s.id);
        fx.sql("update suggestion set image_count = 1 where id = ?1", s.id);
        return fx.number("select id from attachment where suggestion_id = ?1", s.id);
    }

    static Document visit(String path) {
        return Jsoup.parse(given().get(path).then().statusCode(200).extract().asString());
    }

    /** Canonical in the page's language, the zh/en/x-default alternates, og:url: all absolute on the site. */
    static void assertTags(Document page, String path, String language) {
        String sep = path.contains("?") ? "&" : "?";
        assertEquals(SITE + path + sep + "lang=" + language, page.selectFirst("link[rel=canonical]").attr("href"));
        assertEquals(SITE + path + sep + "lang=zh", page.selectFirst("link[rel=alternate][hreflang=zh]").attr("href"));
        assertEquals(SITE + path + sep + "lang=en", page.selectFirst("link[rel=alternate][hreflang=en]").attr("href"));
        assertEquals(SITE + path, page.selectFirst("link[rel=alternate][hreflang=x-default]").attr("href"));
        assertEquals(SITE + path + sep + "lang=" + language, meta(page, "og:url"));
        assertNull(page.selectFirst("meta[name=robots]"), "a public page is indexable");
        assertFalse(description(page).isBlank());
        assertNotNull(meta(page, "og:title"));
        assertEquals(meta(page, "og:title"), named(page, "twitter:title"));
        assertEquals(description(page), named(page, "twitter:description"));
        assertEquals(description(page), meta(page, "og:description"));
        assertNotNull(named(page, "twitter:card"));
    }

    static void assertNoindex(Document page) {
        assertEquals("noindex", page.selectFirst("meta[name=robots]").attr("content"));
        assertNull(page.selectFirst("link[rel=canonical]"));
        assertNull(page.selectFirst("meta[name=description]"));
        assertNull(page.selectFirst("meta[property='og:image']"));
        assertNull(page.selectFirst("script[type='application/ld+json']"));
    }

    static String description(Document page) {
        return named(page, "description");
    }

    static String named(Document page, String name) {
        Element e = page.selectFirst("meta[name='" + name + "']");
        return e == null ? null : e.attr("content");
    }

    static String meta(Document page, String property) {
        Element e = page.selectFirst("meta[property='" + property + "']");
        return e == null ? null : e.attr("content");
    }

    static JsonNode structuredData(Document page) throws Exception {
        Element script = page.selectFirst("script[type='application/ld+json']");
        assertNotNull(script, "the page has structured data");
        return new ObjectMapper().readTree(script.data());
    }
}
