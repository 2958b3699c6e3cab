package app.fanloop.release;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import app.fanloop.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** The Atom feeds, read back with the JDK's XML parser as a feed reader would. */
@QuarkusTest
class FeedTest {

    static final String ATOM = "http://www.w3.org/2005/Atom";

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Test
    void the_feed_is_atom_with_every_required_element_and_stable_ids() throws Exception {
        Release dev = rf.draft(ReleaseChannel.DEV, unique("OS-feed-dev"), null,
                fx.suggestion(fx.board(), fx.someone(), unique("Feed me")).id);
        Release stable = rf.draft(ReleaseChannel.STABLE, unique("OS-feed-stable"), null);
        Release draft = rf.draft(ReleaseChannel.DEV, unique("OS-feed-draft"), null);
        rf.publish(stable.id);
        rf.publish(dev.id);

        Response response = page().get("/releases.atom");
        assertEquals(200, response.statusCode());
        assertTrue(response.contentType().startsWith("application/atom+xml"), response.contentType());
        Element feed = parse(response).getDocumentElement();

        assertEquals(ATOM, feed.getNamespaceURI());
        assertEquals("feed", feed.getLocalName());
        assertFalse(child(feed, "id").isBlank());
        assertFalse(child(feed, "title").isBlank());
        OffsetDateTime.parse(child(feed, "updated"));
        assertFalse(child((Element) feed.getElementsByTagNameNS(ATOM, "author").item(0), "name").isBlank());
        assertTrue(links(feed).contains("self"), "a self link");

        List<Element> entries = entries(feed);
        List<String> titles = entries.stream().map(e -> child(e, "title")).toList();
        assertTrue(titles.indexOf(dev.version + " · Dev build") >= 0, titles.toString());
        assertTrue(titles.indexOf(dev.version + " · Dev build") < titles.indexOf(stable.version + " · Stable"),
                "newest first");
        assertTrue(titles.stream().noneMatch(t -> t.startsWith(draft.version)), "drafts stay out");
        Element entry = entries.get(titles.indexOf(dev.version + " · Dev build"));
        String id = child(entry, "id");
        assertTrue(id.startsWith("tag:") && id.endsWith(":release:" + dev.id), id);
        OffsetDateTime.parse(child(entry, "updated"));
        OffsetDateTime.parse(child(entry, "published"));
        Element link = (Element) entry.getElementsByTagNameNS(ATOM, "link").item(0);
        assertEquals("alternate", link.getAttribute("rel"));
        assertTrue(link.getAttribute("href").endsWith("/releases/" + dev.id));
        Element content = (Element) entry.getElementsByTagNameNS(ATOM, "content").item(0);
        assertEquals("html", content.getAttribute("type"));
        assertTrue(content.getTextContent().contains("Line of " + dev.version));

        Element again = parse(page().get("/releases.atom")).getDocumentElement();
        assertEquals(child(feed, "id"), child(again, "id"), "the feed id does not change");
        assertEquals(id, child(entries(again).get(titles.indexOf(dev.version + " · Dev build")), "id"));
    }

    @Test
    void a_channel_feed_lists_that_channel_only() throws Exception {
        Release dev = rf.draft(ReleaseChannel.DEV, unique("OS-only-dev"), null);
        Release stable = rf.draft(ReleaseChannel.STABLE, unique("OS-only-stable"), null);
        rf.publish(dev.id);
        rf.publish(stable.id);

        Element feed = parse(page().get("/releases.atom?channel=stable")).getDocumentElement();
        List<String> titles = entries(feed).stream().map(e -> child(e, "title")).toList();
        assertTrue(titles.contains(stable.version + " · Stable"), titles.toString());
        assertTrue(titles.stream().allMatch(t -> t.endsWith("Stable")), titles.toString());
        Element all = parse(page().get("/releases.atom")).getDocumentElement();
        assertFalse(child(all, "id").equals(child(feed, "id")), "each feed has its own id");
    }

    static Document parse(Response response) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        DocumentBuilder builder = factory.newDocumentBuilder();
        return builder.parse(new ByteArrayInputStream(response.asString().getBytes(StandardCharsets.UTF_8)));
    }

    static List<Element> entries(Element feed) {
        List<Element> entries = new ArrayList<>();
        NodeList nodes = feed.getElementsByTagNameNS(ATOM, "entry");
        for (int i = 0; i < nodes.getLength(); i++) {
            entries.add((Element) nodes.item(i));
        }
        return entries;
    }

    /** The text of a direct child element; fails when it is missing. */
    static String child(Element parent, String name) {
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && ATOM.equals(e.getNamespaceURI()) && name.equals(e.getLocalName())) {
                return e.getTextContent();
            }
        }
        throw new AssertionError("no <" + name + "> in <" + parent.getLocalName() + ">");
    }

    static List<String> links(Element parent) {
        List<String> rels = new ArrayList<>();
        for (var node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element e && "link".equals(e.getLocalName())) {
                rels.add(e.getAttribute("rel"));
            }
        }
        assertNotNull(rels);
        return rels;
    }
}
