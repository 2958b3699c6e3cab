package app.fanloop.notification;

import java.time.Instant;
import java.util.List;

import app.fanloop.event.DomainEvent;
import app.fanloop.member.Member;
import app.fanloop.member.Visibility;
import app.fanloop.release.Release;
import app.fanloop.suggestion.Suggestion;
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
 * 通知: what one member is told about one recorded event. Created only by the delivery job (one per
 * event and member); its text is written when shown, in the reader's language.
 */
@Entity
public class Notification extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Long memberId;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    public DomainEvent event;

    @Enumerated(EnumType.STRING)
    public NotificationKind kind;

    /** Why this member: AUTHOR, VOTER, FOLLOWER or CHANNEL. */
    public String reason;

    @ManyToOne(fetch = FetchType.LAZY)
    public Member actor;

    @ManyToOne(fetch = FetchType.LAZY)
    public Suggestion suggestion;

    public Long commentId;

    @ManyToOne(fetch = FetchType.LAZY)
    public Release release;

    /** For a release: how many of the suggestions it shipped concern this member. */
    public int itemCount;

    public Instant createdAt;
    public Instant readAt;
    public boolean mailPending;
    public Instant mailedAt;

    public boolean isUnread() {
        return readAt == null;
    }

    /** Opening it marks it read and goes to what it is about. */
    public String openPath() {
        return "/me/notifications/" + id;
    }

    public String readPath() {
        return openPath() + "/read";
    }

    /**
     * A notification shows (in the bell, the list, e-mail and the digest) only while the suggestion, the comment
     * and the release it is about are visible to its recipient (a release written for a beta program: its testers
     * and staff): the visibility rule for an audience
     * ({@link Visibility#sqlForRecipient}). Notifications stay stored; they come back with a restored post.
     */
    static String shownSql(String n) {
        return "not exists (select 1 from suggestion vs where vs.id = " + n + ".suggestion_id and not "
                + Visibility.sqlForRecipient("vs", n + ".member_id") + ")"
                + " and not exists (select 1 from comment vc where vc.id = " + n + ".comment_id and not "
                + Visibility.sqlForRecipient("vc", n + ".member_id") + ")"
                + " and not exists (select 1 from release vr where vr.id = " + n + ".release_id and not "
                + Visibility.sqlReadsProgram("vr.program_id", n + ".member_id") + ")";
    }

    /** {@link #shownSql} for the JPQL queries below, whose suggestion is joined as {@code s}. */
    private static final String SHOWN = "(s is null or " + Visibility.jpqlForRecipient("s", "n.memberId") + ")"
            + " and not exists (select 1 from Comment vc where vc.id = n.commentId and not "
            + Visibility.jpqlForRecipient("vc", "n.memberId") + ")"
            + " and (nr is null or " + Visibility.jpqlReadsProgram("nr.programId", "n.memberId") + ")";

    /** A member's notifications, newest first, with everything their text needs, one page plus one row. */
    public static List<Notification> page(long memberId, int page, int size) {
        return find("""
                from Notification n join fetch n.event left join fetch n.actor left join fetch n.suggestion s
                left join fetch s.board left join fetch n.release nr
                where n.memberId = ?1 and\s""" + SHOWN + " order by n.id desc", memberId)
                .<Notification> range((page - 1) * size, page * size).list();
    }

    /**
     * For the API: a member's notifications older than {@code beforeId} (all when null), newest first, with everything
     * their text needs, at most {@code max} rows.
     */
    public static List<Notification> before(long memberId, Long beforeId, int max) {
        return find("""
                from Notification n join fetch n.event left join fetch n.actor left join fetch n.suggestion s
                left join fetch s.board left join fetch n.release nr
                where n.memberId = ?1 and n.id < ?2 and\s""" + SHOWN + " order by n.id desc", memberId,
                beforeId == null ? Long.MAX_VALUE : beforeId)
                .<Notification> range(0, max - 1).list();
    }

    /** Notifications by id that may still be shown, with everything their text needs, in id order. */
    public static List<Notification> withText(List<Long> ids) {
        return list("""
                from Notification n join fetch n.event left join fetch n.actor left join fetch n.suggestion s
                left join fetch s.board left join fetch n.release nr
                where n.id in ?1 and\s""" + SHOWN + " order by n.id", ids);
    }
}
