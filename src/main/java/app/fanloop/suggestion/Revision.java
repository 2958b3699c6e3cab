package app.fanloop.suggestion;

import java.time.Instant;
import java.util.List;

import app.fanloop.member.Member;
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

/** The text a suggestion or comment had before an edit; nothing a member wrote is lost. */
@Entity
public class Revision extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY)
    public Suggestion suggestion;

    @ManyToOne(fetch = FetchType.LAZY)
    public Comment comment;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Member editor;

    public String title;
    public String body;
    public String deviceModel;
    public String systemVersion;
    @Enumerated(EnumType.STRING)
    public Frequency frequency;
    public String steps;
    /** When the kept text was written. */
    public Instant writtenAt;
    public Instant createdAt = SiteClock.current();

    public static List<Revision> ofSuggestion(long suggestionId) {
        return find("from Revision r join fetch r.editor where r.suggestion.id = ?1 order by r.createdAt desc, r.id desc",
                suggestionId).list();
    }

    public static List<Revision> ofComment(long commentId) {
        return find("from Revision r join fetch r.editor where r.comment.id = ?1 order by r.createdAt desc, r.id desc",
                commentId).list();
    }
}
