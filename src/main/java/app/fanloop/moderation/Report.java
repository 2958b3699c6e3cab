package app.fanloop.moderation;

import java.time.Instant;

import app.fanloop.member.Member;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.SiteClock;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** 举报: a member flags a suggestion or a comment. */
@Entity
public class Report extends PanacheEntityBase {

    public enum Status {
        OPEN, DISMISSED, UPHELD
    }

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    public Suggestion suggestion;

    @ManyToOne(fetch = FetchType.LAZY)
    public Comment comment;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Member reporter;

    @Enumerated(EnumType.STRING)
    public ReportReason reason;

    public String text;

    @Enumerated(EnumType.STRING)
    public Status status = Status.OPEN;

    public Instant createdAt = SiteClock.current();
    public Instant resolvedAt;

    @ManyToOne(fetch = FetchType.LAZY)
    public Member resolvedBy;
}
