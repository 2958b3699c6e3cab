package app.fanloop.poll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import app.fanloop.web.SiteClock;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.OrderBy;

/**
 * A poll on a post (投票): its options, single or multiple choice, when it closes and when its results show. The
 * counters ({@link #voterCount}, the options' ballot counts) are written only by {@link Polls}' statements.
 */
@Entity
public class Poll extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    /** The suggestion or bug report the poll sits on (one poll per post). */
    @Column(name = "suggestion_id")
    public Long postId;

    public String question;
    public boolean multiple;
    public boolean resultsAfterVote;
    /** When it closes on its own (null: open until staff close it or the post stops taking ballots). */
    public Instant closesAt;
    /** When staff closed it early. */
    public Instant closedAt;
    @Column(name = "closed_by_id")
    public Long closedById;
    public int voterCount;
    public Instant createdAt = SiteClock.current();

    @OneToMany(mappedBy = "poll", cascade = CascadeType.ALL, orphanRemoval = true)
    @OrderBy("position")
    public List<PollOption> options = new ArrayList<>();

    /** A post has at most one poll (a unique column): no row limit, which Hibernate would apply in memory to a fetch join. */
    public static Optional<Poll> ofPost(long postId) {
        return find("from Poll p left join fetch p.options where p.postId = ?1", postId).singleResultOptional();
    }

    /** Closed by staff, or its closing time has come. */
    public boolean isClosed(Instant now) {
        return closedAt != null || closesAt != null && !closesAt.isAfter(now);
    }

    /** It has ballots or has closed: its options can no longer change (its voters chose among them). */
    public boolean isFixed(Instant now) {
        return voterCount > 0 || isClosed(now);
    }

    /** When it closed (staff's early close, else its closing time), or null while open. */
    public Instant closedSince(Instant now) {
        if (closedAt != null) {
            return closedAt;
        }
        return isClosed(now) ? closesAt : null;
    }
}
