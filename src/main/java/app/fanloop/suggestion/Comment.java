package app.fanloop.suggestion;

import java.time.Instant;

import org.hibernate.annotations.DynamicUpdate;

import app.fanloop.member.Member;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** 评论: a comment on a suggestion, or a reply to one (one level deep); staff may mark it official. */
@Entity
@DynamicUpdate
public class Comment extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Suggestion suggestion;

    @ManyToOne(fetch = FetchType.LAZY)
    public Comment parent;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Member author;

    public String body;
    public String bodyHtml;
    /** 官方回复: an official response by a PM or admin. */
    public boolean official;
    /** Its suggestion's beta program (copied when written and when the suggestion moves), or null. */
    public Long programId;
    public boolean hidden;
    public String hiddenReason;
    /** Hidden automatically because enough members reported it; pending an admin's review. */
    public boolean hiddenByReports;
    /** Open reports; kept by SQL in the moderation service. */
    @Column(insertable = false, updatable = false)
    public int openReports;
    @Column(insertable = false, updatable = false)
    public int replyCount;
    /** Pictures attached (attachment/Attachments keeps it exact). */
    @Column(insertable = false, updatable = false)
    public int imageCount;
    public Instant createdAt;
    public Instant editedAt;

    public String editPath() {
        return "/comments/" + id + "/edit";
    }

    public String moderationPath() {
        return "/admin/reports/comment/" + id;
    }

    public Long parentId() {
        return parent == null ? null : parent.id;
    }
}
