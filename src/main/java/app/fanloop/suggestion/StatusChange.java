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

/** One entry of a suggestion's status timeline: who moved it, when, from what, to what, and why. */
@Entity
public class StatusChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Suggestion suggestion;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Member actor;

    @Enumerated(EnumType.STRING)
    public SuggestionStatus fromStatus;
    @Enumerated(EnumType.STRING)
    public SuggestionStatus toStatus;
    public String note;

    /** A plain status change, or one side of a merge or unmerge, or a change made through a feature item. */
    @Enumerated(EnumType.STRING)
    public TimelineEvent event = TimelineEvent.STATUS;

    /** The other suggestion of a merge or unmerge. */
    @ManyToOne(fetch = FetchType.LAZY)
    public Suggestion relatedSuggestion;

    /** The feature item whose status change moved this suggestion. */
    public Long featureItemId;

    /** The release that shipped it. */
    public Long releaseId;
    public Instant createdAt = SiteClock.current();

    public static List<StatusChange> timeline(long suggestionId) {
        // The related suggestion's author comes along: the page asks the visibility rule before showing its title.
        return find("from StatusChange c join fetch c.actor left join fetch c.relatedSuggestion r left join fetch r.author"
                + " where c.suggestion.id = ?1 order by c.createdAt, c.id",
                suggestionId).list();
    }
}
