package app.fanloop.suggestion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import java.util.Map;

import app.fanloop.board.Board;
import app.fanloop.event.DomainEvents;
import app.fanloop.event.EventKind;
import app.fanloop.honour.Honours;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.moderation.AuditLog;
import app.fanloop.moderation.RateLimiter;
import app.fanloop.search.SearchIndex;
import app.fanloop.triage.FeatureDemand;
import app.fanloop.web.Conflict;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.web.Markdown;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;

/** Everything members do to suggestions and comments, with the checks on who may do it. */
@ApplicationScoped
public class SuggestionService {

    private final EntityManager em;
    private final Viewer viewer;
    private final Forms forms;
    private final Markdown markdown;
    private final Trending trending;
    private final DomainEvents events;
    private final RateLimiter limits;
    private final AuditLog audit;
    private final SearchIndex searchIndex;
    private final Honours honours;
    private final FeatureDemand demand;

    SuggestionService(EntityManager em, Viewer viewer, Forms forms, Markdown markdown, Trending trending,
            DomainEvents events, RateLimiter limits, AuditLog audit, SearchIndex searchIndex, Honours honours,
            FeatureDemand demand) {
        this.demand = demand;
        this.honours = honours;
        this.limits = limits;
        this.audit = audit;
        this.searchIndex = searchIndex;
        this.em = em;
        this.viewer = viewer;
        this.forms = forms;
        this.markdown = markdown;
        this.trending = trending;
        this.events = events;
    }

    /** A suggestion this viewer may see (the one rule: {@link app.fanloop.member.Visibility}), or 404. */
    public Suggestion visible(long id) {
        Suggestion s = Suggestion.loadFull(id);
        if (s == null || !viewer.visibility().maySee(s.hidden, s.author.id)) {
            throw new NotFoundException();
        }
        return s;
    }

    /**
     * A suggestion the viewer may rewrite: its author while it is open to edits (not locked, merged
     * or shipped, on a live board), or an admin at any time; an admin's edit of another member's post
     * is audited.
     */
    public Suggestion editable(long id) {
        viewer.requireVoice();
        Suggestion s = visible(id);
        viewer.requireAuthorOrAdmin(s.author.id);
        if (!viewer.isAdmin() && s.isClosedToAuthor()) {
            throw new Conflict();
        }
        return s;
    }

    /** A comment the viewer may rewrite: the same rule as {@link #editable(long)}, on the comment's suggestion. */
    public Comment editableComment(long commentId) {
        viewer.requireVoice();
        Comment c = visibleComment(commentId);
        viewer.requireAuthorOrAdmin(c.author.id);
        if (!viewer.isAdmin() && (c.suggestion.isClosedToAuthor() || c.hidden)) {
            throw new Conflict();
        }
        return c;
    }

    /** A suggestion whose earlier versions the viewer may read (its author, admins), or 404 like a hidden post. */
    public Suggestion withHistory(long id) {
        Suggestion s = visible(id);
        if (!viewer.visibility().mayReadHistory(s.author.id)) {
            throw new NotFoundException();
        }
        return s;
    }

    /** A comment whose earlier versions the viewer may read, or 404. */
    public Comment commentWithHistory(long commentId) {
        Comment c = visibleComment(commentId);
        if (!viewer.visibility().mayReadHistory(c.author.id)) {
            throw new NotFoundException();
        }
        return c;
    }

    /** Whether the viewer may rewrite this suggestion (for the page's edit link; {@link #editable} decides). */
    public boolean mayEdit(Suggestion s) {
        return viewer.isAdmin() || viewer.is(s.author) && !s.isClosedToAuthor() && viewer.sanction().isEmpty();
    }

    @Transactional
    public Suggestion create(String boardSlug, SuggestionForm form) {
        Member author = viewer.requireVoice();
        Board board = Board.findBySlug(boardSlug).orElseThrow(NotFoundException::new);
        if (board.archived) {
            throw new Conflict();
        }
        SuggestionKind kind = checked(form, board);
        limits.hit(RateLimiter.POST, author);
        Instant now = Instant.now();
        Suggestion s = new Suggestion();
        s.board = board;
        s.author = author;
        s.kind = kind;
        apply(s, form);
        s.createdAt = now;
        s.trending = trending.exponent(now);
        s.persist();
        searchIndex.suggestionWritten(s);
        em.createNativeQuery("update board set suggestion_count = suggestion_count + 1 where id = :id")
                .setParameter("id", board.id).executeUpdate();
        follow(s, author);
        honours.posted(s);
        events.boardPost(author, board.id, s.id, Map.of("title", s.title, "board", board.slug));
        return s;
    }

    @Transactional
    public Suggestion edit(long id, SuggestionForm form) {
        Suggestion s = editable(id);
        Member editor = viewer.requireVoice();
        forms.validate(form);
        SuggestionForm sameKind = new SuggestionForm(s.kind.name(), form.title(), form.body(), form.deviceModel(),
                form.systemVersion(), form.frequency(), form.steps());
        checked(sameKind, null);
        if (SuggestionForm.of(s).equals(normalized(sameKind, s.kind))) {
            return s;
        }
        Revision previous = new Revision();
        previous.suggestion = s;
        previous.editor = editor;
        previous.title = s.title;
        previous.body = s.body;
        previous.deviceModel = s.deviceModel;
        previous.systemVersion = s.systemVersion;
        previous.frequency = s.frequency;
        previous.steps = s.steps;
        previous.writtenAt = s.editedAt == null ? s.createdAt : s.editedAt;
        previous.persist();
        apply(s, sameKind);
        s.editedAt = Instant.now();
        searchIndex.suggestionWritten(s);
        if (!editor.id.equals(s.author.id)) {
            audit.record(editor, "edit", "suggestion", s.id, AuditLog.of("title", previous.title, "revision", previous.id),
                    AuditLog.of("title", s.title), null);
        }
        return s;
    }

    /**
     * Casts or withdraws the viewer's vote. {@code wanted} null toggles; true or false asks for that
     * state, so a repeated form submission does not flip it back. A member counts once per
     * suggestion, also when a merge brought them a second vote.
     */
    @Transactional
    public VoteState vote(long id, Boolean wanted) {
        Member member = viewer.requireVoice();
        Suggestion s = actionable(id);
        limits.hit(RateLimiter.VOTE, member);
        boolean has = hasVoted(s.id, member.id);
        boolean want = wanted == null ? !has : wanted;
        if (want && !has) {
            Instant now = Instant.now();
            @SuppressWarnings("unchecked")
            List<Number> inserted = em.createNativeQuery("""
                    insert into vote (suggestion_id, cast_on_id, member_id, created_at)
                    values (:s, :s, :m, :now) on conflict (cast_on_id, member_id) do nothing returning id""")
                    .setParameter("s", s.id).setParameter("m", member.id).setParameter("now", now)
                    .getResultList();
            if (!inserted.isEmpty()) {
                Number count = (Number) em.createNativeQuery("update suggestion set vote_count = vote_count + 1, trending = "
                        + Trending.ADD + " where id = :id returning vote_count")
                        .setParameter("x", trending.exponent(now)).setParameter("id", s.id)
                        .getSingleResult();
                // Member rows are locked last in every transaction (see Honours), after the suggestion's.
                honours.voted(inserted.get(0).longValue(), s, member.id);
                follow(s, member);
                adjustDemand(s, member, true);
                return new VoteState(s.id, true, count.intValue());
            }
        } else if (!want && has) {
            @SuppressWarnings("unchecked")
            List<Object[]> removedRows = em.createNativeQuery(
                    "delete from vote where suggestion_id = :s and member_id = :m returning id, created_at")
                    .setParameter("s", s.id).setParameter("m", member.id).getResultList();
            List<Instant> removed = removedRows.stream().map(r -> toInstant(r[1])).toList();
            for (int i = 0; i < removed.size(); i++) {
                em.createNativeQuery("update suggestion set vote_count = vote_count - " + (i == 0 ? 1 : 0)
                        + ", trending = " + Trending.REMOVE + " where id = :id")
                        .setParameter("x", trending.exponent(removed.get(i)))
                        .setParameter("epoch", trending.epochSeconds())
                        .setParameter("halfLife", trending.halfLifeSeconds())
                        .setParameter("id", s.id)
                        .executeUpdate();
            }
            if (!removed.isEmpty()) {
                adjustDemand(s, member, false);
            }
            honours.votesWithdrawn(removedRows.stream().map(r -> ((Number) r[0]).longValue()).toList());
        }
        return new VoteState(s.id, hasVoted(s.id, member.id), currentVotes(s.id));
    }

    /** The feature item's demand (distinct voters, {@link FeatureDemand}) follows the vote. */
    private void adjustDemand(Suggestion s, Member member, boolean added) {
        if (s.featureItemId != null) {
            demand.voteChanged(s.featureItemId, member.id, added);
        }
    }

    /** Follows or unfollows a suggestion; {@code wanted} null toggles. */
    @Transactional
    public FollowState follow(long id, Boolean wanted) {
        Member member = viewer.requireMember();
        Suggestion s = visible(id);
        boolean following = isFollowing(s.id, member.id);
        boolean want = wanted == null ? !following : wanted;
        if (want && !following) {
            follow(s, member);
        } else if (!want && following) {
            int removed = em.createNativeQuery("delete from suggestion_follow where suggestion_id = :s and member_id = :m")
                    .setParameter("s", s.id).setParameter("m", member.id).executeUpdate();
            if (removed == 1) {
                em.createNativeQuery("update suggestion set follower_count = follower_count - 1 where id = :id")
                        .setParameter("id", s.id).executeUpdate();
            }
        }
        return new FollowState(s.id, want, currentFollowers(s.id));
    }

    @Transactional
    public Comment comment(long suggestionId, CommentForm form) {
        Member author = viewer.requireVoice();
        Suggestion s = actionable(suggestionId);
        forms.validate(form);
        if (form.official() && !viewer.isStaff()) {
            throw new ForbiddenException();
        }
        limits.hit(RateLimiter.COMMENT, author);
        Comment parent = null;
        if (form.parentId() != null) {
            parent = Comment.findById(form.parentId());
            if (parent == null || !parent.suggestion.id.equals(s.id)) {
                throw new FormInvalid("parentId", "parent");
            }
            // Replies stay one level deep: answering a reply answers its thread.
            if (parent.parent != null) {
                parent = parent.parent;
            }
        }
        Comment c = new Comment();
        c.suggestion = s;
        c.parent = parent;
        c.author = author;
        c.body = form.body().strip();
        c.bodyHtml = markdown.toHtml(c.body);
        c.official = form.official();
        c.createdAt = Instant.now();
        c.persist();
        searchIndex.commentWritten(c);
        em.createNativeQuery("update suggestion set comment_count = comment_count + 1 where id = :id")
                .setParameter("id", s.id).executeUpdate();
        honours.commented(c);
        if (c.official) {
            em.createNativeQuery("""
                    update suggestion set official_comment_id = :c, first_response_at = coalesce(first_response_at, :at)
                    where id = :id""")
                    .setParameter("c", c.id).setParameter("at", c.createdAt).setParameter("id", s.id).executeUpdate();
            events.suggestion(EventKind.OFFICIAL_RESPONSE, author, s.id, c.id, Map.of("excerpt", excerpt(c.body)));
            audit.record(author, "official_response", "suggestion", s.id, null, AuditLog.of("comment", c.id), null);
        }
        if (parent != null) {
            em.createNativeQuery("update comment set reply_count = reply_count + 1 where id = :id")
                    .setParameter("id", parent.id).executeUpdate();
            // An official answer already tells everyone who follows; the replied-to author needs no second word.
            if (!parent.author.id.equals(author.id) && !c.official) {
                events.reply(author, s.id, c.id, parent.author.id, Map.of("excerpt", excerpt(c.body)));
            }
        }
        follow(s, author);
        return c;
    }

    @Transactional
    public Comment editComment(long commentId, String body) {
        Comment c = editableComment(commentId);
        Member editor = viewer.requireVoice();
        forms.validate(new CommentForm(body, null, false));
        String text = body.strip();
        if (text.equals(c.body)) {
            return c;
        }
        Revision previous = new Revision();
        previous.comment = c;
        previous.editor = editor;
        previous.body = c.body;
        previous.writtenAt = c.editedAt == null ? c.createdAt : c.editedAt;
        previous.persist();
        c.body = text;
        c.bodyHtml = markdown.toHtml(text);
        c.editedAt = Instant.now();
        searchIndex.commentWritten(c);
        if (!editor.id.equals(c.author.id)) {
            audit.record(editor, "edit", "comment", c.id, AuditLog.of("revision", previous.id), null, null);
        }
        return c;
    }

    public Comment visibleComment(long commentId) {
        Comment c = Comment.find("from Comment c join fetch c.author join fetch c.suggestion s join fetch s.author where c.id = ?1",
                commentId).firstResult();
        if (c == null) {
            throw new NotFoundException();
        }
        visible(c.suggestion.id);
        if (!viewer.visibility().maySee(c.hidden, c.author.id)) {
            throw new NotFoundException();
        }
        return c;
    }

    /** A PM or admin moves a suggestion along its statuses; the timeline keeps who, when and why. */
    @Transactional
    public StatusChange changeStatus(long id, StatusForm form) {
        Member actor = viewer.requireStaff();
        Suggestion s = visible(id);
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
            Map<String, Object> payload = new java.util.HashMap<>();
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
        honours.reached(s, to);
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

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.sql.Timestamp) value).toInstant();
    }

    private static String excerpt(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }

    /** Whether the member voted for and follows the suggestion, in one statement. */
    public boolean[] voteAndFollow(long suggestionId, Long memberId) {
        if (memberId == null) {
            return new boolean[] { false, false };
        }
        Object[] row = (Object[]) em.createNativeQuery("""
                select exists (select 1 from vote where suggestion_id = :s and member_id = :m),
                       exists (select 1 from suggestion_follow where suggestion_id = :s and member_id = :m)""")
                .setParameter("s", suggestionId).setParameter("m", memberId).getSingleResult();
        return new boolean[] { (Boolean) row[0], (Boolean) row[1] };
    }

    public boolean hasVoted(long suggestionId, Long memberId) {
        return memberId != null && !em.createNativeQuery("select 1 from vote where suggestion_id = :s and member_id = :m")
                .setParameter("s", suggestionId).setParameter("m", memberId).setMaxResults(1).getResultList().isEmpty();
    }

    public boolean isFollowing(long suggestionId, Long memberId) {
        return memberId != null && !em.createNativeQuery(
                "select 1 from suggestion_follow where suggestion_id = :s and member_id = :m")
                .setParameter("s", suggestionId).setParameter("m", memberId).getResultList().isEmpty();
    }

    /** Which of these suggestions the member has voted for, in one statement. */
    @SuppressWarnings("unchecked")
    public java.util.Set<Long> votedAmong(List<Long> suggestionIds, Long memberId) {
        if (memberId == null || suggestionIds.isEmpty()) {
            return java.util.Set.of();
        }
        List<Number> ids = em.createNativeQuery(
                "select distinct suggestion_id from vote where member_id = :m and suggestion_id in (:ids)")
                .setParameter("m", memberId).setParameter("ids", suggestionIds).getResultList();
        java.util.Set<Long> voted = new java.util.HashSet<>();
        ids.forEach(n -> voted.add(n.longValue()));
        return voted;
    }

    /** A suggestion open to votes and comments: visible, not locked, not merged, on a live board. */
    private Suggestion actionable(long id) {
        Suggestion s = visible(id);
        if (s.locked || s.status == SuggestionStatus.MERGED || s.board.archived) {
            throw new Conflict();
        }
        return s;
    }

    private void follow(Suggestion s, Member member) {
        int added = em.createNativeQuery("""
                insert into suggestion_follow (suggestion_id, member_id) values (:s, :m)
                on conflict do nothing""")
                .setParameter("s", s.id).setParameter("m", member.id).executeUpdate();
        if (added == 1) {
            em.createNativeQuery("update suggestion set follower_count = follower_count + 1 where id = :id")
                    .setParameter("id", s.id).executeUpdate();
        }
    }

    private int currentVotes(long id) {
        return ((Number) em.createNativeQuery("select vote_count from suggestion where id = :id")
                .setParameter("id", id).getSingleResult()).intValue();
    }

    private int currentFollowers(long id) {
        return ((Number) em.createNativeQuery("select follower_count from suggestion where id = :id")
                .setParameter("id", id).getSingleResult()).intValue();
    }

    /** Validates the form, including the rules that depend on the kind and the board. */
    private SuggestionKind checked(SuggestionForm form, Board board) {
        List<FormInvalid.Problem> problems = new ArrayList<>();
        try {
            forms.validate(form);
        } catch (FormInvalid invalid) {
            problems.addAll(invalid.problems());
        }
        SuggestionKind kind = SuggestionKind.parse(form.kind());
        if (kind == null) {
            problems.add(new FormInvalid.Problem("kind", FieldErrors.INVALID, null));
        } else if (board != null && !board.accepts(kind)) {
            problems.add(new FormInvalid.Problem("kind", "kind_not_accepted", null));
        }
        if (kind == SuggestionKind.BUG) {
            requireFilled(problems, "deviceModel", form.deviceModel());
            requireFilled(problems, "systemVersion", form.systemVersion());
            requireFilled(problems, "steps", form.steps());
            if (Frequency.parse(form.frequency()) == null) {
                problems.add(new FormInvalid.Problem("frequency", FieldErrors.REQUIRED, null));
            }
        }
        if (!problems.isEmpty()) {
            throw new FormInvalid(problems);
        }
        return kind;
    }

    private static void requireFilled(List<FormInvalid.Problem> problems, String field, String value) {
        if ((value == null || value.isBlank()) && problems.stream().noneMatch(p -> p.field().equals(field))) {
            problems.add(new FormInvalid.Problem(field, FieldErrors.REQUIRED, null));
        }
    }

    private void apply(Suggestion s, SuggestionForm form) {
        s.title = form.title().strip();
        s.body = form.body().strip();
        s.bodyHtml = markdown.toHtml(s.body);
        if (s.kind == SuggestionKind.BUG) {
            s.deviceModel = form.deviceModel().strip();
            s.systemVersion = form.systemVersion().strip();
            s.frequency = Frequency.parse(form.frequency());
            s.steps = form.steps().strip();
        }
    }

    private static SuggestionForm normalized(SuggestionForm form, SuggestionKind kind) {
        boolean bug = kind == SuggestionKind.BUG;
        Frequency frequency = Frequency.parse(form.frequency());
        return new SuggestionForm(kind.name(), form.title().strip(), form.body().strip(),
                bug ? form.deviceModel().strip() : null, bug ? form.systemVersion().strip() : null,
                bug && frequency != null ? frequency.name() : "", bug ? form.steps().strip() : null);
    }

    public record VoteState(long suggestionId, boolean voted, int votes) {
    }

    public record FollowState(long suggestionId, boolean following, int followers) {
    }
}
