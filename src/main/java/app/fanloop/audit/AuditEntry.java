package app.fanloop.audit;

import java.time.Instant;
import java.util.Map;

import org.hibernate.annotations.Immutable;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import app.fanloop.member.Member;
import app.fanloop.web.SiteClock;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** 操作日志: one pm or admin action. Append-only (the database refuses updates and deletes). */
@Entity
@Immutable
public class AuditEntry extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public Member actor;

    public String action;
    public String targetType;
    public Long targetId;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> before;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> after;

    public String reason;
    public Instant createdAt = SiteClock.current();

    /** Where the target lives, for a link from the log, or null. */
    public String targetPath() {
        if (targetId == null) {
            return null;
        }
        return switch (targetType) {
            case "suggestion" -> "/suggestions/" + targetId;
            case "comment" -> "/comments/" + targetId + "/revisions";
            case "feature_item" -> "/triage/features/" + targetId;
            case "member" -> "/admin/members/" + targetId;
            case "release" -> "/releases/" + targetId;
            default -> null;
        };
    }
}
