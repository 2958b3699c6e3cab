package app.fanloop.honour;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;

/** One row of the points ledger, read-only here: {@link Honours} writes it with SQL, with the member's total. */
@Entity
public class HonourPoint extends PanacheEntityBase {

    @Id
    public Long id;

    public Long memberId;

    @Enumerated(EnumType.STRING)
    public PointReason reason;

    public long sourceId;
    public int points;
    public Long suggestionId;
    public Long commentId;
    public Instant createdAt;
    public Instant revokedAt;
    public String revokedCause;

    public boolean isRevoked() {
        return revokedAt != null;
    }

    /** Where the points came from, when it still exists to link to. */
    public String path() {
        if (commentId != null && suggestionId != null) {
            return "/suggestions/" + suggestionId + "#comment-" + commentId;
        }
        return suggestionId == null ? null : "/suggestions/" + suggestionId;
    }

    /** The member's latest rows, taken-back ones included, for the explanation on /me. */
    public static List<HonourPoint> latest(long memberId, int limit) {
        return find("memberId = ?1 order by createdAt desc, id desc", memberId).page(0, limit).list();
    }
}
