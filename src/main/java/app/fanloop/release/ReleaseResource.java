package app.fanloop.release;

import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.member.Viewer;
import app.fanloop.member.Visibility;
import app.fanloop.web.Page;
import app.fanloop.web.Pages;
import app.fanloop.web.SafeRedirect;
import app.fanloop.web.VisitorCached;
import app.fanloop.web.PageMeta;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The public release notes: the list (per channel), one release with its credits, and following a channel. */
@Path("/")
@Produces(MediaType.TEXT_HTML)
public class ReleaseResource {

    /** The list page: published releases, newest first, with how many fan suggestions each shipped. */
    public record ReleaseList(ReleaseChannel channel, Page<Release> releases, Map<Long, Long> credited,
            Set<ReleaseChannel> following) {
        public List<ReleaseChannel> channels() {
            return List.of(ReleaseChannel.values());
        }

        public String pageBase() {
            return channel == null ? "?page=" : "?channel=" + channel.param() + "&page=";
        }

        public long credited(Release release) {
            return credited.getOrDefault(release.id, 0L);
        }

        /** The feed for what the list shows. */
        public String feedPath() {
            return channel == null ? "/releases.atom" : "/releases.atom?channel=" + channel.param();
        }
    }

    /** One release's page; a staff member sees drafts and scheduled ones as a preview. */
    public record ReleasePage(ReleaseNotes notes, boolean following) {
        public Release release() {
            return notes.release();
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(ReleaseList list, PageMeta meta);

        static native TemplateInstance show(ReleasePage page, PageMeta meta);
    }

    private final ReleaseEditing service;
    private final ReleasePublishing publishing;
    private final ChannelFollowing channels;
    private final ReleaseConfig config;
    private final Viewer viewer;
    private final ReleaseSearchTags searchTags;

    ReleaseResource(ReleaseEditing service, ReleasePublishing publishing, ChannelFollowing channels, ReleaseConfig config, Viewer viewer,
            ReleaseSearchTags searchTags) {
        this.searchTags = searchTags;
        this.service = service;
        this.publishing = publishing;
        this.channels = channels;
        this.config = config;
        this.viewer = viewer;
    }

    @VisitorCached
    @GET
    @Path("releases")
    public TemplateInstance list(@RestQuery String channel, @RestQuery Integer page) {
        ReleaseChannel filter = ReleaseChannel.parse(channel);
        int number = Pages.clamp(page, 1000);
        Page<Release> releases = Page.of(Release.published(viewer.visibility(), filter, number, config.pageSize()), number,
                config.pageSize());
        return Templates.list(new ReleaseList(filter, releases, creditCounts(releases.items()),
                channels.followedChannels(viewer.id())), searchTags.ofList(filter, number));
    }

    @VisitorCached
    @GET
    @Path("releases/{id: [0-9]+}")
    public TemplateInstance show(@RestPath long id) {
        Release release = service.visible(id);
        ReleaseNotes notes = ReleaseNotes.load(release, publishing);
        return Templates.show(new ReleasePage(notes, channels.followedChannels(viewer.id()).contains(release.channel)),
                searchTags.of(release));
    }

    /** Follows or unfollows a channel, then goes back where the button was. */
    @POST
    @Path("releases/follow")
    public Response follow(@RestForm String channel, @RestForm Boolean on, @RestForm String to) {
        channels.follow(channel, on);
        return Response.seeOther(URI.create(SafeRedirect.localPath(to == null ? "/releases" : to))).build();
    }

    private static Map<Long, Long> creditCounts(List<Release> releases) {
        if (releases.isEmpty()) {
            return Map.of();
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Release.getEntityManager().createNativeQuery("""
                select rs.release_id, count(*) from release_suggestion rs join suggestion s on s.id = rs.suggestion_id
                where rs.release_id in (:ids) and %s group by rs.release_id""".formatted(Visibility.sqlPublic("s")))
                .setParameter("ids", releases.stream().map(r -> r.id).toList()).getResultList();
        Map<Long, Long> counts = new HashMap<>();
        rows.forEach(r -> counts.put(((Number) r[0]).longValue(), ((Number) r[1]).longValue()));
        return counts;
    }
}
