package app.fanloop.suggestion;

import java.time.Instant;
import java.util.List;

import app.fanloop.member.Visibility;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The counters comments keep, in the same transaction as the write: a suggestion's count of visible
 * comments and its official answer, a comment's count of replies; and the one delete of a thread.
 */
@ApplicationScoped
public class Comments {

    private final EntityManager em;

    Comments(EntityManager em) {
        this.em = em;
    }

    /** A new visible comment on the suggestion. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void added(long suggestionId) {
        em.createNativeQuery("update suggestion set comment_count = comment_count + 1 where id = :id")
                .setParameter("id", suggestionId).executeUpdate();
    }

    /** The suggestion's official answer is this comment; the first one also dates the first response. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void answeredOfficially(long suggestionId, long commentId, Instant at) {
        em.createNativeQuery("""
                update suggestion set official_comment_id = :c, first_response_at = coalesce(first_response_at, :at)
                where id = :id""")
                .setParameter("c", commentId).setParameter("at", at).setParameter("id", suggestionId).executeUpdate();
    }

    /** A new reply under this comment. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void replied(long parentId) {
        em.createNativeQuery("update comment set reply_count = reply_count + 1 where id = :id")
                .setParameter("id", parentId).executeUpdate();
    }

    /** A comment was hidden or shown again: its suggestion's count of visible comments follows. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void visibilityChanged(long commentId, boolean hidden) {
        em.createNativeQuery("update suggestion set comment_count = comment_count " + (hidden ? "- 1" : "+ 1")
                + " where id = (select suggestion_id from comment where id = :id)").setParameter("id", commentId)
                .executeUpdate();
    }

    /**
     * Deletes a comment with its replies (their revisions, reports and events go with them, V44) and
     * moves the counters; returns the ids of the deleted comments.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<Long> purge(long commentId, Long parentId, long suggestionId) {
        @SuppressWarnings("unchecked")
        List<Number> rows = em.createNativeQuery("select id from comment where id = :id or parent_id = :id")
                .setParameter("id", commentId).getResultList();
        List<Long> thread = rows.stream().map(Number::longValue).toList();
        int visibleRemoved = ((Number) em.createNativeQuery(
                "select count(*) from comment c where (id = :id or parent_id = :id) and " + Visibility.sqlShown("c"))
                .setParameter("id", commentId).getSingleResult()).intValue();
        em.flush();
        em.clear();
        em.createNativeQuery("delete from comment where id = :id").setParameter("id", commentId).executeUpdate();
        if (parentId != null) {
            em.createNativeQuery("update comment set reply_count = reply_count - 1 where id = :p")
                    .setParameter("p", parentId).executeUpdate();
        }
        em.createNativeQuery("update suggestion set comment_count = comment_count - :n where id = :s")
                .setParameter("n", visibleRemoved).setParameter("s", suggestionId).executeUpdate();
        return thread;
    }
}
