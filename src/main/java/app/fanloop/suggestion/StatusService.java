package app.fanloop.suggestion;

import java.util.HashMap;
import java.util.Map;

import app.fanloop.audit.AuditLog;
import app.fanloop.event.DomainEvents;
import app.fanloop.event.EventKind;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.web.Conflict;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/** A suggestion's status and its timeline: who moved it where, when and why. */
@ApplicationScoped
public class StatusService {

    private final EntityManager em;
    private final Viewer viewer;
    private final PostingService posting;
    private final Forms forms;
    private final DomainEvents events;
    private final AuditLog audit;
    private final Event<SuggestionEvent> announce;

    StatusService(EntityManager em, Viewer viewer, PostingService posting, Forms forms, DomainEvents events,
            AuditLog audit, Event<SuggestionEvent> announce) {
        this.em = em;
        this.viewer = viewer;
        this.posting = posting;
        this.forms = forms;
        this.events = events;
        this.audit = audit;
        this.announce = announce;
    }

    /** A PM or admin moves a suggestion along its statuses; the timeline keeps who, when and why. */
    @Transactional
    public StatusChange changeStatus(long id, StatusForm form) {
        Member actor = viewer.requireStaff();
        Suggestion s = posting.visible(id);
        forms.validate(form);
        SuggestionStatus to = SuggestionStatus.parse(form.status());
        if (to == null || !to.isSettable()) {
            throw new FormInvalid("status", "status_not_allowed");
        }
        if (s.status == SuggestionStatus.MERGED) {
            throw new Conflict();
        }
        if (s.status == to) {
            throw new FormInvalid("status", "same_status");
        }
        String note = form.note() == null || form.note().isBlank() ? null : form.note().strip();
        if (to == SuggestionStatus.DECLINED && note == null) {
            throw new FormInvalid("note", "reason_required");
        }
        audit.record(actor, "status", "suggestion", s.id, AuditLog.of("status", s.status.name()),
                AuditLog.of("status", to.name()), note);
        return applyStatus(s, to, note, actor, TimelineEvent.STATUS, null);
    }

    /**
     * Moves a suggestion to a status, with its timeline entry and domain event, inside the caller's
     * transaction. Permission checks are the caller's (a PM's change, a feature item, a merge, a release).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public StatusChange applyStatus(Suggestion s, SuggestionStatus to, String note, Member actor, TimelineEvent event,
            Suggestion related) {
        StatusChange change = new StatusChange();
        change.suggestion = s;
        change.actor = actor;
        change.fromStatus = s.status;
        change.toStatus = to;
        change.note = note;
        change.event = event;
        change.relatedSuggestion = related;
        change.featureItemId = event == TimelineEvent.FEATURE ? s.featureItemId : null;
        change.persist();
        SuggestionStatus from = s.status;
        s.status = to;
        s.statusChangedAt = change.createdAt;
        if (from != to && event != TimelineEvent.MERGED_INTO && event != TimelineEvent.UNMERGED) {
            Map<String, Object> payload = new HashMap<>();
            payload.put("from", from.name());
            payload.put("to", to.name());
            if (note != null) {
                payload.put("note", note);
            }
            if (change.featureItemId != null) {
                payload.put("featureItemId", change.featureItemId);
            }
            em.flush();
            events.suggestion(EventKind.SUGGESTION_STATUS_CHANGED, actor, s.id, null, payload);
        }
        em.flush(); // the suggestion row first, the author's member row last (see Honours)
        announce.fire(new SuggestionEvent.StatusReached(s, to));
        return change;
    }

    /** A timeline entry that records a merge or unmerge on the suggestion whose status stays. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void recordTimeline(Suggestion s, Member actor, TimelineEvent event, Suggestion related, String note) {
        StatusChange change = new StatusChange();
        change.suggestion = s;
        change.actor = actor;
        change.fromStatus = s.status;
        change.toStatus = s.status;
        change.note = note;
        change.event = event;
        change.relatedSuggestion = related;
        change.persist();
    }
}
