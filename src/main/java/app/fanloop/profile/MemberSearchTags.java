package app.fanloop.profile;

import app.fanloop.member.Indexable;
import app.fanloop.member.Member;
import app.fanloop.web.PageMeta;
import app.fanloop.web.PageMetas;
import app.fanloop.web.RequestLocale;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * A public profile's tags for search engines and link previews, the same for every reader (a visitor's view): the
 * display name, the bio's excerpt (else "N suggestions · level L"), Open Graph type profile, and the member's uploaded
 * picture (a /files address of this site) but never their sign-in account's picture (a third party's address). A
 * profile that is not indexable by the rule in member/Indexable (bot, banned, honours kept private, or thin: no bio and
 * no public suggestion) is noindex; that rule also picks the sitemap's members files.
 */
@ApplicationScoped
public class MemberSearchTags {

    private final PageMetas metas;
    private final EntityManager em;
    private final SiteClock clock;
    private final RequestLocale locale;

    MemberSearchTags(PageMetas metas, EntityManager em, SiteClock clock, RequestLocale locale) {
        this.metas = metas;
        this.em = em;
        this.clock = clock;
        this.locale = locale;
    }

    public PageMeta of(Member member) {
        if (!indexable(member.id)) {
            return PageMeta.noindex();
        }
        PageMetas.Builder page = metas.page(member.path()).title(member.name).profile()
                .image(member.avatarId == null ? null : "/files/" + member.avatarId);
        String bio = member.bio == null ? "" : member.bio.strip();
        if (!bio.isEmpty()) {
            return page.text(bio).build();
        }
        return page.text(locale.messages(ProfileMessages.class).meta_summary(publicSuggestions(member.id), member.level))
                .build();
    }

    /** One primary-key lookup: the profile is indexable (the rule in member/Indexable). */
    boolean indexable(long id) {
        return !em.createNativeQuery("select 1 from member m where m.id = :id and " + Indexable.sqlMember("m", ":now"))
                .setParameter("id", id).setParameter("now", clock.now()).getResultList().isEmpty();
    }

    private int publicSuggestions(long id) {
        return ((Number) em.createNativeQuery("select count(*) from suggestion s where s.author_id = :id and "
                + Indexable.sqlPost("s")).setParameter("id", id).getSingleResult()).intValue();
    }
}
