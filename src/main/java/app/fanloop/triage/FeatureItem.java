package app.fanloop.triage;

import java.time.Instant;

import org.hibernate.annotations.DynamicUpdate;

import app.fanloop.member.Member;
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
import jakarta.persistence.ManyToOne;

/** 需求: the PM's tracked unit of work, behind one or more suggestions. */
@Entity
@DynamicUpdate
public class FeatureItem extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public String title;
    public String description = "";
    public String descriptionHtml = "";

    @Enumerated(EnumType.STRING)
    public FeatureItemStatus status = FeatureItemStatus.BACKLOG;

    /** 0 (P0, most urgent) to 3 (P3). */
    public int priority = 2;

    @ManyToOne(fetch = FetchType.LAZY)
    public Member owner;

    public String targetRelease;
    public String cancelReason;

    /** Distinct voters over the linked suggestions; kept exact by SQL, never set here. */
    @Column(insertable = false, updatable = false)
    public int demand;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Member createdBy;

    public Instant createdAt = SiteClock.current();
    public Instant updatedAt = SiteClock.current();
    public Instant statusChangedAt = SiteClock.current();

    public String path() {
        return "/triage/features/" + id;
    }

    public String statusPath() {
        return path() + "/status";
    }

    public String linkPath() {
        return path() + "/link";
    }

    public String unlinkPath() {
        return path() + "/unlink";
    }

    public String priorityLabel() {
        return "P" + priority;
    }
}
