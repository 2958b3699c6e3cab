package app.fanloop.beta;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import app.fanloop.member.Member;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.web.SiteClock;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import org.hibernate.annotations.DynamicUpdate;

/**
 * 内测招募: a PM's recruitment of testers for a build. Its page is public; its board (a board row with this program's
 * id) is for its testers and staff only. {@code acceptedCount} is written only by SQL under the program row's lock
 * (see {@link BetaApplications}), never through this entity.
 */
@Entity
@DynamicUpdate
public class BetaProgram extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String slug;
    public String name;
    public String description;
    public String descriptionHtml;
    public String devices;
    public int places;
    @Column(insertable = false, updatable = false)
    public int acceptedCount;
    public Instant appliesFrom;
    public Instant appliesUntil;
    public int minLevel;
    @Column(name = "question_1")
    public String question1;
    @Column(name = "question_2")
    public String question2;
    @Enumerated(EnumType.STRING)
    public ReleaseChannel channel;
    public int weeklyPosts;
    public Instant buildPublicAt;
    public Instant closedAt;
    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "created_by_id")
    public Member createdBy;
    public Instant createdAt = SiteClock.current();

    public static Optional<BetaProgram> findBySlug(String slug) {
        return find("slug", slug).firstResultOptional();
    }

    /** Programs not closed, the soonest-ending window first. */
    public static List<BetaProgram> running() {
        return list("closedAt is null order by appliesUntil, id");
    }

    /** Closed programs, the latest closed first. */
    public static List<BetaProgram> closed(int max) {
        return find("closedAt is not null order by closedAt desc, id desc").page(0, max).list();
    }

    public String path() {
        return "/beta/" + slug;
    }

    public String consolePath() {
        return "/triage/beta/" + slug;
    }

    public boolean isClosed() {
        return closedAt != null;
    }

    /** Taking applications now: not closed and inside its window. */
    public boolean isTakingApplications() {
        return takingApplicationsAt(SiteClock.current());
    }

    boolean takingApplicationsAt(Instant now) {
        return closedAt == null && !now.isBefore(appliesFrom) && now.isBefore(appliesUntil);
    }

    /** The window has not opened yet. */
    public boolean isUpcoming() {
        return closedAt == null && SiteClock.current().isBefore(appliesFrom);
    }

    public int freePlaces() {
        return Math.max(0, places - acceptedCount);
    }

    /** The share of places taken, for the bar on the program's page. */
    public int fillPercent() {
        return places == 0 ? 0 : Math.min(100, acceptedCount * 100 / places);
    }

    public boolean hasQuestions() {
        return question1 != null || question2 != null;
    }
}
