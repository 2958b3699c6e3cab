package app.fanloop.triage;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import app.fanloop.attachment.Attachment;
import app.fanloop.audit.AuditLog;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.member.Visibility;
import app.fanloop.suggestion.Sparkline;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.PostingService;
import app.fanloop.suggestion.StatusService;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.suggestion.TimelineEvent;
import app.fanloop.suggestion.Trending;
import app.fanloop.suggestion.VoteHistory;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Page;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ForbiddenException;

/** The PM console: the inbox, what waits for an answer, sparklines, bulk status changes. */
@ApplicationScoped
public class TriageService {

    private final EntityManager em;
    private final Viewer viewer;
    private final TriageConfig config;
    private final Trending trending;
    private final PostingService posting;
    private final StatusService statuses;
    private final AuditLog audit;
    private final VoteHistory votes;
    private final SiteClock clock;

    TriageService(EntityManager em, Viewer viewer, TriageConfig config, Trending trending, PostingService posting,
            StatusService statuses, AuditLog audit, VoteHistory votes, SiteClock clock) {
        this.audit = audit;
        this.votes = votes;
        this.clock = clock;
        this.em = em;
        this.viewer = viewer;
        this.config = config;
        this.trending = trending;
        this.posting = posting;
        this.statuses = statuses;
    }

    /** A suggestion on the console, with its priority breakdown, vote sparkline and files (pictures and logs). */
    public record Row(Suggestion suggestion, Priority priority, Sparkline spark, List<Attachment> files) {
        public List<Attachment> images() {
            return files.stream().filter(Attachment::isImage).toList();
        }

        public List<Attachment> logs() {
            return files.stream().filter(Attachment::isLog).toList();
        }
    }

    public Page<Row> inbox(InboxQuery query) {
        viewer.requireStaff();
        Instant now = clock.now();
        double nowExponent = trending.exponent(now);
        return rows(query.run(config.weights(), nowExponent, now), nowExponent);
    }

    /** Suggestions without an official answer past the target, oldest first. */
    public Page<Row> needsAnswer(int page) {
        viewer.requireStaff();
        int size = InboxQuery.PAGE_SIZE;
        Instant now = clock.now();
        List<Suggestion> found = Suggestion.<Suggestion> find("""
                from Suggestion s join fetch s.board join fetch s.author
                where s.firstResponseAt is null and %s and s.status <> ?1 and s.createdAt < ?2
                order by s.createdAt, s.id""".formatted(Visibility.jpqlShown("s")), SuggestionStatus.MERGED, now.minus(config.answerTarget()))
                .range((page - 1) * size, page * size).list();
        return rows(Page.of(found, page, size), trending.exponent(now));
    }

    /** The console's headline figures, in one statement. */
    public record Figures(long waiting, long closedInWindow, long answeredInTime) {
        /** The share answered within the target, in whole percent, or -1 when nothing was due. */
        public int answeredPercent() {
            return closedInWindow == 0 ? -1 : (int) Math.round(100.0 * answeredInTime / closedInWindow);
        }
    }

    /**
     * How many wait past the target now, and of the suggestions posted in the window whose target has
     * passed, how many were answered in time.
     */
    public Figures figures() {
        viewer.requireStaff();
        Instant now = clock.now();
        Instant due = now.minus(config.answerTarget());
        Object[] row = (Object[]) em.createNativeQuery("""
                select
                  (select count(*) from suggestion s where first_response_at is null and %1$s
                     and status <> 'MERGED' and created_at < :due),
                  count(*),
                  count(*) filter (where first_response_at is not null and first_response_at <= created_at + make_interval(secs => :target))
                from suggestion s
                where created_at >= :since and created_at < :due and %1$s and status <> 'MERGED'""".formatted(Visibility.sqlShown("s")))
                .setParameter("due", due)
                .setParameter("since", now.minus(config.answerWindow()))
                .setParameter("target", (double) config.answerTarget().toSeconds())
                .getSingleResult();
        return new Figures(((Number) row[0]).longValue(), ((Number) row[1]).longValue(), ((Number) row[2]).longValue());
    }

    public long answerTargetHours() {
        return config.answerTarget().toHours();
    }

    /** Sets one status on several suggestions at once; same rules as one at a time, all or nothing. */
    @Transactional
    public int bulkStatus(List<Long> ids, String status, String note) {
        Member actor = viewer.requireStaff();
        if (ids == null || ids.isEmpty()) {
            throw new FormInvalid("ids", "none_selected");
        }
        SuggestionStatus to = SuggestionStatus.parse(status);
        if (to == null || !to.isSettable()) {
            throw new FormInvalid("status", "status_not_allowed");
        }
        String text = note == null || note.isBlank() ? null : note.strip();
        if (text != null && text.length() > 2000) {
            throw new FormInvalid(List.of(new FormInvalid.Problem("note", "too_long", 2000)));
        }
        if (to == SuggestionStatus.DECLINED && text == null) {
            throw new FormInvalid("note", "reason_required");
        }
        int changed = 0;
        for (Long id : ids.stream().distinct().toList()) {
            Suggestion s = posting.visible(id);
            if (s.status == to || s.status == SuggestionStatus.MERGED) {
                continue;
            }
            audit.record(actor, "status", "suggestion", s.id, AuditLog.of("status", s.status.name()),
                    AuditLog.of("status", to.name(), "bulk", true), text);
            statuses.applyStatus(s, to, text, actor, TimelineEvent.STATUS, null);
            changed++;
        }
        return changed;
    }

    private Page<Row> rows(Page<Suggestion> page, double nowExponent) {
        Map<Long, Sparkline> sparks = votes.sparklines(page.items().stream().map(s -> s.id).toList());
        Map<Long, List<Attachment>> files = Attachment.ofSuggestions(
                page.items().stream().filter(s -> s.imageCount + s.logCount > 0).map(s -> s.id).toList());
        List<Row> rows = page.items().stream()
                .map(s -> new Row(s, Priority.of(s, nowExponent, config.weights()), sparks.get(s.id),
                        files.getOrDefault(s.id, List.of())))
                .toList();
        return new Page<>(rows, page.number(), page.hasNext());
    }
}
