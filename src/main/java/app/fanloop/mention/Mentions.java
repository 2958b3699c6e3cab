package app.fanloop.mention;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import app.fanloop.event.DomainEvents;
import app.fanloop.event.EventKind;
import app.fanloop.member.ActiveSanction;
import app.fanloop.member.Member;
import app.fanloop.web.Markdown;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * @mentions (提到): renders a post's Markdown with {@code @name} linked to the profiles of the members it names, and
 * tells the members a post names, each once per post (post_mention remembers who was told, so an edit tells only whom
 * it adds). At most {@code fanloop.mention.per-post} members per post are told, over all its edits. Nobody banned is
 * told; whether the named member may see the post (hidden, a beta program's private board) is the delivery's
 * question, asked with the one visibility rule for an audience (notification/NotificationDelivery).
 */
@ApplicationScoped
public class Mentions {

    /** A post's HTML and the members it names, in the order the text names them. */
    public record Rendered(String html, List<Long> members) {
    }

    private final EntityManager em;
    private final Markdown markdown;
    private final DomainEvents events;
    private final MentionConfig config;
    private final SiteClock clock;

    Mentions(EntityManager em, Markdown markdown, DomainEvents events, MentionConfig config, SiteClock clock) {
        this.em = em;
        this.markdown = markdown;
        this.events = events;
        this.config = config;
        this.clock = clock;
    }

    /** The HTML of a post's Markdown, {@code @name} linked to the profile of each member it names. */
    public Rendered render(String text) {
        Set<String> candidates = new LinkedHashSet<>();
        for (String token : markdown.mentionTokens(text)) {
            for (String prefix : Markdown.prefixes(token)) {
                candidates.add(prefix.toLowerCase(Locale.ROOT));
            }
        }
        Map<String, Long> ids = byNames(candidates);
        Map<String, String> paths = new HashMap<>();
        ids.forEach((name, id) -> paths.put(name, "/members/" + id));
        Markdown.Rendered rendered = markdown.toHtml(text, paths);
        return new Rendered(rendered.html(), rendered.mentioned().stream().map(ids::get).distinct().toList());
    }

    /**
     * Tells the members a suggestion ({@code commentId} null) or a comment names whom the post has not told yet, up to
     * the post's limit, never its writer; in the caller's transaction, as one MENTIONED event for them.
     *
     * @return the members told now
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> tell(Member writer, long suggestionId, Long commentId, List<Long> named, String excerpt) {
        List<Long> others = named.stream().filter(id -> !id.equals(writer.id)).toList();
        if (others.isEmpty()) {
            return List.of();
        }
        long already = ((Number) em.createNativeQuery("""
                select count(*) from post_mention where suggestion_id = :s and coalesce(comment_id, 0) = :c""")
                .setParameter("s", suggestionId).setParameter("c", commentId == null ? 0L : commentId).getSingleResult())
                .longValue();
        long room = config.perPost() - already;
        List<Long> told = new ArrayList<>();
        for (Long memberId : others) {
            if (room <= 0) {
                break;
            }
            @SuppressWarnings("unchecked")
            List<Object> added = em.createNativeQuery("""
                    insert into post_mention (suggestion_id, comment_id, member_id, created_at)
                    select :s, :c, m.id, :now from member m where m.id = :m and not m.bot and not %s
                    on conflict (suggestion_id, coalesce(comment_id, 0), member_id) do nothing
                    returning member_id""".formatted(ActiveSanction.banInForceSql("m.id")))
                    .setParameter("s", suggestionId).setParameter("c", commentId).setParameter("m", memberId)
                    .setParameter("now", clock.now()).getResultList();
            if (!added.isEmpty()) {
                told.add(memberId);
                room--;
            }
        }
        if (!told.isEmpty()) {
            events.forMembers(EventKind.MENTIONED, writer, suggestionId, commentId, Map.of("excerpt", excerpt), told);
        }
        return told;
    }

    /** The members with these names (lower case), whatever the case they wrote them in (Member.findByNames). */
    private static Map<String, Long> byNames(Set<String> names) {
        Map<String, Long> ids = new HashMap<>();
        for (Member m : Member.findByNames(names)) {
            ids.put(m.name.toLowerCase(Locale.ROOT), m.id);
        }
        return ids;
    }

    /** Names beginning with what is typed (case aside), for the autocomplete: members not banned, not bots. */
    public List<String> namesStartingWith(String typed) {
        String prefix = typed.toLowerCase(Locale.ROOT);
        String pattern = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        @SuppressWarnings("unchecked")
        List<String> names = em.createNativeQuery("""
                select m.name from member m
                where lower(m.name) >= :p and lower(m.name) like :pattern and not m.bot and not %s
                order by lower(m.name) limit :n""".formatted(ActiveSanction.banInForceSql("m.id")))
                .setParameter("p", prefix).setParameter("pattern", pattern).setParameter("now", clock.now())
                .setParameter("n", config.suggestions()).getResultList();
        return names;
    }
}
