package app.fanloop.sitemap;

import static app.fanloop.Fixtures.unique;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** robots.txt and the sitemap: an index of id-range files that list exactly what visitors may see. */
@QuarkusTest
class SitemapTest {

    static final String SITE = "http://localhost:8081";
    static final String NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static final String XHTML = "http://www.w3.org/1999/xhtml";

    @Inject
    Fixtures fx;

    @Inject
    javax.sql.DataSource db;

    @ConfigProperty(name = "fanloop.sitemap.chunk-size")
    int chunkSize;

    @Test
    void robots_txt_keeps_crawlers_out_of_private_areas_and_points_to_the_sitemap() {
        Response robots = given().get("/robots.txt").then().statusCode(200).extract().response();
        String text = robots.asString();
        assertTrue(robots.contentType().startsWith("text/plain"));
        for (String line : List.of("User-agent: *", "Disallow: /me$", "Disallow: /me/", "Disallow: /triage",
                "Disallow: /admin", "Disallow: /search", "Disallow: /api/", "Sitemap: " + SITE + "/sitemap.xml")) {
            assertTrue(text.contains(line + "\n"), line);
        }
        assertFalse(text.contains("Disallow: /me\n"), "a bare /me prefix would also shut out /members/… profiles");
        assertTrue(robots.header("Cache-Control").startsWith("public, max-age="));
    }

    @Test
    void the_index_lists_the_pages_file_and_every_id_range_up_to_the_newest_row() throws Exception {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Indexed"));
        Response response = given().get("/sitemap.xml").then().statusCode(200).extract().response();
        assertTrue(response.contentType().startsWith("text/xml"));
        assertTrue(response.header("Cache-Control").startsWith("public, max-age="));
        Document index = xml(response);
        assertEquals("sitemapindex", index.getDocumentElement().getLocalName());
        assertEquals(NS, index.getDocumentElement().getNamespaceURI());
        List<String> locs = texts(index, "loc");
        assertEquals(SITE + "/sitemaps/pages.xml", locs.get(0));
        long maxId = fx.number("select max(id) from suggestion");
        long chunks = (maxId + chunkSize - 1) / chunkSize;
        for (long n = 0; n < chunks; n++) {
            assertTrue(locs.contains(SITE + "/sitemaps/suggestions-" + n + ".xml"), "chunk " + n);
        }
        assertFalse(locs.contains(SITE + "/sitemaps/suggestions-" + chunks + ".xml"));
        assertTrue(locs.contains(SITE + "/sitemaps/suggestions-" + (s.id - 1) / chunkSize + ".xml"));
        given().get("/sitemaps/suggestions-" + chunks + ".xml").then().statusCode(404);
        given().get("/sitemaps/nothing-0.xml").then().statusCode(404);
        given().get("/sitemaps/suggestions-99999999999999999999.xml").then().statusCode(404);
    }

    @Test
    void a_chunk_lists_exactly_the_visible_suggestions_of_its_id_range() throws Exception {
        Member author = fx.someone();
        Board board = fx.board();
        Suggestion shown = fx.suggestion(board, author, unique("Shown"));
        Suggestion hidden = fx.suggestion(board, author, unique("Hidden"));
        fx.hide(hidden.id);
        Suggestion survivor = fx.suggestion(board, author, unique("Survivor"));
        Suggestion merged = fx.suggestion(board, author, unique("Merged"));
        fx.mergedInto(merged.id, survivor.id);
        Board beta = fx.board();
        Suggestion secret = fx.suggestion(beta, author, unique("Beta"));
        PrivateBoards.make(fx, beta, secret, author);

        Set<Long> checked = new TreeSet<>();
        for (Suggestion s : List.of(shown, hidden, survivor, merged, secret)) {
            long chunk = (s.id - 1) / chunkSize;
            if (!checked.add(chunk)) {
                continue;
            }
            Document file = xml(given().get("/sitemaps/suggestions-" + chunk + ".xml").then().statusCode(200).extract().response());
            assertEquals("urlset", file.getDocumentElement().getLocalName());
            Set<Long> listed = new TreeSet<>();
            for (String loc : texts(file, "loc")) {
                assertTrue(loc.startsWith(SITE + "/suggestions/") && loc.endsWith("?lang=zh"), loc);
                listed.add(Long.parseLong(loc.substring((SITE + "/suggestions/").length(), loc.indexOf('?'))));
            }
            Set<Long> visible = visibleIds(chunk * chunkSize, (chunk + 1) * chunkSize);
            assertEquals(visible, listed, "chunk " + chunk);
        }
        Set<Long> all = new TreeSet<>();
        for (long chunk : checked) {
            for (String loc : texts(xml(given().get("/sitemaps/suggestions-" + chunk + ".xml").then().extract().response()), "loc")) {
                all.add(Long.parseLong(loc.substring((SITE + "/suggestions/").length(), loc.indexOf('?'))));
            }
        }
        assertTrue(all.contains(shown.id));
        assertTrue(all.contains(survivor.id));
        assertFalse(all.contains(hidden.id), "hidden");
        assertFalse(all.contains(merged.id), "merged into another: the survivor is the page to find");
        assertFalse(all.contains(secret.id), "on a private beta board");
    }

    @Test
    void each_url_has_its_lastmod_and_its_language_alternates() throws Exception {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Alternates"));
        fx.sql("update suggestion set edited_at = timestamptz '2031-05-06 07:08:09+00' where id = ?1", s.id);
        Document file = xml(given().get("/sitemaps/suggestions-" + (s.id - 1) / chunkSize + ".xml").then().extract().response());
        Element url = urlOf(file, SITE + "/suggestions/" + s.id + "?lang=zh");
        assertEquals("2031-05-06T07:08:09Z", text(url, NS, "lastmod"));
        NodeList links = url.getElementsByTagNameNS(XHTML, "link");
        assertEquals(3, links.getLength());
        List<String> alternates = new ArrayList<>();
        for (int i = 0; i < links.getLength(); i++) {
            Element link = (Element) links.item(i);
            assertEquals("alternate", link.getAttribute("rel"));
            alternates.add(link.getAttribute("hreflang") + " " + link.getAttribute("href"));
        }
        String page = SITE + "/suggestions/" + s.id;
        assertEquals(List.of("zh " + page + "?lang=zh", "en " + page + "?lang=en", "x-default " + page), alternates);
    }

    @Test
    void the_pages_file_lists_the_site_pages_and_only_public_listed_boards() throws Exception {
        Member pm = fx.member("paula");
        Board open = fx.board();
        Board archived = fx.board();
        fx.archive(archived.id);
        Board beta = fx.board();
        PrivateBoards.make(fx, beta, null, pm);
        Suggestion latest = fx.suggestion(open, fx.someone(), unique("Latest"));
        fx.sql("update suggestion set created_at = timestamptz '2030-01-02 03:04:05+00' where id = ?1", latest.id);

        Document pages = xml(given().get("/sitemaps/pages.xml").then().statusCode(200).extract().response());
        List<String> locs = texts(pages, "loc");
        assertTrue(locs.containsAll(List.of(SITE + "/?lang=zh", SITE + "/roadmap?lang=zh", SITE + "/releases?lang=zh",
                SITE + "/honours?lang=zh")));
        assertTrue(locs.contains(SITE + "/boards/" + open.slug + "?lang=zh"));
        assertFalse(locs.contains(SITE + "/boards/" + archived.slug + "?lang=zh"), "archived boards are not listed");
        assertFalse(locs.contains(SITE + "/boards/" + beta.slug + "?lang=zh"), "private beta boards are not listed");
        Element board = urlOf(pages, SITE + "/boards/" + open.slug + "?lang=zh");
        assertEquals("2030-01-02T03:04:05Z", text(board, NS, "lastmod"), "a board changes with its newest suggestion");
    }

    @Test
    void release_files_list_published_public_releases_only() throws Exception {
        Member pm = fx.member("paula");
        long published = release(pm, "PUBLISHED", false);
        long draft = release(pm, "DRAFT", false);
        long forTesters = release(pm, "PUBLISHED", true);
        Set<Long> listed = new TreeSet<>();
        for (long id : List.of(published, draft, forTesters)) {
            Document file = xml(given().get("/sitemaps/releases-" + (id - 1) / chunkSize + ".xml").then().statusCode(200)
                    .extract().response());
            for (String loc : texts(file, "loc")) {
                listed.add(Long.parseLong(loc.substring((SITE + "/releases/").length(), loc.indexOf('?'))));
            }
        }
        assertTrue(listed.contains(published));
        assertFalse(listed.contains(draft));
        assertFalse(listed.contains(forTesters), "a beta program's release notes stay private until its build is public");
    }

    @Test
    void member_files_list_exactly_the_indexable_profiles_with_their_latest_public_suggestion() throws Exception {
        Board board = fx.board();
        Member writer = fx.someone();
        Suggestion latest = fx.suggestion(board, writer, unique("Latest"));
        fx.sql("update suggestion set created_at = timestamptz '2032-03-04 05:06:07+00' where id = ?1", latest.id);
        Member withBio = fx.someone();
        fx.sql("update member set bio = 'hello' where id = ?1", withBio.id);
        Member banned = fx.someone();
        fx.sql("update member set bio = 'hello' where id = ?1", banned.id);
        fx.sanction(banned, "BAN", null, "spam");
        Member bot = fx.someone();
        fx.sql("update member set bio = 'hello', bot = true where id = ?1", bot.id);
        Member thin = fx.someone();
        fx.hide(fx.suggestion(board, thin, unique("Hidden")).id);
        Member closed = fx.someone();
        fx.sql("update member set bio = 'hello' where id = ?1", closed.id);
        fx.keepHonoursPrivate(closed);

        List<String> index = texts(xml(given().get("/sitemap.xml").then().extract().response()), "loc");
        long chunks = (fx.number("select max(id) from member") + chunkSize - 1) / chunkSize;
        for (long n = 0; n < chunks; n++) {
            assertTrue(index.contains(SITE + "/sitemaps/members-" + n + ".xml"), "chunk " + n);
        }
        given().get("/sitemaps/members-" + chunks + ".xml").then().statusCode(404);

        Set<Long> listed = new TreeSet<>();
        Set<Long> checked = new TreeSet<>();
        for (Member m : List.of(writer, withBio, banned, bot, thin, closed)) {
            long chunk = (m.id - 1) / chunkSize;
            if (!checked.add(chunk)) {
                continue;
            }
            Document file = xml(given().get("/sitemaps/members-" + chunk + ".xml").then().statusCode(200).extract().response());
            Set<Long> inChunk = new TreeSet<>();
            for (String loc : texts(file, "loc")) {
                assertTrue(loc.startsWith(SITE + "/members/") && loc.endsWith("?lang=zh"), loc);
                inChunk.add(Long.parseLong(loc.substring((SITE + "/members/").length(), loc.indexOf('?'))));
            }
            assertEquals(indexableMembers(chunk * chunkSize, (chunk + 1) * chunkSize), inChunk, "chunk " + chunk);
            listed.addAll(inChunk);
            if (chunk == (writer.id - 1) / chunkSize) {
                assertEquals("2032-03-04T05:06:07Z", text(urlOf(file, SITE + writer.path() + "?lang=zh"), NS, "lastmod"),
                        "a profile changes with its newest public suggestion");
            }
        }
        assertTrue(listed.containsAll(List.of(writer.id, withBio.id)));
        for (Member m : List.of(banned, bot, thin, closed)) {
            assertFalse(listed.contains(m.id), m.name);
        }
    }

    /** Independently of the app's SQL: the profiles with ids in (after, upTo] that search engines may show. */
    private Set<Long> indexableMembers(long after, long upTo) throws Exception {
        Set<Long> ids = new TreeSet<>();
        try (var c = db.getConnection(); var st = c.prepareStatement("""
                select m.id from member m where m.id > ? and m.id <= ? and not m.bot and not m.honours_private
                and m.id not in (select member_id from sanction where kind = 'BAN' and lifted_at is null
                                 and starts_at <= now() and (ends_at is null or ends_at > now()))
                and (m.bio <> '' or m.id in (select author_id from suggestion where not hidden and program_id is null))""")) {
            st.setLong(1, after);
            st.setLong(2, upTo);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    private long release(Member pm, String state, boolean forProgram) {
        String version = unique("OS-" + state);
        fx.sql("""
                insert into release (version, channel, week, summary, summary_html, state, published_at, created_by_id)
                values (?1, 'DEV', '2026-W47', 's', '<p>s</p>', ?2, case when ?2 = 'PUBLISHED' then now() end, ?3)""",
                version, state, pm.id);
        long id = fx.number("select id from release where version = ?1", version);
        if (forProgram) {
            fx.sql("update release set program_id = ?1 where id = ?2", PrivateBoards.program(fx, pm), id);
        }
        return id;
    }

    /** Independently of the app's SQL: the suggestions a visitor may see with ids in (after, upTo]. */
    private Set<Long> visibleIds(long after, long upTo) throws Exception {
        Set<Long> ids = new TreeSet<>();
        try (var c = db.getConnection(); var st = c.prepareStatement("""
                select id from suggestion where id > ? and id <= ? and not hidden and program_id is null
                and status <> 'MERGED'""")) {
            st.setLong(1, after);
            st.setLong(2, upTo);
            try (var rs = st.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
        }
        return ids;
    }

    static Document xml(Response response) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        // Parsing fails on anything not well-formed (an unescaped & or <).
        return factory.newDocumentBuilder().parse(new ByteArrayInputStream(response.asByteArray()));
    }

    static List<String> texts(Document doc, String name) {
        NodeList nodes = doc.getElementsByTagNameNS(NS, name);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }

    static Element urlOf(Document doc, String loc) {
        NodeList urls = doc.getElementsByTagNameNS(NS, "url");
        for (int i = 0; i < urls.getLength(); i++) {
            Element url = (Element) urls.item(i);
            if (loc.equals(text(url, NS, "loc"))) {
                return url;
            }
        }
        throw new AssertionError("not in the sitemap: " + loc);
    }

    static String text(Element parent, String ns, String name) {
        NodeList nodes = parent.getElementsByTagNameNS(ns, name);
        assertNotNull(nodes.item(0), name);
        return nodes.item(0).getTextContent();
    }
}
