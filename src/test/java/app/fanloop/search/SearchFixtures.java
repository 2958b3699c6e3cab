package app.fanloop.search;

import java.time.Instant;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Frequency;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.suggestion.Trending;
import app.fanloop.web.Markdown;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The data search tests need, written as the services write it: the row, then its search words,
 * in one transaction. Boards and members get unique names, so tests never see each other's data.
 */
@ApplicationScoped
public class SearchFixtures {

    private final EntityManager em;
    private final Markdown markdown;
    private final Trending trending;
    private final SearchIndex index;
    private final Fixtures fx;

    SearchFixtures(EntityManager em, Markdown markdown, Trending trending, SearchIndex index, Fixtures fx) {
        this.fx = fx;
        this.em = em;
        this.markdown = markdown;
        this.trending = trending;
        this.index = index;
    }

    public static String unique(String prefix) {
        return Fixtures.unique(prefix);
    }

    /** The member with this subject, as a first sign-in would create it. */
    public Member member(String subject) {
        return fx.member(subject);
    }

    @Transactional
    public Board board() {
        Board b = new Board();
        b.slug = unique("search");
        b.name = "搜索 " + b.slug;
        b.nameEn = "Search " + b.slug;
        b.description = "";
        b.persist();
        return b;
    }

    public Suggestion suggestion(Board board, Member author, String title, String body) {
        return suggestion(board, author, SuggestionKind.SUGGESTION, title, body, null, null, null, 0,
                SuggestionStatus.OPEN);
    }

    /** A suggestion or bug report with its search words, its votes counted and its status set. */
    @Transactional
    public Suggestion suggestion(Board board, Member author, SuggestionKind kind, String title, String body,
            String deviceModel, String systemVersion, String steps, int votes, SuggestionStatus status) {
        Suggestion s = new Suggestion();
        s.board = em.getReference(Board.class, board.id);
        s.author = em.getReference(Member.class, author.id);
        s.kind = kind;
        s.title = title;
        s.body = body;
        s.bodyHtml = markdown.toHtml(body);
        if (kind == SuggestionKind.BUG) {
            s.deviceModel = deviceModel == null ? "Xiaomi 14" : deviceModel;
            s.systemVersion = systemVersion == null ? "HyperOS 2.0" : systemVersion;
            s.frequency = Frequency.OFTEN;
            s.steps = steps == null ? "1. …" : steps;
        }
        s.createdAt = Instant.now();
        s.trending = trending.exponent(s.createdAt);
        if (status != SuggestionStatus.MERGED) {
            s.status = status;
        }
        s.persist();
        index.suggestionWritten(s);
        em.createNativeQuery("update suggestion set vote_count = :n where id = :id")
                .setParameter("n", votes).setParameter("id", s.id).executeUpdate();
        return s;
    }

    @Transactional
    public Comment comment(Suggestion s, Member author, String body) {
        Comment c = new Comment();
        c.suggestion = em.getReference(Suggestion.class, s.id);
        c.author = em.getReference(Member.class, author.id);
        c.body = body;
        c.bodyHtml = markdown.toHtml(body);
        c.createdAt = Instant.now();
        c.persist();
        index.commentWritten(c);
        em.createNativeQuery("update suggestion set comment_count = comment_count + 1 where id = :id")
                .setParameter("id", s.id).executeUpdate();
        return c;
    }

    @Transactional
    public void hide(Suggestion s) {
        em.createNativeQuery("update suggestion set hidden = true, hidden_reason = 'test' where id = :id")
                .setParameter("id", s.id).executeUpdate();
    }

    @Transactional
    public void hide(Comment c) {
        em.createNativeQuery("update comment set hidden = true, hidden_reason = 'test' where id = :id")
                .setParameter("id", c.id).executeUpdate();
    }

    @Transactional
    public void merge(Suggestion s, Suggestion into) {
        em.createNativeQuery("update suggestion set status = 'MERGED', merged_into_id = :into where id = :id")
                .setParameter("into", into.id).setParameter("id", s.id).executeUpdate();
    }

    @Transactional
    public void status(Suggestion s, SuggestionStatus status) {
        em.createNativeQuery("update suggestion set status = :st where id = :id")
                .setParameter("st", status.name()).setParameter("id", s.id).executeUpdate();
    }

    /** Whether the row's search words were written (by the same transaction as the text). */
    @Transactional
    public boolean indexed(String table, long id, String term) {
        if (!table.equals("suggestion") && !table.equals("comment")) {
            throw new IllegalArgumentException(table);
        }
        return (Boolean) em.createNativeQuery("select search_vector @@ cast(:q as tsquery) from " + table + " where id = :id")
                .setParameter("q", SearchTerms.quote(term)).setParameter("id", id).getSingleResult();
    }

    /** The ids of the board's suggestions whose title or text contains q, as a LIKE search would find them. */
    @Transactional
    @SuppressWarnings("unchecked")
    public java.util.List<Long> like(long boardId, String q) {
        return ((java.util.List<Number>) em.createNativeQuery("""
                select id from suggestion where board_id = :b
                and (title ilike '%' || :q || '%' or body ilike '%' || :q || '%')
                order by vote_count desc, id desc""")
                .setParameter("b", boardId).setParameter("q", q).getResultList())
                .stream().map(Number::longValue).toList();
    }
}
