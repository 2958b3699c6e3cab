package app.fanloop.attachment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * Every SQL statement about attachments but the finders on {@link Attachment}: what one member uploaded lately (the quota), the exact counters on posts, a member's avatar, and the facts the serving rule needs.
 */
@ApplicationScoped
public class Attachments {

    private final EntityManager em;

    Attachments(EntityManager em) {
        this.em = em;
    }

    /** Files this member staged and has not attached yet, among these ids, in the order given. */
    List<Attachment> stagedBy(long ownerId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Attachment> found = new LinkedHashMap<>();
        Attachment.<Attachment> list("ownerId = ?1 and id in ?2 and attachedAt is null", ownerId, ids)
                .forEach(a -> found.put(a.id, a));
        return ids.stream().distinct().map(found::get).filter(a -> a != null).toList();
    }

    /**
     * The same as {@link #stagedBy}, locked for the caller's transaction: two posts sent at once with the same staged
     * file cannot both take it (the second finds it attached and leaves it).
     */
    List<Attachment> claimStaged(long ownerId, Collection<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Attachment> found = new LinkedHashMap<>();
        Attachment.<Attachment> find("ownerId = ?1 and id in ?2 and attachedAt is null", ownerId, ids)
                .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list()
                .forEach(a -> found.put(a.id, a));
        return ids.stream().distinct().map(found::get).filter(a -> a != null).toList();
    }

    /** What a member uploaded since a time: files and bytes (the daily quota). */
    Usage usedSince(long ownerId, Instant since) {
        Object[] row = (Object[]) em.createNativeQuery("""
                select count(*), coalesce(sum(byte_size), 0) from attachment
                where owner_id = :m and created_at >= :since and kind <> 'AVATAR'""")
                .setParameter("m", ownerId).setParameter("since", since).getSingleResult();
        return new Usage(((Number) row[0]).intValue(), ((Number) row[1]).longValue());
    }

    record Usage(int files, long bytes) {
    }

    /** Sets a suggestion's image and log counters from its rows, in the caller's transaction. */
    void recountSuggestion(long suggestionId) {
        em.flush();
        em.createNativeQuery("""
                update suggestion set
                  image_count = (select count(*) from attachment where suggestion_id = :id and kind = 'IMAGE'),
                  log_count = (select count(*) from attachment where suggestion_id = :id and kind = 'LOG')
                where id = :id""").setParameter("id", suggestionId).executeUpdate();
    }

    /** Sets a comment's image counter from its rows, in the caller's transaction. */
    void recountComment(long commentId) {
        em.flush();
        em.createNativeQuery("""
                update comment set image_count = (select count(*) from attachment where comment_id = :id and kind = 'IMAGE')
                where id = :id""").setParameter("id", commentId).executeUpdate();
    }

    /**
     * One file with the facts that decide who may fetch it: its post's (a comment's own and its suggestion's)
     * hidden flags and authors. Empty when there is no such file.
     */
    Optional<Servable> servable(long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select a.id, a.kind, a.owner_id, a.attached_at is not null,
                       coalesce(s.hidden, cs.hidden, false), coalesce(s.author_id, cs.author_id),
                       c.hidden, c.author_id,
                       a.content_type, a.file_name, a.byte_size, a.sha256, a.blob_key, a.thumb_key,
                       coalesce(s.program_id, cs.program_id)
                from attachment a
                left join suggestion s on s.id = a.suggestion_id
                left join comment c on c.id = a.comment_id
                left join suggestion cs on cs.id = c.suggestion_id
                where a.id = :id""").setParameter("id", id).getResultList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        Object[] r = rows.get(0);
        return Optional.of(new Servable(((Number) r[0]).longValue(), AttachmentKind.valueOf((String) r[1]),
                ((Number) r[2]).longValue(), (Boolean) r[3], (Boolean) r[4], r[5] == null ? null : ((Number) r[5]).longValue(),
                r[6] != null && (Boolean) r[6], r[7] == null ? null : ((Number) r[7]).longValue(),
                (String) r[8], (String) r[9], ((Number) r[10]).longValue(), (String) r[11], (String) r[12], (String) r[13],
                r[14] == null ? null : ((Number) r[14]).longValue()));
    }

    /**
     * What serving needs to know of a file.
     *
     * @param suggestionHidden the suggestion it belongs to (directly or through its comment) is hidden
     * @param suggestionAuthor that suggestion's author
     * @param commentHidden    it is on a comment that is hidden
     * @param commentAuthor    the comment's author, when it is on a comment
     * @param programId        the beta program of the post it is on (a private board's), or null
     */
    record Servable(long id, AttachmentKind kind, long ownerId, boolean attached, boolean suggestionHidden,
            Long suggestionAuthor, boolean commentHidden, Long commentAuthor, String contentType, String fileName,
            long byteSize, String sha256, String blobKey, String thumbKey,
            Long programId) {

        boolean onComment() {
            return commentAuthor != null;
        }

        /** The author of the post it is on: the comment's, or the suggestion's. */
        Long postAuthor() {
            return onComment() ? commentAuthor : suggestionAuthor;
        }
    }

    /**
     * Makes {@code avatarId} (null: none) the member's avatar, in the caller's transaction, and returns the one it
     * replaces, or null. The member's row is locked first, so of two changes at once each removes the one it replaced and none is left behind.
     */
    Long replaceAvatar(long memberId, Long avatarId) {
        em.flush();
        @SuppressWarnings("unchecked")
        List<Number> old = em.createNativeQuery("select avatar_id from member where id = :m for no key update")
                .setParameter("m", memberId).getResultList();
        if (avatarId == null) {
            em.createNativeQuery("update member set avatar_id = null where id = :m").setParameter("m", memberId)
                    .executeUpdate();
        } else {
            em.createNativeQuery("update member set avatar_id = :a where id = :m").setParameter("a", avatarId)
                    .setParameter("m", memberId).executeUpdate();
        }
        return old.isEmpty() || old.get(0) == null ? null : old.get(0).longValue();
    }

    /** Staged files older than the cut-off, oldest first, at most {@code limit}. */
    List<Long> stagedBefore(Instant cutoff, int limit) {
        @SuppressWarnings("unchecked")
        List<Number> ids = em.createNativeQuery("""
                select id from attachment where attached_at is null and kind <> 'AVATAR' and created_at < :cutoff
                order by created_at limit :n for update skip locked""")
                .setParameter("cutoff", cutoff).setParameter("n", limit).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }

    /** Removes attachment rows; the trigger queues their bytes in blob_discard. */
    int delete(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return 0;
        }
        em.flush();
        return em.createNativeQuery("delete from attachment where id in (:ids)").setParameter("ids", ids).executeUpdate();
    }

    /** Claims up to {@code limit} discarded blobs for this transaction (another node skips them). */
    List<String> claimDiscarded(int limit) {
        @SuppressWarnings("unchecked")
        List<String> keys = em.createNativeQuery("""
                select blob_key from blob_discard order by discarded_at limit :n for update skip locked""")
                .setParameter("n", limit).getResultList();
        return keys;
    }

    void forgetDiscarded(Collection<String> keys) {
        if (!keys.isEmpty()) {
            em.createNativeQuery("delete from blob_discard where blob_key in (:k)").setParameter("k", keys).executeUpdate();
        }
    }
}
