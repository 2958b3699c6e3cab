package app.fanloop.sitemap;

import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.jboss.resteasy.reactive.RestPath;

import app.fanloop.limit.AbuseLimited;
import app.fanloop.web.PageMetas;
import app.fanloop.web.RequestLocale;
import app.fanloop.web.SiteConfig;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * For search engines: robots.txt, and the sitemap as an index ({@code /sitemap.xml}) of files that each list one
 * id range of public suggestions, releases or member profiles (member/Indexable), plus one file of the site's own pages and its public boards. Every
 * address comes from the configured site address (fanloop.site.url), each with its Chinese and English alternates.
 * Files are streamed as they are read (sitemap/Sitemaps) and may be kept by crawlers and caches for
 * fanloop.sitemap.max-age; they count in their own rate-limit bucket ("sitemap").
 */
@Path("/")
public class SitemapResource {

    /** text/xml rather than application/xml: Quarkus compresses it by default (quarkus.http.compress-media-types). */
    static final String XML = "text/xml; charset=utf-8";
    static final String SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9";
    static final String XHTML_NS = "http://www.w3.org/1999/xhtml";
    /** The site's own pages that visitors may read and search engines should find (boards follow them). */
    static final String[] PAGES = { "/", "/roadmap", "/releases", "/honours" };

    /** Where crawlers should not go: personal, staff and action addresses, and search results (endless and thin). */
    static final String[] DISALLOWED = { "/me$", "/me/", "/triage", "/admin", "/search", "/api/", "/login", "/logout",
            "/language/", "/q/", "/boards/*/new" };

    private final Sitemaps sitemaps;
    private final SitemapConfig config;
    private final SiteConfig site;
    private final PageMetas metas;

    SitemapResource(Sitemaps sitemaps, SitemapConfig config, SiteConfig site, PageMetas metas) {
        this.sitemaps = sitemaps;
        this.config = config;
        this.site = site;
        this.metas = metas;
    }

    @GET
    @Path("robots.txt")
    @Produces("text/plain; charset=utf-8")
    public Response robots() {
        StringBuilder text = new StringBuilder("User-agent: *\n");
        for (String path : DISALLOWED) {
            text.append("Disallow: ").append(path).append('\n');
        }
        text.append("Allow: /\n\nSitemap: ").append(site.link("/sitemap.xml")).append('\n');
        return cached(Response.ok(text.toString())).build();
    }

    /** The index: the pages file, then one file per id range of each kind, up to the highest id there is. */
    @GET
    @Path("sitemap.xml")
    @AbuseLimited("sitemap")
    @Produces(XML)
    public Response index() throws Exception {
        long[] maxIds = new long[Sitemaps.Kind.values().length];
        for (Sitemaps.Kind kind : Sitemaps.Kind.values()) {
            maxIds[kind.ordinal()] = sitemaps.maxId(kind);
        }
        StreamingOutput body = out -> write(out, xml -> {
            xml.writeStartElement("sitemapindex");
            xml.writeDefaultNamespace(SITEMAP_NS);
            sitemap(xml, "/sitemaps/pages.xml");
            for (Sitemaps.Kind kind : Sitemaps.Kind.values()) {
                for (long chunk = 0; chunk < chunks(maxIds[kind.ordinal()]); chunk++) {
                    sitemap(xml, "/sitemaps/" + kind.param() + "-" + chunk + ".xml");
                }
            }
            xml.writeEndElement();
        });
        return cached(Response.ok(body)).build();
    }

    /** The site's own pages and the public boards. */
    @GET
    @Path("sitemaps/pages.xml")
    @AbuseLimited("sitemap")
    @Produces(XML)
    public Response pages() throws Exception {
        var boards = sitemaps.boards();
        StreamingOutput body = out -> write(out, xml -> {
            urlset(xml);
            for (String page : PAGES) {
                url(xml, page, null);
            }
            for (Sitemaps.Row board : boards) {
                url(xml, jakarta.ws.rs.core.UriBuilder.fromPath("/boards/{slug}").build(board.slug()).toString(),
                        board.lastmod());
            }
            xml.writeEndElement();
        });
        return cached(Response.ok(body)).build();
    }

    /** One id range of one kind: chunk n lists the public rows with ids in (n × size, (n + 1) × size]. */
    @GET
    @Path("sitemaps/{kind: [a-z]+}-{chunk: [0-9]+}.xml")
    @AbuseLimited("sitemap")
    @Produces(XML)
    public Response chunk(@RestPath String kind, @RestPath String chunk) throws Exception {
        Sitemaps.Kind what = Sitemaps.Kind.parse(kind);
        long number = chunk.length() > 9 ? Long.MAX_VALUE : Long.parseLong(chunk);
        if (what == null || number >= chunks(sitemaps.maxId(what))) {
            throw new NotFoundException();
        }
        long after = number * config.chunkSize();
        String prefix = what.prefix;
        StreamingOutput body = out -> write(out, xml -> {
            urlset(xml);
            sitemaps.range(what, after, after + config.chunkSize(), row -> url(xml, prefix + row.id(), row.lastmod()));
            xml.writeEndElement();
        });
        return cached(Response.ok(body)).build();
    }

    private long chunks(long maxId) {
        return (maxId + config.chunkSize() - 1) / config.chunkSize();
    }

    private Response.ResponseBuilder cached(Response.ResponseBuilder response) {
        // The same for every reader (nothing personal, no cookie read), so shared caches may keep it too.
        return response.header("Cache-Control", "public, max-age=" + config.maxAge().toSeconds());
    }

    private void sitemap(XMLStreamWriter xml, String path) throws XMLStreamException {
        xml.writeStartElement("sitemap");
        element(xml, "loc", site.link(path));
        xml.writeEndElement();
    }

    private static void urlset(XMLStreamWriter xml) throws XMLStreamException {
        xml.writeStartElement("urlset");
        xml.writeDefaultNamespace(SITEMAP_NS);
        xml.writeNamespace("xhtml", XHTML_NS);
    }

    /** One page: its Chinese address (the site's first language), lastmod, and the language alternates. */
    private void url(XMLStreamWriter xml, String path, Instant lastmod) throws XMLStreamException {
        xml.writeStartElement("url");
        element(xml, "loc", metas.address(path, RequestLocale.CHINESE));
        if (lastmod != null) {
            element(xml, "lastmod", DateTimeFormatter.ISO_INSTANT.format(lastmod));
        }
        alternate(xml, "zh", metas.address(path, RequestLocale.CHINESE));
        alternate(xml, "en", metas.address(path, RequestLocale.ENGLISH));
        alternate(xml, "x-default", metas.address(path, null));
        xml.writeEndElement();
    }

    private static void alternate(XMLStreamWriter xml, String language, String href) throws XMLStreamException {
        xml.writeEmptyElement("xhtml", "link", XHTML_NS);
        xml.writeAttribute("rel", "alternate");
        xml.writeAttribute("hreflang", language);
        xml.writeAttribute("href", href);
    }

    private static void element(XMLStreamWriter xml, String name, String text) throws XMLStreamException {
        xml.writeStartElement(name);
        xml.writeCharacters(text);
        xml.writeEndElement();
    }

    @FunctionalInterface
    private interface XmlBody {
        void write(XMLStreamWriter xml) throws Exception;
    }

    /** A document written straight to the response as it is made. */
    private static void write(OutputStream out, XmlBody body) {
        try {
            // The writer makes many small writes (an element, an attribute); the response gets them in 64 KiB pieces.
            BufferedOutputStream buffered = new BufferedOutputStream(out, 64 * 1024);
            XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(buffered, StandardCharsets.UTF_8.name());
            xml.writeStartDocument(StandardCharsets.UTF_8.name(), "1.0");
            body.write(xml);
            xml.writeEndDocument();
            xml.flush();
            xml.close();
            buffered.flush();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("sitemap not written", e);
        }
    }
}
