package app.fanloop.release;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.hibernate.annotations.DynamicUpdate;

import app.fanloop.member.Member;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** 更新日志: a version on a channel with its notes; drafted and scheduled by a PM, then published once. */
@Entity
@DynamicUpdate
public class Release extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String version;

    @Enumerated(EnumType.STRING)
    public ReleaseChannel channel;

    /** The ISO week, e.g. 2025-W47. */
    public String week;

    /** Markdown as written, and its sanitised HTML. */
    public String summary = "";
    public String summaryHtml = "";

    @Enumerated(EnumType.STRING)
    public ReleaseState state = ReleaseState.DRAFT;

    public Instant scheduledAt;
    @ManyToOne(fetch = FetchType.LAZY)
    public Member scheduledBy;

    public Instant publishedAt;
    @ManyToOne(fetch = FetchType.LAZY)
    public Member publishedBy;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Member createdBy;

    public Instant createdAt;
    /**
     * The beta program the release was written for, or null: readable only by its testers and staff until the
     * program's build goes public (the beta program's service sets it back to null then).
     */
    public Long programId;
    public Instant updatedAt;

    public String path() {
        return "/releases/" + id;
    }

    public String editPath() {
        return "/triage/releases/" + id;
    }

    public String itemsPath() {
        return editPath() + "/items";
    }

    public String schedulePath() {
        return editPath() + "/schedule";
    }

    public String unschedulePath() {
        return editPath() + "/unschedule";
    }

    public String publishPath() {
        return editPath() + "/publish";
    }

    public boolean isPublished() {
        return state == ReleaseState.PUBLISHED;
    }

    public boolean isScheduled() {
        return state == ReleaseState.SCHEDULED;
    }

    public boolean isDraft() {
        return state == ReleaseState.DRAFT;
    }

    /** The week's number alone, e.g. 47 for 2025-W47. */
    public int weekNumber() {
        return Integer.parseInt(week.substring(6));
    }

    public int weekYear() {
        return Integer.parseInt(week.substring(0, 4));
    }

    /** The newest published release on any channel, for the home page. */
    public static Optional<Release> latestPublished() {
        return find("state = ?1 order by publishedAt desc, id desc", ReleaseState.PUBLISHED).firstResultOptional();
    }

    /** One page of published releases, newest first, and one more row (Panache ranges are inclusive) to tell if another page follows. */
    public static List<Release> published(ReleaseChannel channel, int page, int size) {
        var query = channel == null
                ? find("state = ?1 order by publishedAt desc, id desc", ReleaseState.PUBLISHED)
                : find("state = ?1 and channel = ?2 order by publishedAt desc, id desc", ReleaseState.PUBLISHED, channel);
        return query.<Release> range((page - 1) * size, page * size).list();
    }
}
