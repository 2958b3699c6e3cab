package app.fanloop.event;

import java.util.List;
import java.util.Map;

import app.fanloop.member.Member;
import app.fanloop.member.Visibility;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** Records domain events and who they concern, inside the caller's transaction. */
@ApplicationScoped
public class DomainEvents {

    private final EntityManager em;
    private final Event<DomainEventRecorded> recorded;

    DomainEvents(EntityManager em, Event<DomainEventRecorded> recorded) {
        this.em = em;
        this.recorded = recorded;
    }

    /** An event about one suggestion; its audience is the suggestion's voters and followers. */
    @Transactional(Transactional.TxType.MANDATORY)
    public DomainEvent suggestion(EventKind kind, Member actor, long suggestionId, Long commentId,
            Map<String, Object> payload) {
        DomainEvent event = event(kind, actor, payload);
        event.suggestionId = suggestionId;
        event.commentId = commentId;
        event.persist();
        addAudience(event, List.of(suggestionId));
        return announced(event);
    }

    /** An event about several suggestions at once (a merge): the audience of all of them. */
    @Transactional(Transactional.TxType.MANDATORY)
    public DomainEvent suggestions(EventKind kind, Member actor, long suggestionId, List<Long> concerned,
            Map<String, Object> payload) {
        DomainEvent event = event(kind, actor, payload);
        event.suggestionId = suggestionId;
        event.persist();
        addAudience(event, concerned);
        return announced(event);
    }

    /** An event for named members only (e.g. the author of a hidden post). */
    @Transactional(Transactional.TxType.MANDATORY)
    public DomainEvent forMembers(EventKind kind, Member actor, Long suggestionId, Long commentId,
            Map<String, Object> payload, List<Long> memberIds) {
        DomainEvent event = event(kind, actor, payload);
        event.suggestionId = suggestionId;
        event.commentId = commentId;
        event.persist();
        em.flush();
        for (Long memberId : memberIds) {
            em.createNativeQuery("""
                    insert into domain_event_audience (event_id, member_id, reason) values (:e, :m, 'FOLLOWER')
                    on conflict do nothing""").setParameter("e", event.id).setParameter("m", memberId).executeUpdate();
        }
        return announced(event);
    }

    /** An event about a feature item; its audience is everyone who voted on or follows a linked suggestion. */
    @Transactional(Transactional.TxType.MANDATORY)
    public DomainEvent featureItem(EventKind kind, Member actor, long featureItemId, Long suggestionId,
            Map<String, Object> payload) {
        DomainEvent event = event(kind, actor, payload);
        event.featureItemId = featureItemId;
        event.suggestionId = suggestionId;
        event.persist();
        @SuppressWarnings("unchecked")
        List<Number> linked = em.createNativeQuery("select id from suggestion where feature_item_id = :f")
                .setParameter("f", featureItemId).getResultList();
        List<Long> ids = new java.util.ArrayList<>(linked.stream().map(Number::longValue).toList());
        if (suggestionId != null && !ids.contains(suggestionId)) {
            ids.add(suggestionId);
        }
        addAudience(event, ids);
        return announced(event);
    }

    private static DomainEvent event(EventKind kind, Member actor, Map<String, Object> payload) {
        DomainEvent event = new DomainEvent();
        event.kind = kind;
        event.actor = actor;
        event.payload = payload;
        return event;
    }

    /** Tells the observers of {@link DomainEventRecorded} (in this transaction) and hands the event back. */
    private DomainEvent announced(DomainEvent event) {
        recorded.fire(new DomainEventRecorded(event));
        return event;
    }

    /**
     * A comment that is neither an official response nor a reply someone is told about: nobody is notified
     * (its audience is empty), but it is recorded like every other change, for the integrations.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public DomainEvent comment(Member actor, long suggestionId, long commentId, Map<String, Object> payload) {
        DomainEvent event = event(EventKind.COMMENT_POSTED, actor, payload);
        event.suggestionId = suggestionId;
        event.commentId = commentId;
        event.persist();
        return announced(event);
    }

    private void addAudience(DomainEvent event, List<Long> suggestionIds) {
        if (suggestionIds.isEmpty()) {
            return;
        }
        em.flush();
        em.createNativeQuery("""
                insert into domain_event_audience (event_id, member_id, reason)
                select distinct :e, member_id, 'VOTER' from vote where suggestion_id in (:ids)
                on conflict do nothing""")
                .setParameter("e", event.id).setParameter("ids", suggestionIds).executeUpdate();
        em.createNativeQuery("""
                insert into domain_event_audience (event_id, member_id, reason)
                select distinct :e, member_id, 'FOLLOWER' from suggestion_follow where suggestion_id in (:ids)
                on conflict do nothing""")
                .setParameter("e", event.id).setParameter("ids", suggestionIds).executeUpdate();
    }

    /** A reply to a comment: its audience is the author of the comment replied to. */
    @Transactional(Transactional.TxType.MANDATORY)
    public DomainEvent reply(Member actor, long suggestionId, long commentId, long repliedToAuthorId,
            Map<String, Object> payload) {
        DomainEvent event = event(EventKind.COMMENT_REPLY, actor, payload);
        event.suggestionId = suggestionId;
        event.commentId = commentId;
        event.persist();
        em.flush();
        em.createNativeQuery("""
                insert into domain_event_audience (event_id, member_id, reason) values (:e, :m, 'AUTHOR')
                on conflict do nothing""").setParameter("e", event.id).setParameter("m", repliedToAuthorId)
                .executeUpdate();
        return announced(event);
    }

    /** A new suggestion on a board: its audience is the board's followers. */
    @Transactional(Transactional.TxType.MANDATORY)
    public DomainEvent boardPost(Member actor, long boardId, long suggestionId, Map<String, Object> payload) {
        DomainEvent event = event(EventKind.SUGGESTION_POSTED, actor, payload);
        event.suggestionId = suggestionId;
        event.persist();
        em.flush();
        em.createNativeQuery("""
                insert into domain_event_audience (event_id, member_id, reason)
                select :e, member_id, 'FOLLOWER' from board_follow where board_id = :b
                on conflict do nothing""").setParameter("e", event.id).setParameter("b", boardId).executeUpdate();
        return announced(event);
    }

    /**
     * A published release. Its audience, each member once with the strongest reason: the authors of
     * the suggestions it shipped, their voters, their followers (written here), then the followers of the
     * release's channel. Those are not copied here — a channel may have millions, and the publish must stay
     * as short as the shipped suggestions' audience: the delivery reads channel_follow for them (those who
     * followed at or before this event's time) and gives the CHANNEL reason to whoever has no stronger one.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public DomainEvent release(Member actor, long releaseId, List<Long> shipped, Map<String, Object> payload) {
        DomainEvent event = event(EventKind.RELEASE_PUBLISHED, actor, payload);
        event.releaseId = releaseId;
        event.persist();
        em.flush();
        if (!shipped.isEmpty()) {
            em.createNativeQuery("""
                    insert into domain_event_audience (event_id, member_id, reason)
                    select distinct :e, author_id, 'AUTHOR' from suggestion s where id in (:ids) and %s
                    on conflict do nothing""".formatted(Visibility.sqlPublic("s")))
                    .setParameter("e", event.id).setParameter("ids", shipped).executeUpdate();
            addAudience(event, shipped);
        }
        return announced(event);
    }

    /** The members written as an event's audience (a release's channel followers are not: the delivery reads them). */
    @SuppressWarnings("unchecked")
    public List<Long> audience(long eventId) {
        List<Number> ids = em.createNativeQuery(
                "select member_id from domain_event_audience where event_id = :e order by member_id")
                .setParameter("e", eventId).getResultList();
        return ids.stream().map(Number::longValue).toList();
    }
}
