package app.fanloop.suggestion;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import app.fanloop.attachment.Attachment;
import app.fanloop.board.Board;
import app.fanloop.member.Indexable;
import app.fanloop.web.PageMeta;
import app.fanloop.web.PageMetas;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.ws.rs.core.UriBuilder;

/**
 * A suggestion page's tags for search engines and link previews: its excerpt, first picture, and schema.org
 * DiscussionForumPosting; or noindex when visitors may not see it (hidden, on a private board) or it was merged
 * into another (the surviving suggestion is the page to find).
 */
@ApplicationScoped
public class SuggestionSearchTags {

    private final PageMetas metas;
    private final EntityManager em;

    SuggestionSearchTags(PageMetas metas, EntityManager em) {
        this.metas = metas;
        this.em = em;
    }

    public PageMeta of(SuggestionPage page) {
        Suggestion s = page.suggestion();
        if (s.status == SuggestionStatus.MERGED || !publicToVisitors(s.id)) {
            return PageMeta.noindex();
        }
        List<Attachment> images = page.files().images();
        String image = images.isEmpty() ? null : images.get(0).path();
        String excerpt = metas.excerpt(s.body);
        return metas.page(s.path()).title(s.title).text(excerpt).article().image(image)
                .structuredData(posting(s, excerpt, image)).build();
    }

    /**
     * A board's page: its name and description; its canonical address keeps only the page number (a sort or a filter
     * shows the same suggestions). A private beta board is noindex.
     */
    public PageMeta ofBoard(Board board, int pageNumber, Locale locale) {
        boolean isPublic = !em.createNativeQuery("select 1 from board b where b.id = :id and b.program_id is null")
                .setParameter("id", board.id).getResultList().isEmpty();
        UriBuilder path = UriBuilder.fromPath("/boards/{slug}");
        if (pageNumber > 1) {
            path.queryParam("page", pageNumber);
        }
        return metas.page(path.build(board.slug).toString()).title(board.name(locale)).text(board.description(locale)).indexable(isPublic).build();
    }

    /** One primary-key lookup: the suggestion is public to visitors (the rule in member/Indexable). */
    boolean publicToVisitors(long id) {
        return !em.createNativeQuery("select 1 from suggestion s where s.id = :id and " + Indexable.sqlPost("s"))
                .setParameter("id", id).getResultList().isEmpty();
    }

    /** schema.org DiscussionForumPosting: what Google shows of a forum thread. */
    private Map<String, Object> posting(Suggestion s, String excerpt, String image) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("@context", "https://schema.org");
        data.put("@type", "DiscussionForumPosting");
        data.put("url", metas.link(s.path()));
        data.put("headline", s.title);
        data.put("text", excerpt);
        Map<String, Object> author = new LinkedHashMap<>();
        author.put("@type", "Person");
        author.put("name", s.author.name);
        author.put("url", metas.link("/members/" + s.author.id));
        data.put("author", author);
        data.put("datePublished", iso(s.createdAt));
        if (s.editedAt != null) {
            data.put("dateModified", iso(s.editedAt));
        }
        if (image != null) {
            data.put("image", metas.link(image));
        }
        data.put("commentCount", s.commentCount);
        data.put("interactionStatistic", List.of(
                counter("https://schema.org/LikeAction", s.voteCount),
                counter("https://schema.org/CommentAction", s.commentCount)));
        return data;
    }

    private static Map<String, Object> counter(String type, int count) {
        Map<String, Object> counter = new LinkedHashMap<>();
        counter.put("@type", "InteractionCounter");
        counter.put("interactionType", type);
        counter.put("userInteractionCount", count);
        return counter;
    }

    private static String iso(Instant at) {
        return DateTimeFormatter.ISO_INSTANT.format(at);
    }
}
