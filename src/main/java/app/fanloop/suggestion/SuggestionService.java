package app.fanloop.suggestion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.search.SearchIndex;
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
    private final SearchIndex searchIndex;

    SuggestionService(EntityManager em, Viewer viewer, Forms forms, Markdown markdown, Trending trending,
            SearchIndex searchIndex) {
        this.em = em;
        this.viewer = viewer;
        this.forms = forms;
        this.markdown = markdown;
        this.trending = trending;
        this.searchIndex = searchIndex;
    }

    /** A suggestion this viewer may see: hidden ones only for admins and their author. */
    public Suggestion visible(long id) {
        Suggestion s = Suggestion.loadFull(id);
        if (s == null || (s.hidden && !viewer.isAdmin() && !viewer.is(s.author))) {
            throw new NotFoundException();
        }
        return s;
    }

    @Transactional
    public Suggestion create(String boardSlug, SuggestionForm form) {
        Member author = viewer.require();
        Board board = Board.findBySlug(boardSlug).orElseThrow(NotFoundException::new);
        if (board.archived) {
            throw new Conflict();
        }
        SuggestionKind kind = checked(form, board);
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
        return s;
    }

    @Transactional
    public Suggestion edit(long id, SuggestionForm form) {
        Member editor = viewer.require();
        Suggestion s = visible(id);
        if (!viewer.is(s.author) && !viewer.isAdmin()) {
            throw new ForbiddenException();
        }
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
        return s;
    }

    /**
     * Casts or withdraws the viewer's vote. {@code wanted} null toggles; true or false asks for that
     * state, so a repeated form submission does not flip it back.
     */
    @Transactional
    public VoteState vote(long id, Boolean wanted) {
        Member member = viewer.require();
        Suggestion s = actionable(id);
        Instant now = Instant.now();
        boolean inserted = false;
        if (!Boolean.FALSE.equals(wanted)) {
            inserted = em.createNativeQuery("""
                    insert into vote (suggestion_id, cast_on_id, member_id, created_at)
                    values (:s, :s, :m, :now) on conflict (cast_on_id, member_id) do nothing""")
                    .setParameter("s", s.id).setParameter("m", member.id).setParameter("now", now)
                    .executeUpdate() == 1;
        }
        if (inserted) {
            Object[] row = (Object[]) em.createNativeQuery("update suggestion set vote_count = vote_count + 1, trending = "
                    + Trending.ADD + " where id = :id returning vote_count, trending")
                    .setParameter("x", trending.exponent(now)).setParameter("id", s.id)
                    .getSingleResult();
            follow(s, member);
            return new VoteState(s.id, true, ((Number) row[0]).intValue());
        }
        if (Boolean.TRUE.equals(wanted)) {
            return new VoteState(s.id, true, currentVotes(s.id));
        }
        @SuppressWarnings("unchecked")
        List<Instant> removed = em.createNativeQuery(
                "delete from vote where cast_on_id = :s and member_id = :m returning created_at", Instant.class)
                .setParameter("s", s.id).setParameter("m", member.id).getResultList();
        if (removed.isEmpty()) {
            return new VoteState(s.id, false, currentVotes(s.id));
        }
        Number count = (Number) em.createNativeQuery("update suggestion set vote_count = vote_count - 1, trending = "
                + Trending.REMOVE + " where id = :id returning vote_count")
                .setParameter("x", trending.exponent(removed.get(0)))
                .setParameter("epoch", trending.epochSeconds())
                .setParameter("halfLife", trending.halfLifeSeconds())
                .setParameter("id", s.id)
                .getSingleResult();
        return new VoteState(s.id, false, count.intValue());
    }

    /** Follows or unfollows a suggestion; {@code wanted} null toggles. */
    @Transactional
    public FollowState follow(long id, Boolean wanted) {
        Member member = viewer.require();
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
        Member author = viewer.require();
        Suggestion s = actionable(suggestionId);
        forms.validate(form);
        if (form.official() && !viewer.isStaff()) {
            throw new ForbiddenException();
        }
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
        if (c.official) {
            em.createNativeQuery("update suggestion set official_comment_id = :c where id = :id")
                    .setParameter("c", c.id).setParameter("id", s.id).executeUpdate();
        }
        if (parent != null) {
            em.createNativeQuery("update comment set reply_count = reply_count + 1 where id = :id")
                    .setParameter("id", parent.id).executeUpdate();
        }
        follow(s, author);
        return c;
    }

    @Transactional
    public Comment editComment(long commentId, String body) {
        Member editor = viewer.require();
        Comment c = visibleComment(commentId);
        if (!viewer.is(c.author) && !viewer.isAdmin()) {
            throw new ForbiddenException();
        }
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
        return c;
    }

    public Comment visibleComment(long commentId) {
        Comment c = Comment.find("from Comment c join fetch c.author join fetch c.suggestion s join fetch s.author where c.id = ?1",
                commentId).firstResult();
        if (c == null) {
            throw new NotFoundException();
        }
        visible(c.suggestion.id);
        if (c.hidden && !viewer.isAdmin() && !viewer.is(c.author)) {
            throw new NotFoundException();
        }
        return c;
    }

    /** A PM or admin moves a suggestion along its statuses; the timeline keeps who, when and why. */
    @Transactional
    public StatusChange changeStatus(long id, StatusForm form) {
        Member actor = viewer.require();
        if (!viewer.isStaff()) {
            throw new ForbiddenException();
        }
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
        StatusChange change = new StatusChange();
        change.suggestion = s;
        change.actor = actor;
        change.fromStatus = s.status;
        change.toStatus = to;
        change.note = note;
        change.persist();
        s.status = to;
        s.statusChangedAt = change.createdAt;
        return change;
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
