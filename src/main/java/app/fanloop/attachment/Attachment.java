package app.fanloop.attachment;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;

/**
 * 附件: a file a member uploaded: a picture on a suggestion, bug report or comment, a log on a bug report, or an
 * avatar. Staged while its post is being written ({@link #attachedAt} null), then attached to the post. Who may
 * fetch it is decided by {@link Attachments#servable}: a picture with its post, a log only by its owner and staff.
 * The bytes never change: a new file is a new attachment.
 */
@Entity
public class Attachment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    public AttachmentKind kind;

    public Long ownerId;
    public Long suggestionId;
    public Long commentId;
    public short position;
    public String contentType;
    public String fileName;
    public String alt = "";
    public long byteSize;
    public Integer width;
    public Integer height;
    public String sha256;
    public String blobKey;
    public String thumbKey;
    public Integer thumbWidth;
    public Integer thumbHeight;
    public Instant createdAt;
    public Instant attachedAt;

    /** A suggestion's own files (not its comments'), in order. */
    public static List<Attachment> ofSuggestion(long suggestionId) {
        return list("suggestionId = ?1 order by position, id", suggestionId);
    }

    /** The files of several suggestions (a page of the triage console), by suggestion: one statement. */
    public static Map<Long, List<Attachment>> ofSuggestions(Collection<Long> suggestionIds) {
        Map<Long, List<Attachment>> byPost = new LinkedHashMap<>();
        if (!suggestionIds.isEmpty()) {
            Attachment.<Attachment> list("suggestionId in ?1 order by suggestionId, position, id", suggestionIds)
                    .forEach(a -> byPost.computeIfAbsent(a.suggestionId, k -> new ArrayList<>()).add(a));
        }
        return byPost;
    }

    /** The files of a page of comments, by comment: one statement. */
    public static Map<Long, List<Attachment>> ofComments(Collection<Long> commentIds) {
        Map<Long, List<Attachment>> byComment = new LinkedHashMap<>();
        if (!commentIds.isEmpty()) {
            Attachment.<Attachment> list("commentId in ?1 order by commentId, position, id", commentIds)
                    .forEach(a -> byComment.computeIfAbsent(a.commentId, k -> new ArrayList<>()).add(a));
        }
        return byComment;
    }

    public static String path(long id) {
        return "/files/" + id;
    }

    /** Where the file is served. */
    public String path() {
        return path(id);
    }

    /** Where its thumbnail is served (an image's; else the file itself). */
    public String thumbPath() {
        return thumbKey == null ? path() : path() + "/thumb";
    }

    public boolean isImage() {
        return kind == AttachmentKind.IMAGE;
    }

    public boolean isLog() {
        return kind == AttachmentKind.LOG;
    }

    /** The size as people read it: "1.2 MiB". */
    public String sizeText() {
        return app.fanloop.web.BodyLimit.sizeText(byteSize);
    }
}
