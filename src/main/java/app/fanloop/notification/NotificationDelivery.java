package app.fanloop.notification;

import app.fanloop.member.Visibility;
import app.fanloop.web.BackgroundJob;
import app.fanloop.web.JobRuns;
import app.fanloop.web.SiteClock;
import java.util.ArrayList;
import java.util.Comparator;
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
 * events with {@code FOR UPDATE SKIP LOCKED} and writes their notifications in chunks of
 * {@code fanloop.notification.chunk-size} audience members in member-id order, one chunk of an event per
 * transaction: the chunk's notifications and the event's cursor ({@code delivered_up_to}, or
 * {@code delivered_at} after a chunk that was not full) commit together, so each (event, member) is
 * delivered exactly once even when a node dies mid-chunk; the unique (event, member) pair is the last
 * guard. The event row's lock keeps the chunks of one event in sequence while other nodes take other events.
 * A transaction stops after about one chunk's worth of members, and events already under way are taken
 * after fresh ones, so a release to a million followers does not hold up the events behind it.
 *
 * <p>Status changes to SHIPPED are not told one by one: the release that shipped them tells each
 * member once, however many of their suggestions it shipped.
 */
@ApplicationScoped
public class NotificationDelivery {

    private static final Logger LOG = Logger.getLogger(NotificationDelivery.class);

    /**
     * Whether a member of the audience gets an e-mail for this notification as soon as it is delivered: their channel
     * for its category (the lateral {@code ch}, NotificationChoices) is IMMEDIATE and they have an address.
     */
    private static final String MAIL_NOW = """
            (ch.channel = 'IMMEDIATE' and exists (select 1 from member m where m.id = a.member_id and m.email is not null))""";

    /** The next :n members of an event's audience after member :after, each with its reason. */
    private static final String AUDIENCE_CHUNK = """
            select member_id, reason from domain_event_audience
            where event_id = :e and member_id > :after order by member_id limit :n""";

    /**
     * The same for a release: its written audience (authors, voters, followers of what it shipped) merged with
     * the followers of its channel who followed at or before the event, each member once — a written reason is
     * stronger than CHANNEL. Each side is cut at :n first, so a chunk reads at most 2 × :n index entries.
     */
    private static final String RELEASE_AUDIENCE_CHUNK = """
            select member_id, coalesce(max(reason) filter (where reason <> 'CHANNEL'), 'CHANNEL') as reason
            from ((select member_id, reason from domain_event_audience
                   where event_id = :e and member_id > :after order by member_id limit :n)
                  union all
                  (select f.member_id, 'CHANNEL' from channel_follow f
                   where f.channel = (select r.channel from domain_event e join release r on r.id = e.release_id where e.id = :e)
                     and f.created_at <= (select created_at from domain_event where id = :e)
                     and f.member_id > :after order by f.member_id limit :n)) audience
            group by member_id order by member_id limit :n""";

    /**
     * Writes the notifications of one chunk of an event's audience (the insert below, reading the chunk as
     * {@code a}) and answers how many members the chunk had, the last of them, and how many notifications it wrote.
     */
    private static final String DELIVER_CHUNK = """
            with a as materialized (%s),
                 written as (%s returning 1)
            select (select count(*) from a), (select max(member_id) from a), (select count(*) from written)""";

    /**
     * One notification per audience member for an event about a suggestion or comment the member may see
     * (Notification.shownSql), unless they turned the kind's category off (NotificationChoices).
     */
    private static final String ABOUT_SUGGESTION = """
            insert into notification (member_id, event_id, kind, reason, actor_id, suggestion_id, comment_id, release_id,
                                      item_count, created_at, mail_pending)
            select a.member_id, e.id, :kind, a.reason, e.actor_id, e.suggestion_id, e.comment_id, e.release_id, 1,
                   e.created_at, %s
            from domain_event e cross join a cross join lateral (select %s as channel) ch
                 left join suggestion s on s.id = e.suggestion_id left join comment c on c.id = e.comment_id
            where e.id = :e and a.member_id is distinct from e.actor_id and ch.channel <> 'OFF'
              and (s.id is null or %s) and (c.id is null or %s)
            on conflict (event_id, member_id) do nothing""".formatted(MAIL_NOW,
            NotificationChoices.channelSql("a.member_id", "cast(:category as varchar)"),
            Visibility.sqlForRecipient("s", "a.member_id"), Visibility.sqlForRecipient("c", "a.member_id"));

    /**
     * One notification per audience member for a release: to an author about their own shipped
     * suggestions, to a voter or follower about those they voted on or follow, to a channel follower
     * about the release itself; not to a member who turned the kind's category off (NotificationChoices). The outer
     * {@code a} is the audience with each member's kind, so MAIL_NOW reads as it does above. A release written
     * for a beta program is told only to those who read the program.
     */
    private static final String ABOUT_RELEASE = """
            insert into notification (member_id, event_id, kind, reason, actor_id, suggestion_id, release_id,
                                      item_count, created_at, mail_pending)
            select a.member_id, event_id, kind, reason, actor_id, first_concerned, release_id, concerned, created_at, %s
            from (select audience.*,
                         case when reason = 'CHANNEL' or concerned = 0 then 'RELEASE_PUBLISHED'
                              when reason = 'AUTHOR' then 'SUGGESTION_SHIPPED' else 'SUGGESTIONS_SHIPPED' end as kind
            from (
                select a.member_id, e.id as event_id, a.reason, e.actor_id, e.release_id, e.created_at,
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
                from domain_event e cross join a join release r on r.id = e.release_id
                where e.id = :e and a.member_id is distinct from e.actor_id and %s
            ) audience) a
            cross join lateral (select %s as channel) ch
            where ch.channel <> 'OFF'
            on conflict (event_id, member_id) do nothing""".formatted(MAIL_NOW, Visibility.sqlPublic("s"), Visibility.sqlPublic("s"),
            Visibility.sqlReadsProgram("r.program_id", "a.member_id"), NotificationChoices.channelSql("a.member_id", NotificationCategory.sqlOf("a.kind")));

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
     * Delivers every event recorded so far, chunk by chunk, each batch in its own transaction; when the node
     * stops, it ends after the batch in progress.
     *
     * @return how many events this run delivered completely (others may have been taken by another node)
     */
    public int deliverPending() {
        int total = 0;
        Batch batch;
        do {
            batch = QuarkusTransaction.requiringNew().call(this::deliverBatch);
            total += batch.delivered();
        } while (batch.claimed() > 0 && !runs.stopping());
        return total;
    }

    /** What one transaction did: events it locked, and events it finished. */
    record Batch(int claimed, int delivered) {
    }

    /** What one chunk did: audience members it covered, the last of them (null if none), notifications written. */
    private record Chunk(long members, Long last, int written) {
    }

    /** One transaction's work, in the caller's transaction (tests run it step by step, or roll it back as a node that died). */
    Batch deliverBatch() {
        @SuppressWarnings("unchecked")
        List<Number> claimed = em.createNativeQuery("""
                select id from domain_event where delivered_at is null order by id limit :n for update skip locked""")
                .setParameter("n", config.batchSize()).getResultList();
        if (claimed.isEmpty()) {
            return new Batch(0, 0);
        }
        List<Long> ids = new ArrayList<>(claimed.stream().map(Number::longValue).toList());
        // Fresh events first, then those a previous chunk left under way (by id within each).
        List<DomainEvent> events = new ArrayList<>(DomainEvent.<DomainEvent> list("id in ?1 order by id", ids));
        events.sort(Comparator.comparing((DomainEvent e) -> e.deliveredUpTo != null));
        List<Long> done = new ArrayList<>();
        long members = 0;
        int notifications = 0;
        for (DomainEvent event : events) {
            Chunk chunk = deliverChunk(event);
            notifications += chunk.written();
            members += chunk.members();
            if (chunk.members() < config.chunkSize()) {
                done.add(event.id);
            } else {
                em.createNativeQuery("update domain_event set delivered_up_to = :m where id = :e")
                        .setParameter("m", chunk.last()).setParameter("e", event.id).executeUpdate();
            }
            if (members >= config.chunkSize()) {
                break; // a short transaction: the events not reached are taken by the next one (or another node)
            }
        }
        if (notifications > 0) {
            created.fire(new NotificationsCreated(notifications));
        }
        if (!done.isEmpty()) {
            em.createNativeQuery("update domain_event set delivered_at = :now where id in (:ids)")
                    .setParameter("now", clock.now()).setParameter("ids", done).executeUpdate();
        }
        return new Batch(ids.size(), done.size());
    }

    /** Writes the notifications of the next chunk of an event's audience, after its cursor. */
    private Chunk deliverChunk(DomainEvent event) {
        NotificationKind kind = kindOf(event);
        if (kind == null) {
            return new Chunk(0, null, 0);
        }
        boolean release = event.kind == EventKind.RELEASE_PUBLISHED;
        String sql = DELIVER_CHUNK.formatted(release ? RELEASE_AUDIENCE_CHUNK : AUDIENCE_CHUNK,
                release ? ABOUT_RELEASE : ABOUT_SUGGESTION);
        var query = em.createNativeQuery(sql).setParameter("e", event.id)
                .setParameter("after", event.deliveredUpTo == null ? 0L : event.deliveredUpTo)
                .setParameter("n", config.chunkSize());
        if (!release) {
            query.setParameter("kind", kind.name()).setParameter("category", NotificationCategory.of(kind).name());
        }
        Object[] row = (Object[]) query.getSingleResult();
        return new Chunk(((Number) row[0]).longValue(), row[1] == null ? null : ((Number) row[1]).longValue(),
                ((Number) row[2]).intValue());
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
            case BETA_APPLICATION_CHANGED -> NotificationKind.BETA_APPLICATION;
            case MENTIONED -> NotificationKind.MENTION;
            case CONTENT_HIDDEN -> NotificationKind.CONTENT_HIDDEN;
            // Feature item changes reach fans through the status changes of their suggestions.
            default -> null;
        };
    }
}
