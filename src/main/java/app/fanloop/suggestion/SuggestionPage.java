package app.fanloop.suggestion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.fanloop.member.Viewer;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.Page;

/**
 * Everything the suggestion page shows, loaded in a fixed number of statements whatever the
 * number of comments: the suggestion with board and author, the official response, one page of
 * threads with their replies, the timeline and the viewer's vote and follow.
 */
public record SuggestionPage(
        Suggestion suggestion,
        Comment official,
        Page<Thread> threads,
        List<StatusChange> timeline,
        boolean voted,
        boolean following,
        boolean canEdit,
        CommentDraft draft,
        StatusDraft statusDraft) {

    public static final int THREADS_PER_PAGE = 50;

    /** A top-level comment with its replies. */
    public record Thread(Comment comment, List<Comment> replies) {
    }

    /** A comment the member is writing, kept with its errors after a failed post. */
    public record CommentDraft(String body, Long parentId, boolean official, FieldErrors errors) {
        public static CommentDraft empty() {
            return new CommentDraft("", null, false, FieldErrors.none());
        }
    }

    /** A status change being made, kept with its errors after a failed post. */
    public record StatusDraft(String status, String note, FieldErrors errors) {
        public static StatusDraft empty() {
            return new StatusDraft("", "", FieldErrors.none());
        }
    }

    public static SuggestionPage load(SuggestionService service, Viewer viewer, long id, int threadPage,
            CommentDraft draft, StatusDraft statusDraft) {
        Suggestion s = service.visible(id);
        Comment official = null;
        if (s.officialComment != null) {
            official = Comment.find("from Comment c join fetch c.author where c.id = ?1", s.officialComment.id)
                    .firstResult();
        }
        int page = Math.max(1, threadPage);
        List<Comment> top = Comment.<Comment> find(
                "from Comment c join fetch c.author where c.suggestion.id = ?1 and c.parent is null order by c.createdAt, c.id",
                s.id).range((page - 1) * THREADS_PER_PAGE, page * THREADS_PER_PAGE).list();
        Page<Comment> topPage = Page.of(top, page, THREADS_PER_PAGE);
        Map<Long, List<Comment>> replies = new LinkedHashMap<>();
        topPage.items().forEach(c -> replies.put(c.id, new ArrayList<>()));
        List<Long> withReplies = topPage.items().stream().filter(c -> c.replyCount > 0).map(c -> c.id).toList();
        if (!withReplies.isEmpty()) {
            Comment.<Comment> find("from Comment c join fetch c.author where c.parent.id in ?1 order by c.createdAt, c.id",
                    withReplies).list()
                    .forEach(reply -> replies.get(reply.parent.id).add(reply));
        }
        List<Thread> threads = topPage.items().stream().map(c -> new Thread(c, replies.get(c.id))).toList();
        Long me = viewer.id();
        return new SuggestionPage(s, official,
                new Page<>(threads, topPage.number(), topPage.hasNext()),
                StatusChange.timeline(s.id),
                service.hasVoted(s.id, me),
                service.isFollowing(s.id, me),
                viewer.is(s.author) || viewer.isAdmin(),
                draft, statusDraft);
    }

    /** The last note a PM gave when declining, shown beside the status. */
    public String declineReason() {
        for (int i = timeline.size() - 1; i >= 0; i--) {
            StatusChange change = timeline.get(i);
            if (change.toStatus == SuggestionStatus.DECLINED) {
                return change.note;
            }
        }
        return null;
    }

    public boolean isOpenForActions() {
        return !suggestion.locked && suggestion.status != SuggestionStatus.MERGED && !suggestion.board.archived;
    }

    public List<SuggestionStatus> settableStatuses() {
        return SuggestionStatus.SETTABLE;
    }

    public List<Frequency> frequencies() {
        return List.of(Frequency.values());
    }
}
