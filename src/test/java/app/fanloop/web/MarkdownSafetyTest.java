package app.fanloop.web;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/** Whatever members type, pages show it without running anyone's script. */
@QuarkusTest
@TestSecurity(user = "bob", roles = "fan")
class MarkdownSafetyTest {

    static final String PAYLOADS = """
            <script>alert('script')</script>

            <img src=x onerror="alert('img')">

            [click me](javascript:alert('link'))

            [sneaky](JaVaScRiPt:alert('case'))

            [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)

            <iframe src="https://evil.example/"></iframe>

            <a href="https://evil.example/" onclick="alert('raw')">raw link</a>

            <div style="position:fixed;top:0">raw div</div>

            ![pixel](https://evil.example/pixel.png)

            [a fine link](https://example.com/page) and https://example.org/auto
            """;

    @Inject
    Fixtures fx;

    @Test
    void markdown_in_suggestions_and_comments_is_sanitized() {
        Board board = fx.board();
        String title = "<script>alert('title')</script> " + unique("Title");
        String location = location(form().formParam("kind", "SUGGESTION").formParam("title", title)
                .formParam("body", PAYLOADS).post("/boards/" + board.slug + "/suggestions"));
        form().formParam("body", PAYLOADS).post(location + "/comments").then().statusCode(303);

        Document doc = html(page().get(location).then().statusCode(200).extract().response());

        assertEquals(title, doc.selectFirst("article h1").text(), "the title is text, not markup");
        List<Element> proses = doc.select(".prose");
        assertEquals(2, proses.size(), "the body and the comment");
        for (Element prose : proses) {
            assertSafe(prose);
            Element fine = prose.selectFirst("a[href=https://example.com/page]");
            assertEquals("a fine link", fine.text());
            assertEquals(Set.of("nofollow", "ugc", "noopener"), Set.of(fine.attr("rel").split("\\s+")));
            Element auto = prose.selectFirst("a[href=https://example.org/auto]");
            assertEquals(Set.of("nofollow", "ugc", "noopener"), Set.of(auto.attr("rel").split("\\s+")));
            assertTrue(prose.text().contains("<script>alert('script')</script>"), "raw HTML shows as text");
            assertEquals(List.of("click me", "sneaky"), prose.select("a[href]").stream()
                    .filter(a -> a.attr("href").isEmpty()).map(Element::text).toList(), "javascript: links lose their address");
        }
        assertEquals(java.util.List.of("/_static/htmx.org/dist/htmx.min.js", "/static/files.js", "/static/mentions.js",
                "/static/access.js"),
                doc.select("script").eachAttr("src"), "only the page's own scripts");
    }

    @Test
    void raw_html_never_reaches_the_revisions_page_either() {
        Board board = fx.board();
        String location = location(form().formParam("kind", "SUGGESTION").formParam("title", unique("Edited"))
                .formParam("body", PAYLOADS).post("/boards/" + board.slug + "/suggestions"));
        form().formParam("kind", "SUGGESTION").formParam("title", unique("Edited again")).formParam("body", "Clean")
                .post(location + "/edit").then().statusCode(303);

        Document doc = html(page().get(location + "/revisions").then().statusCode(200).extract().response());

        assertSafe(doc.body());
        assertTrue(doc.selectFirst("pre.revision-text").text().contains("<img src=x onerror="));
    }

    private static void assertSafe(Element html) {
        assertTrue(html.select("script, iframe, img, object, embed, style, div[style]").isEmpty(), html.html());
        assertTrue(html.select("[onerror], [onclick], [onload], [style]").isEmpty(), html.html());
        for (Element link : html.select("a[href]")) {
            String href = link.attr("href").toLowerCase();
            // A link whose address was unsafe keeps its text and an empty address.
            assertTrue(href.isEmpty() || href.startsWith("https://") || href.startsWith("http://")
                    || href.startsWith("/") || href.startsWith("#"), "unsafe link " + href);
        }
    }
}
