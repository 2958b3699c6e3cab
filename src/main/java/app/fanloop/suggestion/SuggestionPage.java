package app.fanloop.suggestion;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import app.fanloop.attachment.Attachment;
import app.fanloop.attachment.AttachmentService;
import app.fanloop.board.Board;
import app.fanloop.member.Viewer;
import app.fanloop.member.Visibility;
import app.fanloop.poll.PollView;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.Page;
import app.fanloop.web.Pages;

/**
 * Everything the suggestion page shows, loaded in a fixed number of statements whatever the
 * number of comments: the suggestion with board and author, the official response, one page of
 * threads with their replies, the timeline. The viewer's vote and follow are slots of the page
 * ({@code {#personal}}), filled in per member by web/PageCache.
 */
public record SuggestionPage(
        Suggestion suggestion,
        Comment official,
        Page<Thread> threads,
        List<StatusChange> timeline,
        boolean canEdit,
        CommentDraft draft,
        StatusDraft statusDraft,
        Sparkline spark,
        LinkedFeature feature,
        List<Merged> mergedFrom,
        List<Board> boards,
        ShippedIn shippedIn,
        Files files,
        PollView poll) {

    /**
     * The files the page shows: the suggestion's pictures, its logs when the viewer may fetch them (the author and
     * staff), and the pictures of the comments on this page. At most two statements, none when there are no files.
     */
    public record Files(List<Attachment> images, List<Attachment> logs, Map<Long, List<Attachment>> byComment) {

        static Files load(Suggestion s, List<Thread> threads, Viewer viewer) {
            List<Attachment> own = s.imageCount + s.logCount == 0 ? List.of() : Attachment.ofSuggestion(s.id);
            List<Attachment> logs = own.stream().filter(Attachment::isLog).toList();
            if (!logs.isEmpty() && !viewer.mayReadPrivateFile(s.hidden, s.author.id, s.programId)) {
                logs = List.of();
            }
            List<Long> withImages = new ArrayList<>();
            for (Thread t : threads) {
                if (t.comment().imageCount > 0) {
                    withImages.add(t.comment().id);
                }
                t.replies().stream().filter(r -> r.imageCount > 0).forEach(r -> withImages.add(r.id));
            }
            return new Files(own.stream().filter(Attachment::isImage).toList(), logs, Attachment.ofComments(withImages));
        }

        /** A comment's pictures (none when it has none). */
        public List<Attachment> of(Comment c) {
            return byComment.getOrDefault(c.id, List.of());
        }
    }

    /** The published release that shipped the suggestion. */
    public record ShippedIn(long id, String version, String channel) {
        public String path() {
            return "/releases/" + id;
        }
    }

    /** The feature item behind the suggestion, as much as the page shows of it. */
    public record LinkedFeature(long id, String title, String status, boolean onRoadmap) {
    }

    /** A duplicate merged into this suggestion, with its latest comments, still readable here. */
    public record Merged(Suggestion suggestion, List<Comment> comments) {
    }

    /** Feature item statuses that the public roadmap shows. */
    static final List<String> ROADMAP_STATUSES = List.of("PLANNED", "IN_PROGRESS", "SHIPPED");
    /** How many comments of each merged duplicate the page shows. */
    static final int MERGED_COMMENTS = 20;

    public static final int THREADS_PER_PAGE = 50;
    /** The last page of threads anyone can ask for (50,000 threads). */
    static final int MAX_THREAD_PAGE = 1000;

    /** A top-level comment with its replies. */
    public record Thread(Comment comment, List<Comment> replies) {
    }

    /** A comment the member is writing, kept with its errors after a failed post. */
    public record CommentDraft(String body, Long parentId, boolean official, FieldErrors errors,
            AttachmentService.Upload upload) {
        public static CommentDraft empty() {
            return new CommentDraft("", null, false, FieldErrors.none(), null);
        }
    }

    /** A status change being made, kept with its errors after a failed post. */
    public record StatusDraft(String status, String note, FieldErrors errors) {
        public static StatusDraft empty() {
            return new StatusDraft("", "", FieldErrors.none());
        }
    }

    public static SuggestionPage load(PostingService posting, VoteHistory votes, Viewer viewer,
            long id, int threadPage, CommentDraft draft, StatusDraft statusDraft) {
        Suggestion s = posting.visible(id);
        Comment official = null;
        if (s.officialComment != null) {
            official = Comment.find("from Comment c join fetch c.author where c.id = ?1", s.officialComment.id)
                    .firstResult();
            if (official != null && !viewer.visibility().maySee(official.hidden, official.author.id, official.programId)) {
                // A hidden official response leaves the top of the page; the thread shows its placeholder.
                official = null;
            }
        }
        int page = Pages.clamp(threadPage, MAX_THREAD_PAGE);
        List<Comment> top = Comment.<Comment> find(
                "from Comment c join fetch c.author where c.suggestion.id = ?1 and c.parent is null order by c.createdAt, c.id",
                s.id).range((page - 1) * THREADS_PER_PAGE, page * THREADS_PER_PAGE).list();
        Page<Comment> topPage = Page.of(top, page, THREADS_PER_PAGE);
        List<Thread> threads = withReplies(topPage.items());
        return new SuggestionPage(s, official,
                new Page<>(threads, topPage.number(), topPage.hasNext()),
                StatusChange.timeline(s.id),
                posting.mayEdit(s),
                draft, statusDraft,
                votes.sparklines(List.of(s.id)).get(s.id),
                feature(s, viewer.isStaff()),
                mergedFrom(s, viewer.visibility()),
                viewer.isAdmin() ? Board.all() : List.of(),
                shippedIn(s.id),
                Files.load(s, threads, viewer),
                posting.poll(s).orElse(null));
    }

    /** Top-level comments with their replies, oldest first: one statement for all the replies. */
    static List<Thread> withReplies(List<Comment> top) {
        Map<Long, List<Comment>> replies = new LinkedHashMap<>();
        top.forEach(c -> replies.put(c.id, new ArrayList<>()));
        List<Long> answered = top.stream().filter(c -> c.replyCount > 0).map(c -> c.id).toList();
        if (!answered.isEmpty()) {
            Comment.<Comment> find("from Comment c join fetch c.author where c.parent.id in ?1 order by c.createdAt, c.id",
                    answered).list()
                    .forEach(reply -> replies.get(reply.parent.id).add(reply));
        }
        return top.stream().map(c -> new Thread(c, replies.get(c.id))).toList();
    }

    /**
     * For the API: up to {@code limit + 1} threads after the one a cursor names (null: from the first), by
     * their (time, id) instead of a page number, so new threads never shift a page.
     */
    static List<Thread> threadsAfter(long suggestionId, app.fanloop.web.Cursor cursor, int limit) {
        String after = cursor == null ? "" : " and (c.createdAt, c.id) > (:at, :id)";
        var query = Comment.getEntityManager().createQuery("from Comment c join fetch c.author"
                + " where c.suggestion.id = :s and c.parent is null" + after + " order by c.createdAt, c.id", Comment.class)
                .setParameter("s", suggestionId);
        if (cursor != null) {
            query.setParameter("at", cursor.instantAt(0)).setParameter("id", cursor.longAt(1));
        }
        return withReplies(query.setMaxResults(limit + 1).getResultList());
    }

    private static ShippedIn shippedIn(long suggestionId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = Suggestion.getEntityManager().createNativeQuery("""
                select r.id, r.version, r.channel from suggestion s join release r on r.id = s.shipped_release_id
                where s.id = :id and r.state = 'PUBLISHED'""").setParameter("id", suggestionId).getResultList();
        return rows.isEmpty() ? null
                : new ShippedIn(((Number) rows.get(0)[0]).longValue(), (String) rows.get(0)[1], (String) rows.get(0)[2]);
    }

    private static LinkedFeature feature(Suggestion s, boolean staff) {
        if (s.featureItemId == null) {
            return null;
        }
        Object[] row = (Object[]) Suggestion.getEntityManager()
                .createNativeQuery("select id, title, status from feature_item where id = :id")
                .setParameter("id", s.featureItemId).getSingleResult();
        String status = (String) row[2];
        boolean onRoadmap = ROADMAP_STATUSES.contains(status);
        return onRoadmap || staff ? new LinkedFeature(((Number) row[0]).longValue(), (String) row[1], status, onRoadmap)
                : null;
    }

    /** Duplicates merged into this one and their latest comments: two statements. */
    private static List<Merged> mergedFrom(Suggestion s, Visibility visibility) {
        List<Suggestion> merged = Suggestion.list(
                "from Suggestion m join fetch m.author where m.mergedInto.id = ?1 and " + visibility.jpql("m")
                        + " order by m.statusChangedAt desc, m.id desc", s.id);
        if (merged.isEmpty()) {
            return List.of();
        }
        Map<Long, List<Comment>> comments = new LinkedHashMap<>();
        merged.forEach(m -> comments.put(m.id, new ArrayList<>()));
        Comment.<Comment> list("from Comment c join fetch c.author where c.suggestion.id in ?1 and " + visibility.jpql("c")
                + " order by c.createdAt desc, c.id desc", new ArrayList<>(comments.keySet()))
                .forEach(c -> {
                    List<Comment> list = comments.get(c.suggestion.id);
                    if (list.size() < MERGED_COMMENTS) {
                        list.add(c);
                    }
                });
        return merged.stream().map(m -> new Merged(m, comments.get(m.id))).toList();
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
