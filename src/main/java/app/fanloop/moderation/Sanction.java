package app.fanloop.moderation;

import java.time.Instant;
import java.util.List;

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

/** A silence or ban on a member, with its reason; lifted early or running out by itself. */
@Entity
public class Sanction extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Member member;

    @Enumerated(EnumType.STRING)
    public SanctionKind kind;

    public String reason;
    public Instant startsAt;
    /** Null for a permanent ban. */
    public Instant endsAt;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Member createdBy;

    public Instant liftedAt;

    @ManyToOne(fetch = FetchType.LAZY)
    public Member liftedBy;

    public Instant createdAt;

    public boolean isActiveAt(Instant now) {
        return liftedAt == null && !startsAt.isAfter(now) && (endsAt == null || endsAt.isAfter(now));
    }

    public String liftPath() {
        return "/admin/members/" + member.id + "/sanctions/" + id + "/lift";
    }

    public boolean isPermanent() {
        return endsAt == null;
    }

    public static List<Sanction> of(long memberId) {
        return list("from Sanction s join fetch s.createdBy where s.member.id = ?1 order by s.createdAt desc", memberId);
    }
}
