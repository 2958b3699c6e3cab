package app.fanloop.notification;

import app.fanloop.member.Visibility;
import app.fanloop.web.BackgroundJob;
import app.fanloop.web.JobRuns;
import app.fanloop.web.SiteClock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jboss.logging.Logger;

import app.fanloop.event.DomainEvent;
import app.fanloop.event.EventKind;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;

/**
 * Turns recorded domain events into notifications, one per event and member of its audience (never
 * the member who acted). Safe on several nodes at once: each run claims a batch of undelivered
 * events with {@code FOR UPDATE SKIP LOCKED}, writes their notifications and marks them delivered in
 * the same transaction, so an event is delivered exactly once; the unique (event, member) pair is
 * the last guard.
 *
 * <p>Status changes to SHIPPED are not told one by one: the release that shipped them tells each
 * member once, however many of their suggestions it shipped.
 */
@ApplicationScoped
public class NotificationDelivery {

    private static final Logger LOG = Logger.getLogger(NotificationDelivery.class);

    /** Whether a member of the audience gets an e-mail for this notification as soon as it is delivered. */
    private static final String MAIL_NOW = """
            exists (select 1 from notification_preference p join member m on m.id = p.member_id
                    where p.member_id = a.member_id and p.email_mode = 'IMMEDIATE' and m.email is not null)""";

    /** One notification per audience member for an event about a suggestion or comment the member may see (Notification.shownSql). */
    private static final String ABOUT_SUGGESTION = """
            insert into notification (member_id, event_id, kind, reason, actor_id, suggestion_id, comment_id, release_id,
                                      item_count, created_at, mail_pending)
            select a.member_id, e.id, :kind, a.reason, e.actor_id, e.suggestion_id, e.comment_id, e.release_id, 1,
                   e.created_at, %s
            from domain_event e join domain_event_audience a on a.event_id = e.id
                 left join suggestion s on s.id = e.suggestion_id left join comment c on c.id = e.comment_id
            where e.id = :e and a.member_id is distinct from e.actor_id
              and (s.id is null or %s) and (c.id is null or %s)
            on conflict (event_id, member_id) do nothing""".formatted(MAIL_NOW, Visibility.sqlForRecipient("s", "a.member_id"),
            Visibility.sqlForRecipient("c", "a.member_id"));

    /**
     * One notification per audience member for a release: to an author about their own shipped
     * suggestions, to a voter or follower about those they voted on or follow, to a channel follower
     * about the release itself.
     */
    private static final String ABOUT_RELEASE = """
            insert into notification (member_id, event_id, kind, reason, actor_id, suggestion_id, release_id,
                                      item_count, created_at, mail_pending)
            select member_id, event_id,
                   case when reason = 'CHANNEL' or concerned = 0 then 'RELEASE_PUBLISHED'
                        when reason = 'AUTHOR' then 'SUGGESTION_SHIPPED' else 'SUGGESTIONS_SHIPPED' end,
                   reason, actor_id, first_concerned, release_id, concerned, created_at, mail_pending
            from (
                select a.member_id, e.id as event_id, a.reason, e.actor_id, e.release_id, e.created_at,
                       %s as mail_pending,
                       (select count(*) from suggestion s where s.shipped_release_id = e.release_id and %s
                            and (case when a.reason = 'AUTHOR' then s.author_id = a.member_id
                                      else exists (select 1 from vote v where v.suggestion_id = s.id and v.member_id = a.member_id)
                                        or exists (select 1 from suggestion_follow f where f.suggestion_id = s.id and f.member_id = a.member_id)
                                 end)) as concerned,
                       (select min(s.id) from suggestion s where s.shipped_release_id = e.release_id and %s
                            and (case when a.reason = 'AUTHOR' then s.author_id = a.member_id
                                      else exists (select 1 from vote v where v.suggestion_id = s.id and v.member_id = a.member_id)
                                        or exists (select 1 from suggestion_follow f where f.suggestion_id = s.id and f.member_id = a.member_id)
                                 end)) as first_concerned
                from domain_event e join domain_event_audience a on a.event_id = e.id
                where e.id = :e and a.member_id is distinct from e.actor_id
            ) audience
            on conflict (event_id, member_id) do nothing""".formatted(MAIL_NOW, Visibility.sqlPublic("s"), Visibility.sqlPublic("s"));

    private final EntityManager em;
    private final SiteClock clock;
    private final NotificationConfig config;
    private final Event<NotificationsCreated> created;
    private final JobRuns runs;

    NotificationDelivery(EntityManager em, SiteClock clock, NotificationConfig config, Event<NotificationsCreated> created,
            JobRuns runs) {
        this.em = em;
        this.clock = clock;
        this.config = config;
        this.created = created;
        this.runs = runs;
    }

    @Scheduled(identity = "notification-delivery", every = "${fanloop.notification.deliver-every}", delayed = "5s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    @BackgroundJob
    void run() {
        int delivered = deliverPending();
        if (delivered > 0) {
            LOG.debugf("Delivered %d event(s)", delivered);
        }
    }

    /**
     * Delivers every event recorded so far, batch by batch, each batch in its own transaction; when the node
     * stops, it ends after the batch in progress.
     *
     * @return how many events this run delivered (others may have been taken by another node)
     */
    public int deliverPending() {
        int total = 0;
        int delivered;
        do {
            delivered = QuarkusTransaction.requiringNew().call(this::deliverBatch);
            total += delivered;
        } while (delivered > 0 && !runs.stopping());
        return total;
    }

    private int deliverBatch() {
        @SuppressWarnings("unchecked")
        List<Number> claimed = em.createNativeQuery("""
                select id from domain_event where delivered_at is null order by id limit :n for update skip locked""")
                .setParameter("n", config.batchSize()).getResultList();
        if (claimed.isEmpty()) {
            return 0;
        }
        List<Long> ids = new ArrayList<>(claimed.stream().map(Number::longValue).toList());
        int notifications = 0;
        for (DomainEvent event : DomainEvent.<DomainEvent> list("id in ?1 order by id", ids)) {
            notifications += deliver(event);
        }
        if (notifications > 0) {
            created.fire(new NotificationsCreated(notifications));
        }
        em.createNativeQuery("update domain_event set delivered_at = :now where id in (:ids)")
                .setParameter("now", clock.now()).setParameter("ids", ids).executeUpdate();
        return ids.size();
    }

    /** Writes an event's notifications; returns how many. */
    private int deliver(DomainEvent event) {
        NotificationKind kind = kindOf(event);
        if (kind == null) {
            return 0;
        }
        String sql = event.kind == EventKind.RELEASE_PUBLISHED ? ABOUT_RELEASE : ABOUT_SUGGESTION;
        var insert = em.createNativeQuery(sql).setParameter("e", event.id);
        if (event.kind != EventKind.RELEASE_PUBLISHED) {
            insert.setParameter("kind", kind.name());
        }
        return insert.executeUpdate();
    }

    /** Which notification an event makes, or null for events fans are not told about one by one. */
    static NotificationKind kindOf(DomainEvent event) {
        Map<String, Object> payload = event.payload == null ? Map.of() : event.payload;
        return switch (event.kind) {
            case SUGGESTION_STATUS_CHANGED -> "SHIPPED".equals(payload.get("to")) ? null : NotificationKind.STATUS_CHANGED;
            case OFFICIAL_RESPONSE -> NotificationKind.OFFICIAL_RESPONSE;
            case COMMENT_REPLY -> NotificationKind.COMMENT_REPLY;
            case SUGGESTION_MERGED -> NotificationKind.SUGGESTION_MERGED;
            case SUGGESTION_POSTED -> NotificationKind.SUGGESTION_POSTED;
            case RELEASE_PUBLISHED -> NotificationKind.RELEASE_PUBLISHED;
            case WEBHOOK_DISABLED -> NotificationKind.WEBHOOK_DISABLED;
            // Feature item changes reach fans through the status changes of their suggestions.
            default -> null;
        };
    }
}
