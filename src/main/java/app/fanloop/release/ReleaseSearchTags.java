package app.fanloop.release;

import app.fanloop.member.Indexable;
import app.fanloop.web.PageMeta;
import app.fanloop.web.PageMetas;
import app.fanloop.web.RequestLocale;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.UriBuilder;

/**
 * The release pages' tags for search engines and link previews. A release is indexed once visitors may read it
 * (published, not private to a beta program); staff's previews of drafts and scheduled ones are noindex.
 */
@ApplicationScoped
public class ReleaseSearchTags {

    private final PageMetas metas;
    private final RequestLocale locale;
    private final EntityManager em;

    ReleaseSearchTags(PageMetas metas, RequestLocale locale, EntityManager em) {
        this.metas = metas;
        this.locale = locale;
        this.em = em;
    }

    /** The list of releases; its canonical address keeps the channel and the page number, which change what it lists. */
    PageMeta ofList(ReleaseChannel channel, int pageNumber) {
        UriBuilder path = UriBuilder.fromPath("/releases");
        if (channel != null) {
            path.queryParam("channel", channel.param());
        }
        if (pageNumber > 1) {
            path.queryParam("page", pageNumber);
        }
        ReleaseMessages words = locale.messages(ReleaseMessages.class);
        return metas.page(path.build().toString()).title(words.releases_title()).text(words.releases_intro()).build();
    }

    /** One release: its version and channel, its summary as the description. */
    PageMeta of(Release release) {
        boolean isPublic = !em.createNativeQuery("select 1 from release r where r.id = :id and " + Indexable.sqlRelease("r"))
                .setParameter("id", release.id).getResultList().isEmpty();
        String title = release.version + " · " + ReleaseLabels.label(release.channel, locale.messages());
        return metas.page(release.path()).title(title).markdown(release.summary).article().indexable(isPublic).build();
    }
}
