package app.fanloop.moderation;

import java.util.List;
import java.util.Map;

import app.fanloop.attachment.AttachmentJanitor;
import app.fanloop.audit.AuditLog;
import app.fanloop.board.Board;
import app.fanloop.event.DomainEvents;
import app.fanloop.event.EventKind;
import app.fanloop.honour.Honours;
import app.fanloop.limit.RateLimiter;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Comments;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.PostingService;
import app.fanloop.suggestion.CommentingService;
import app.fanloop.triage.FeatureDemand;
import app.fanloop.web.Conflict;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;

/**
 * Reports and what admins do about them: hide (with a reason), restore, lock, pin, move and, as the
 * only real delete, purge. Every admin action writes an audit entry in the same transaction.
 */
@ApplicationScoped
public class ModerationService {

    /** What a moderation action applies to. */
    public enum Target {
        SUGGESTION, COMMENT;

        public static Target parse(String value) {
            for (Target t : values()) {
                if (t.name().equalsIgnoreCase(value)) {
                    return t;
                }
            }
            throw new NotFoundException();
        }

        public String param() {
            return name().toLowerCase();
        }
    }

    private final EntityManager em;
    private final Viewer viewer;
    private final PostingService posting;
    private final CommentingService commenting;
    private final RateLimiter limits;
    private final AuditLog audit;
    private final ModerationConfig config;
    private final DomainEvents events;
    private final SiteClock clock;
    private final Honours honours;
    private final FeatureDemand demand;
    private final Comments comments;

    private final Event<AttachmentJanitor.Discarded> discarded;
    private final Event<ReportFiled> filed;

    ModerationService(EntityManager em, Viewer viewer, PostingService posting, CommentingService commenting, RateLimiter limits, AuditLog audit,
            ModerationConfig config, DomainEvents events, SiteClock clock, Honours honours, FeatureDemand demand, Comments comments,
            Event<AttachmentJanitor.Discarded> discarded, Event<ReportFiled> filed) {
        this.discarded = discarded;
        this.filed = filed;
        this.comments = comments;
        this.demand = demand;
        this.honours = honours;
        this.em = em;
        this.viewer = viewer;
        this.posting = posting;
        this.commenting = commenting;
        this.limits = limits;
        this.audit = audit;
        this.config = config;
        this.events = events;
        this.clock = clock;
    }

    /**
     * A member reports a post. Reports from enough distinct members hide it at once, pending review,
     * and tell its author; a post by staff (an official answer, a PM's note) is never hidden by reports,
     * it waits in the queue for an admin.
     */
    @Transactional
    public void report(Target target, long id, String reason, String text) {
        Member reporter = viewer.requireVoice();
        ReportReason why = ReportReason.parse(reason);
        if (why == null) {
            throw new FormInvalid("reason", "required");
        }
        String note = text == null || text.isBlank() ? null : text.strip();
        if (note != null && note.length() > 1000) {
            throw new FormInvalid(List.of(new FormInvalid.Problem("text", "too_long", 1000)));
        }
        if (why == ReportReason.OTHER && note == null) {
            throw new FormInvalid("text", "required");
        }
        String table = table(target);
        Suggestion reported = target == Target.SUGGESTION ? posting.visible(id) : null;
        Comment reportedComment = target == Target.COMMENT ? commenting.visibleComment(id) : null;
        Member author = reported != null ? reported.author : reportedComment.author;
        long suggestionId = reported != null ? reported.id : reportedComment.suggestion.id;
        if (author.id.equals(reporter.id)) {
            throw new Conflict();
        }
        limits.hit(RateLimiter.REPORT, reporter);
        int added = em.createNativeQuery("insert into report (" + target.param() + "_id, reporter_id, reason, text) "
                + "values (:id, :m, :r, :t) on conflict do nothing")
                .setParameter("id", id).setParameter("m", reporter.id).setParameter("r", why.name())
                .setParameter("t", note).executeUpdate();
        if (added == 0) {
            throw new Conflict();
        }
        filed.fire(new ReportFiled(target));
        Object[] row = (Object[]) em.createNativeQuery("update " + table
                + " set open_reports = open_reports + 1 where id = :id returning open_reports, hidden")
                .setParameter("id", id).getSingleResult();
        int open = ((Number) row[0]).intValue();
        boolean hidden = (Boolean) row[1];
        if (open >= config.hideThreshold() && !hidden && !author.holdsStaffRole()) {
            setHidden(target, id, true, true, null);
            events.forMembers(EventKind.CONTENT_HIDDEN, null, suggestionId, target == Target.COMMENT ? id : null,
                    Map.of("target", target.name(), "byReports", true, "reason", why.name()), List.of(author.id));
        }
    }

    /** Closes the open reports; an item the reports had hidden comes back. */
    @Transactional
    public void dismiss(Target target, long id) {
        Member admin = viewer.requireAdmin();
        Item item = load(target, id);
        resolveReports(target, id, Report.Status.DISMISSED, admin);
        if (item.hiddenByReports()) {
            setHidden(target, id, false, false, null);
        }
        audit.record(admin, "report.dismiss", target.param(), id, null, null, null);
    }

    @Transactional
    public void hide(Target target, long id, String reason) {
        Member admin = viewer.requireAdmin();
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why == null) {
            throw new FormInvalid("reason", "required");
        }
        if (why.length() > 500) {
            throw new FormInvalid(List.of(new FormInvalid.Problem("reason", "too_long", 500)));
        }
        Item item = load(target, id);
        if (item.hidden() && !item.hiddenByReports()) {
            throw new Conflict();
        }
        List<Object[]> upheld = resolveReports(target, id, Report.Status.UPHELD, admin);
        setHidden(target, id, true, false, why);
        tellAuthorHidden(target, id, why);
        honours.reportsUpheld(upheld);
        audit.record(admin, "hide", target.param(), id, AuditLog.of("hidden", item.hidden()), AuditLog.of("hidden", true),
                why);
    }

    @Transactional
    public void restore(Target target, long id) {
        Member admin = viewer.requireAdmin();
        Item item = load(target, id);
        if (!item.hidden()) {
            throw new Conflict();
        }
        resolveReports(target, id, Report.Status.DISMISSED, admin);
        setHidden(target, id, false, false, null);
        audit.record(admin, "restore", target.param(), id, AuditLog.of("hidden", true, "reason", item.reason()),
                AuditLog.of("hidden", false), null);
    }

    /** Locks (no new votes or comments) or unlocks a suggestion. */
    @Transactional
    public void lock(long id, boolean locked) {
        Member admin = viewer.requireAdmin();
        Suggestion s = posting.visible(id);
        if (s.locked == locked) {
            throw new Conflict();
        }
        s.locked = locked;
        audit.record(admin, locked ? "lock" : "unlock", "suggestion", id, AuditLog.of("locked", !locked),
                AuditLog.of("locked", locked), null);
    }

    /** Pins a suggestion on top of its board, or unpins it. */
    @Transactional
    public void pin(long id, boolean pinned) {
        Member admin = viewer.requireAdmin();
        Suggestion s = posting.visible(id);
        if (s.pinned == pinned) {
            throw new Conflict();
        }
        s.pinned = pinned;
        audit.record(admin, pinned ? "pin" : "unpin", "suggestion", id, AuditLog.of("pinned", !pinned),
                AuditLog.of("pinned", pinned), null);
    }

    /** Moves a suggestion to another board that takes its kind; a program's board makes it (and its comments) the program's. */
    @Transactional
    public void move(long id, Long boardId) {
        Member admin = viewer.requireAdmin();
        Suggestion s = posting.visible(id);
        Board to = boardId == null ? null : Board.findById(boardId);
        if (to == null) {
            throw new FormInvalid("board", "required");
        }
        if (to.id.equals(s.board.id)) {
            throw new Conflict();
        }
        if (!s.kind.acceptedOn(to)) {
            throw new FormInvalid("board", "kind_not_accepted");
        }
        Board from = s.board;
        s.board = to;
        // The post and its comments belong to the board's program from now on (member/Visibility), in this transaction.
        s.programId = to.programId;
        em.createNativeQuery("update comment set program_id = :p where suggestion_id = :s")
                .setParameter("p", to.programId).setParameter("s", s.id).executeUpdate();
        em.createNativeQuery("update board set suggestion_count = suggestion_count + case when id = :to then 1 else -1 end"
                + " where id in (:from, :to)").setParameter("from", from.id).setParameter("to", to.id).executeUpdate();
        audit.record(admin, "move", "suggestion", id, AuditLog.of("board", from.slug), AuditLog.of("board", to.slug), null);
    }

    /**
     * The only real delete: the post, its votes, follows, comments, revisions, reports, events and files (their bytes
     * are deleted from the store right after the commit).
     * The admin confirms by typing the post's number. A suggestion that others were merged into must
     * be unmerged first.
     */
    @Transactional
    public long purge(Target target, long id, String confirm) {
        Member admin = viewer.requireAdmin();
        if (confirm == null || !confirm.strip().equals(String.valueOf(id))) {
            throw new FormInvalid("confirm", "confirm_mismatch");
        }
        Item item = load(target, id);
        if (target == Target.SUGGESTION) {
            Suggestion s = Suggestion.loadFull(id);
            if (Suggestion.count("mergedInto.id", id) > 0) {
                throw new Conflict();
            }
            audit.record(admin, "purge", "suggestion", id, AuditLog.of("title", s.title, "author", s.author.id,
                    "board", s.board.slug, "status", s.status.name()), null, null);
            purgeSuggestion(s);
            discarded.fire(new AttachmentJanitor.Discarded());
            return s.board.id;
        }
        Comment c = commenting.visibleComment(id);
        audit.record(admin, "purge", "comment", id, AuditLog.of("suggestion", c.suggestion.id, "author", c.author.id,
                "body", excerpt(c.body)), null, item.reason());
        long suggestionId = c.suggestion.id;
        purgeComment(c);
        discarded.fire(new AttachmentJanitor.Discarded());
        return suggestionId;
    }

    /** One delete: votes, follows, comments, revisions, reports, timeline and events go with it (V44). */
    private void purgeSuggestion(Suggestion s) {
        long id = s.id;
        Long item = s.featureItemId;
        em.flush();
        em.clear();
        exec("delete from suggestion where id = :id", id);
        exec("update board set suggestion_count = suggestion_count - 1 where id = :id", s.board.id);
        honours.suggestionPurged(id);
        if (item != null) {
            demand.recompute(item);
        }
    }

    /** One delete: its replies, revisions, reports and events go with it (V44); the counters follow. */
    private void purgeComment(Comment c) {
        List<Long> thread = comments.purge(c.id, c.parent == null ? null : c.parent.id, c.suggestion.id);
        honours.commentsPurged(thread);
    }

    /** Hides or shows an item; a comment's visibility moves its suggestion's comment count. */
    /**
     * Tells the author of a post an admin hid, with the admin's reason (the notice links to how to appeal). The admin
     * is not named: the notice comes from the moderators (the audit log keeps who).
     */
    private void tellAuthorHidden(Target target, long id, String reason) {
        Object[] row = (Object[]) em.createNativeQuery(target == Target.SUGGESTION
                ? "select author_id, id from suggestion where id = :id"
                : "select author_id, suggestion_id from comment where id = :id").setParameter("id", id).getSingleResult();
        events.forMembers(EventKind.CONTENT_HIDDEN, null, ((Number) row[1]).longValue(), target == Target.COMMENT ? id : null,
                Map.of("target", target.name(), "byReports", false, "reason", reason),
                List.of(((Number) row[0]).longValue()));
    }

    private void setHidden(Target target, long id, boolean hidden, boolean byReports, String reason) {
        em.flush();
        em.createNativeQuery("update " + table(target) + " set hidden = :h, hidden_by_reports = :r, hidden_reason = :why,"
                + " hidden_at = :at where id = :id")
                .setParameter("h", hidden).setParameter("r", byReports).setParameter("why", reason)
                .setParameter("at", hidden ? clock.now() : null).setParameter("id", id).executeUpdate();
        if (target == Target.SUGGESTION) {
            honours.suggestionHidden(id, hidden);
        } else {
            honours.commentHidden(id, hidden);
        }
        if (target == Target.COMMENT) {
            comments.visibilityChanged(id, hidden);
        }
        em.clear();
    }

    /** Closes the item's open reports; returns them as [report id, reporter id]. */
    private List<Object[]> resolveReports(Target target, long id, Report.Status status, Member admin) {
        @SuppressWarnings("unchecked")
        List<Object[]> resolved = em.createNativeQuery("update report set status = :st, resolved_at = :at,"
                + " resolved_by_id = :m where " + target.param() + "_id = :id and status = 'OPEN' returning id, reporter_id")
                .setParameter("st", status.name()).setParameter("at", clock.now()).setParameter("m", admin.id)
                .setParameter("id", id).getResultList();
        em.createNativeQuery("update " + table(target) + " set open_reports = 0 where id = :id").setParameter("id", id)
                .executeUpdate();
        return resolved;
    }

    /** The moderation state of an item, loaded for an admin. */
    record Item(boolean hidden, boolean hiddenByReports, String reason) {
    }

    private Item load(Target target, long id) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("select hidden, hidden_by_reports, hidden_reason from " + table(target)
                + " where id = :id").setParameter("id", id).getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException();
        }
        Object[] r = rows.get(0);
        return new Item((Boolean) r[0], (Boolean) r[1], (String) r[2]);
    }


    private static String table(Target target) {
        return target == Target.SUGGESTION ? "suggestion" : "comment";
    }

    private void exec(String sql, long id) {
        em.createNativeQuery(sql).setParameter("id", id).executeUpdate();
    }

    private static String excerpt(String text) {
        return text.length() <= 500 ? text : text.substring(0, 500) + "…";
    }

}
