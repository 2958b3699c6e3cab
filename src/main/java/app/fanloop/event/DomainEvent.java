package app.fanloop.event;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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

/**
 * Something that happened to a suggestion or feature item, recorded in the same transaction as
 * the change, with its audience (voters and followers at that moment) in domain_event_audience. A release's
 * audience also takes the followers of its channel, read from channel_follow when it is delivered.
 */
@Entity
public class DomainEvent extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Enumerated(EnumType.STRING)
    public EventKind kind;

    @ManyToOne(fetch = FetchType.LAZY)
    public Member actor;

    public Long suggestionId;
    public Long featureItemId;
    public Long commentId;
    public Long releaseId;

    @JdbcTypeCode(SqlTypes.JSON)
    public Map<String, Object> payload = Map.of();

    public Instant createdAt = SiteClock.current();
    public Instant deliveredAt;

    /** Delivery in chunks: the highest audience member id already notified by a committed chunk (null: none yet). */
    public Long deliveredUpTo;

    public static List<DomainEvent> ofSuggestion(long suggestionId) {
        return list("suggestionId = ?1 order by id", suggestionId);
    }

    public static List<DomainEvent> ofFeatureItem(long featureItemId) {
        return list("featureItemId = ?1 order by id", featureItemId);
    }
}
