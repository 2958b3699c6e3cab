package app.fanloop.release;

import app.fanloop.limit.AbuseLimited;
import app.fanloop.member.Viewer;
import app.fanloop.web.SiteClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;

import org.jboss.resteasy.reactive.RestQuery;

import com.rometools.rome.feed.atom.Content;
import com.rometools.rome.feed.atom.Entry;
import com.rometools.rome.feed.atom.Feed;
import com.rometools.rome.feed.atom.Link;
import com.rometools.rome.feed.atom.Person;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.WireFeedOutput;

import app.fanloop.web.RequestLocale;
import app.fanloop.web.SiteConfig;
import app.fanloop.web.WebMessages;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/**
 * Atom feeds of the published releases, all channels or one ({@code ?channel=dev}), written with Rome.
 * Ids are tag URIs built from the site's host and the release id, so they never change when a
 * release is corrected; {@code updated} is the release's last change.
 */
@Path("/")
public class FeedResource {

    static final String ATOM = "application/atom+xml";
    /** The year in the tag URIs (RFC 4151); fixed so that ids stay the same forever. */
    static final String TAG_YEAR = "2025";

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance entry(ReleaseNotes notes);
    }

    private final ReleasePublishing service;
    private final ReleaseConfig config;
    private final SiteConfig site;
    private final RequestLocale locale;
    private final SiteClock clock;
    private final Viewer viewer;

    FeedResource(ReleasePublishing service, ReleaseConfig config, SiteConfig site, RequestLocale locale, SiteClock clock,
            Viewer viewer) {
        this.viewer = viewer;
        this.service = service;
        this.config = config;
        this.site = site;
        this.locale = locale;
        this.clock = clock;
    }

    @GET
    @Path("releases.atom")
    @AbuseLimited("feed")
    @Produces(ATOM)
    public Response feed(@RestQuery String channel) throws FeedException {
        ReleaseChannel filter = ReleaseChannel.parse(channel);
        ReleaseMessages msg = locale.messages(ReleaseMessages.class);
        WebMessages words = locale.messages();
        List<Release> releases = Release.published(viewer.visibility(), filter, 1, config.pageSize());
        if (releases.size() > config.pageSize()) {
            releases = releases.subList(0, config.pageSize());
        }
        String self = filter == null ? "/releases.atom" : "/releases.atom?channel=" + filter.param();
        String list = filter == null ? "/releases" : "/releases?channel=" + filter.param();

        Feed feed = new Feed("atom_1.0");
        feed.setId(tag(filter == null ? "releases" : "releases:" + filter.param()));
        feed.setTitle(filter == null ? msg.feed_title() : msg.feed_title_channel(ReleaseLabels.label(filter, words)));
        feed.setLanguage(locale.get().toLanguageTag());
        feed.setAlternateLinks(List.of(link("alternate", "text/html", site.link(list))));
        feed.setOtherLinks(List.of(link("self", ATOM, site.link(self))));
        Person author = new Person();
        author.setName("Fanloop");
        author.setUrl(site.link("/"));
        feed.setAuthors(List.of(author));
        feed.setGenerator(null);

        Instant updated = null;
        List<Entry> entries = new ArrayList<>();
        for (Release release : releases) {
            Instant changed = release.updatedAt.isAfter(release.publishedAt) ? release.updatedAt : release.publishedAt;
            updated = updated == null || changed.isAfter(updated) ? changed : updated;
            entries.add(entry(release, changed, words));
        }
        feed.setUpdated(Date.from(updated == null ? clock.now() : updated));
        feed.setEntries(entries);
        String xml = new WireFeedOutput().outputString(feed, true);
        return Response.ok(xml).type(ATOM + "; charset=utf-8").build();
    }

    private Entry entry(Release release, Instant changed, WebMessages msg) {
        Entry entry = new Entry();
        entry.setId(tag("release:" + release.id));
        entry.setTitle(release.version + " · " + ReleaseLabels.label(release.channel, msg));
        entry.setAlternateLinks(List.of(link("alternate", "text/html", site.link(release.path()))));
        entry.setPublished(Date.from(release.publishedAt));
        entry.setUpdated(Date.from(changed));
        Content content = new Content();
        content.setType("html");
        content.setValue(Templates.entry(ReleaseNotes.load(release, service)).render());
        entry.setContents(List.of(content));
        return entry;
    }

    private String tag(String specific) {
        String host = site.url().getHost() == null ? "localhost" : site.url().getHost();
        return "tag:" + host + "," + TAG_YEAR + ":fanloop:" + specific;
    }

    private static Link link(String rel, String type, String href) {
        Link link = new Link();
        link.setRel(rel);
        link.setType(type);
        link.setHref(href);
        return link;
    }
}
