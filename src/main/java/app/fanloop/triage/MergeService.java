package app.fanloop.triage;

import java.util.List;
import java.util.Map;

import app.fanloop.audit.AuditLog;
import app.fanloop.event.DomainEvents;
import app.fanloop.event.EventKind;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.suggestion.StatusChange;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.PostingService;
import app.fanloop.suggestion.StatusService;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.suggestion.TimelineEvent;
import app.fanloop.suggestion.Follows;
import app.fanloop.suggestion.Votes;
import app.fanloop.web.Conflict;
import app.fanloop.web.FormInvalid;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Merging duplicates, reversibly. Votes move to the surviving suggestion but remember where they
 * were cast; followers of the duplicate follow the survivor through rows marked with the merge;
 * both timelines record it. Unmerging moves back exactly those votes and removes exactly those follows.
 */
@ApplicationScoped
public class MergeService {

    private final EntityManager em;
    private final Viewer viewer;
    private final PostingService posting;
    private final StatusService statuses;
    private final DomainEvents events;
    private final Votes votes;
    private final Follows follows;
    private final FeatureDemand demand;
    private final AuditLog audit;

    MergeService(EntityManager em, Viewer viewer, PostingService posting, StatusService statuses, DomainEvents events,
            Votes votes, Follows follows, FeatureDemand demand, AuditLog audit) {
        this.audit = audit;
        this.em = em;
        this.viewer = viewer;
        this.posting = posting;
        this.statuses = statuses;
        this.events = events;
        this.votes = votes;
        this.follows = follows;
        this.demand = demand;
    }

    /** Merges {@code duplicateId} into {@code targetId}. */
    @Transactional
    public void merge(long duplicateId, long targetId, String note) {
        Member actor = viewer.requireStaff();
        if (duplicateId == targetId) {
            throw new FormInvalid("target", "merge_self");
        }
        Suggestion duplicate = posting.visible(duplicateId);
        Suggestion target;
        try {
            target = posting.visible(targetId);
        } catch (jakarta.ws.rs.NotFoundException missing) {
            throw new FormInvalid("target", "merge_target_missing");
        }
        if (duplicate.status == SuggestionStatus.MERGED) {
            throw new Conflict();
        }
        if (target.status == SuggestionStatus.MERGED || mergedInto(target, duplicate)) {
            throw new FormInvalid("target", "merge_target_merged");
        }
        if (!java.util.Objects.equals(duplicate.programId, target.programId)) {
            // A merge moves votes and followers and shows the duplicate's comments on the target: across a program's
            // line it would either leak the program's posts or hand its testers' votes to posts they cannot read.
            throw new FormInvalid("target", "merge_across_program");
        }
        lockInOrder(duplicate.id, target.id);
        String text = note == null || note.isBlank() ? null : note.strip();
        // The audience is everyone on either side before anything moves.
        events.suggestions(EventKind.SUGGESTION_MERGED, actor, duplicate.id, List.of(duplicate.id, target.id),
                Map.of("into", target.id, "title", duplicate.title, "intoTitle", target.title));

        votes.moveForMerge(duplicate.id, target.id);
        follows.lendForMerge(duplicate.id, target.id);
        // Status and pointer change together (a check constraint ties them).
        duplicate.mergedInto = target;
        statuses.applyStatus(duplicate, SuggestionStatus.MERGED, text, actor, TimelineEvent.MERGED_INTO, target);
        statuses.recordTimeline(target, actor, TimelineEvent.MERGED_FROM, duplicate, text);
        audit.record(actor, "merge", "suggestion", duplicate.id, AuditLog.of("status", statusBeforeMerge(duplicate.id).name()),
                AuditLog.of("mergedInto", target.id), text);
        recount(duplicate.id, target.id);
    }

    /** Takes a merged suggestion out again: its votes, followers and status come back. */
    @Transactional
    public void unmerge(long duplicateId, String note) {
        Member actor = viewer.requireStaff();
        Suggestion duplicate = posting.visible(duplicateId);
        if (duplicate.status != SuggestionStatus.MERGED || duplicate.mergedInto == null) {
            throw new Conflict();
        }
        Suggestion target = Suggestion.loadFull(duplicate.mergedInto.id);
        lockInOrder(duplicate.id, target.id);
        String text = note == null || note.isBlank() ? null : note.strip();
        votes.restoreForUnmerge(duplicate.id, target.id);
        follows.returnForUnmerge(duplicate.id, target.id);
        duplicate.mergedInto = null;
        statuses.applyStatus(duplicate, statusBeforeMerge(duplicate.id), text, actor, TimelineEvent.UNMERGED, target);
        statuses.recordTimeline(target, actor, TimelineEvent.UNMERGED_FROM, duplicate, text);
        audit.record(actor, "unmerge", "suggestion", duplicate.id, AuditLog.of("mergedInto", target.id),
                AuditLog.of("status", duplicate.status.name()), text);
        recount(duplicate.id, target.id);
        events.suggestions(EventKind.SUGGESTION_UNMERGED, actor, duplicate.id, List.of(duplicate.id, target.id),
                Map.of("from", target.id, "title", duplicate.title, "fromTitle", target.title));
    }

    /** Whether {@code target} sits, directly or through a chain, inside {@code duplicate}. */
    private boolean mergedInto(Suggestion target, Suggestion duplicate) {
        return !em.createNativeQuery("""
                with recursive chain as (
                    select id, merged_into_id from suggestion where id = :t
                    union all
                    select s.id, s.merged_into_id from suggestion s join chain on s.id = chain.merged_into_id
                )
                select 1 from chain where merged_into_id = :d""")
                .setParameter("t", target.id).setParameter("d", duplicate.id).getResultList().isEmpty();
    }

    private SuggestionStatus statusBeforeMerge(long id) {
        StatusChange last = StatusChange.find(
                "suggestion.id = ?1 and event = ?2 order by createdAt desc, id desc", id, TimelineEvent.MERGED_INTO)
                .firstResult();
        return last == null || last.fromStatus == SuggestionStatus.MERGED ? SuggestionStatus.OPEN : last.fromStatus;
    }

    /** Row locks in id order, so two merges touching the same pair cannot deadlock. */
    private void lockInOrder(long a, long b) {
        em.createNativeQuery("select id from suggestion where id in (:a, :b) order by id for no key update")
                .setParameter("a", a).setParameter("b", b).getResultList();
    }

    /** Counters and trending of both sides from the tables, and the demand of their feature items. */
    private void recount(long a, long b) {
        votes.recount(List.of(a, b));
        @SuppressWarnings("unchecked")
        List<Number> items = em.createNativeQuery(
                "select distinct feature_item_id from suggestion where id in (:ids) and feature_item_id is not null")
                .setParameter("ids", List.of(a, b)).getResultList();
        items.forEach(item -> demand.recompute(item.longValue()));
    }
}
