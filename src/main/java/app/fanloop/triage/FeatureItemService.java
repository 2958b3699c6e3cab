package app.fanloop.triage;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import app.fanloop.audit.AuditLog;
import app.fanloop.event.DomainEvents;
import app.fanloop.event.EventKind;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.PostingService;
import app.fanloop.suggestion.StatusService;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.suggestion.TimelineEvent;
import app.fanloop.web.Conflict;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.web.Markdown;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/**
 * Feature items: created from suggestions, linked and unlinked, moved through their statuses (which
 * their suggestions follow) and shipped by releases. Every change is a domain event in the same transaction.
 */
@ApplicationScoped
public class FeatureItemService {

    private final EntityManager em;
    private final Viewer viewer;
    private final PostingService posting;
    private final StatusService statuses;
    private final DomainEvents events;
    private final Forms forms;
    private final Markdown markdown;
    private final AuditLog audit;
    private final FeatureDemand demand;
    private final SiteClock clock;

    FeatureItemService(EntityManager em, Viewer viewer, PostingService posting, StatusService statuses, DomainEvents events,
            Forms forms, Markdown markdown, AuditLog audit, FeatureDemand demand,
            SiteClock clock) {
        this.clock = clock;
        this.demand = demand;
        this.audit = audit;
        this.em = em;
        this.viewer = viewer;
        this.posting = posting;
        this.statuses = statuses;
        this.events = events;
        this.forms = forms;
        this.markdown = markdown;
    }

    public FeatureItem load(long id) {
        viewer.requireStaff();
        FeatureItem item = FeatureItem.find("from FeatureItem f left join fetch f.owner where f.id = ?1", id).firstResult();
        if (item == null) {
            throw new NotFoundException();
        }
        return item;
    }

    @Transactional
    public FeatureItem create(FeatureItemForm form) {
        Member actor = viewer.requireStaff();
        forms.validate(form);
        FeatureItem item = new FeatureItem();
        item.createdBy = actor;
        apply(item, form);
        item.persist();
        events.featureItem(EventKind.FEATURE_ITEM_CREATED, actor, item.id, null, Map.of("title", item.title));
        audit.record(actor, "feature.create", "feature_item", item.id, null, snapshot(item), null);
        for (Long id : form.suggestionIds()) {
            link(item, posting.visible(id), actor);
        }
        return item;
    }

    @Transactional
    public FeatureItem update(long id, FeatureItemForm form) {
        Member actor = viewer.requireStaff();
        FeatureItem item = load(id);
        forms.validate(form);
        Map<String, Object> before = snapshot(item);
        apply(item, form);
        item.updatedAt = clock.now();
        audit.record(actor, "feature.update", "feature_item", item.id, before, snapshot(item), null);
        events.featureItem(EventKind.FEATURE_ITEM_UPDATED, actor, item.id, null, Map.of("title", item.title));
        return item;
    }

    /**
     * Moves the item and, with it, every linked suggestion that is not merged: PLANNED → PLANNED,
     * IN_PROGRESS → IN_PROGRESS, CANCELLED → DECLINED with the item's reason. BACKLOG leaves them be.
     */
    @Transactional
    public FeatureItem changeStatus(long id, String status, String reason) {
        Member actor = viewer.requireStaff();
        lockWithSuggestions(id);
        FeatureItem item = load(id);
        FeatureItemStatus to = FeatureItemStatus.parse(status);
        if (to == null || !FeatureItemStatus.SETTABLE.contains(to)) {
            throw new FormInvalid("status", "status_not_allowed");
        }
        if (item.status == to) {
            throw new FormInvalid("status", "same_status");
        }
        String text = reason == null || reason.isBlank() ? null : reason.strip();
        if (text != null && text.length() > 2000) {
            throw new FormInvalid(List.of(new FormInvalid.Problem("reason", "too_long", 2000)));
        }
        if (to == FeatureItemStatus.CANCELLED && text == null) {
            throw new FormInvalid("reason", "reason_required");
        }
        FeatureItemStatus from = item.status;
        item.status = to;
        item.cancelReason = to == FeatureItemStatus.CANCELLED ? text : null;
        item.statusChangedAt = clock.now();
        item.updatedAt = item.statusChangedAt;
        Map<String, Object> payload = new HashMap<>();
        payload.put("from", from.name());
        payload.put("to", to.name());
        payload.put("title", item.title);
        if (text != null) {
            payload.put("note", text);
        }
        events.featureItem(EventKind.FEATURE_ITEM_STATUS_CHANGED, actor, item.id, null, payload);
        audit.record(actor, "feature.status", "feature_item", item.id, AuditLog.of("status", from.name()),
                AuditLog.of("status", to.name()), text);
        SuggestionStatus follows = to.suggestionStatus();
        if (follows != null) {
            for (Suggestion s : linked(item.id)) {
                if (s.status != follows && s.status != SuggestionStatus.MERGED) {
                    statuses.applyStatus(s, follows, text, actor, TimelineEvent.FEATURE, null);
                }
            }
        }
        return item;
    }

    /**
     * Row locks on the item's suggestions (in id order), then on the item: the order a vote takes them in (its
     * suggestion, then the item's demand, FeatureDemand). The item first deadlocked with a vote on one of its
     * suggestions, as release publishing did (bench/cluster.sh). No key update: a vote's foreign-key check still passes.
     */
    private void lockWithSuggestions(long itemId) {
        em.createNativeQuery("select id from suggestion where feature_item_id = :f order by id for no key update")
                .setParameter("f", itemId).getResultList();
        em.createNativeQuery("select id from feature_item where id = :f for no key update")
                .setParameter("f", itemId).getResultList();
    }

    @Transactional
    public void link(long itemId, long suggestionId) {
        Member actor = viewer.requireStaff();
        FeatureItem item = load(itemId);
        Suggestion s;
        try {
            s = posting.visible(suggestionId);
        } catch (NotFoundException missing) {
            throw new FormInvalid("suggestionId", "merge_target_missing");
        }
        link(item, s, actor);
    }

    @Transactional
    public void unlink(long itemId, long suggestionId) {
        Member actor = viewer.requireStaff();
        FeatureItem item = load(itemId);
        Suggestion s = posting.visible(suggestionId);
        if (!item.id.equals(s.featureItemId)) {
            throw new Conflict();
        }
        events.featureItem(EventKind.FEATURE_ITEM_UNLINKED, actor, item.id, s.id,
                Map.of("title", item.title, "suggestionTitle", s.title));
        audit.record(actor, "feature.unlink", "feature_item", item.id, AuditLog.of("suggestion", s.id), null, null);
        s.featureItemId = null;
        em.flush();
        demand.recompute(item.id);
    }

    /**
     * A release ships the item (locked by the caller, inside its transaction): SHIPPED, aimed at the
     * release's version if it had no target, with its status event. Shipping twice changes nothing.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void ship(FeatureItem feature, long releaseId, String version, Member actor, Instant now) {
        if (feature.status == FeatureItemStatus.SHIPPED) {
            return;
        }
        FeatureItemStatus from = feature.status;
        feature.status = FeatureItemStatus.SHIPPED;
        feature.cancelReason = null;
        feature.statusChangedAt = now;
        feature.updatedAt = now;
        if (feature.targetRelease == null || feature.targetRelease.isBlank()) {
            feature.targetRelease = version;
        }
        Map<String, Object> payload = new HashMap<>();
        payload.put("from", from.name());
        payload.put("to", FeatureItemStatus.SHIPPED.name());
        payload.put("title", feature.title);
        payload.put("releaseId", releaseId);
        payload.put("version", version);
        events.featureItem(EventKind.FEATURE_ITEM_STATUS_CHANGED, actor, feature.id, null, payload);
    }

    /** The suggestions behind an item, with board and author. */
    public static List<Suggestion> linked(long itemId) {
        return Suggestion.list("from Suggestion s join fetch s.board join fetch s.author where s.featureItemId = ?1"
                + " order by s.voteCount desc, s.id", itemId);
    }

    /**
     * Links a suggestion (a suggestion has at most one item). An OPEN suggestion counts as triaged
     * (UNDER_REVIEW); one linked to a planned or started item takes the item's status.
     */
    private void link(FeatureItem item, Suggestion s, Member actor) {
        if (item.id.equals(s.featureItemId)) {
            return;
        }
        if (s.featureItemId != null) {
            throw new FormInvalid("suggestionId", "already_linked");
        }
        if (s.status == SuggestionStatus.MERGED) {
            throw new FormInvalid("suggestionId", "merge_target_merged");
        }
        s.featureItemId = item.id;
        em.flush();
        demand.recompute(item.id);
        events.featureItem(EventKind.FEATURE_ITEM_LINKED, actor, item.id, s.id,
                Map.of("title", item.title, "suggestionTitle", s.title));
        audit.record(actor, "feature.link", "feature_item", item.id, null, AuditLog.of("suggestion", s.id), null);
        SuggestionStatus follows = item.status.suggestionStatus();
        if (follows != null && follows != SuggestionStatus.SHIPPED && s.status != follows) {
            statuses.applyStatus(s, follows, null, actor, TimelineEvent.FEATURE, null);
        } else if (follows == null && s.status == SuggestionStatus.OPEN) {
            statuses.applyStatus(s, SuggestionStatus.UNDER_REVIEW, null, actor, TimelineEvent.FEATURE, null);
        }
    }

    private static Map<String, Object> snapshot(FeatureItem item) {
        return AuditLog.of("title", item.title, "priority", item.priority, "owner", item.owner == null ? null : item.owner.id,
                "targetRelease", item.targetRelease);
    }

    private void apply(FeatureItem item, FeatureItemForm form) {
        item.title = form.title().strip();
        item.description = form.description() == null ? "" : form.description().strip();
        item.descriptionHtml = markdown.toHtml(item.description);
        item.priority = form.priority();
        item.targetRelease = form.targetRelease() == null || form.targetRelease().isBlank() ? null
                : form.targetRelease().strip();
        if (form.ownerId() == null) {
            item.owner = null;
        } else {
            Member owner = Member.findById(form.ownerId());
            if (owner == null || Member.staff().stream().noneMatch(m -> m.id.equals(owner.id))) {
                throw new FormInvalid("ownerId", "owner_not_staff");
            }
            item.owner = owner;
        }
    }
}
