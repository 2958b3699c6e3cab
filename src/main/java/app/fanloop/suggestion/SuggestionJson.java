package app.fanloop.suggestion;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import app.fanloop.member.Viewer;
import app.fanloop.web.ApiList;
import app.fanloop.web.Cursor;

/** What the JSON API shows of suggestions, comments and their timeline: plain values, made from what the pages load. */
public final class SuggestionJson {

    private SuggestionJson() {
    }

    @Schema(name = "Author", description = "A member as a post shows them.")
    public record Author(long id, String name, int level) {
        static Author of(app.fanloop.member.Member m) {
            return new Author(m.id, m.name, m.level);
        }

        static Author of(SuggestionRow.Author a) {
            return new Author(a.id(), a.name(), a.level());
        }
    }

    @Schema(name = "SuggestionSummary", description = "A suggestion or bug report as a list shows it.")
    public record Summary(long id, String board, SuggestionKind kind, String title, SuggestionStatus status,
            boolean pinned, boolean locked, int votes, int comments, Instant createdAt, Author author,
            @Schema(description = "Whether the caller has voted; absent for visitors.", nullable = true) Boolean voted) {

        static Summary of(SuggestionRow row, Set<Long> voted, boolean signedIn) {
            return new Summary(row.id(), row.board().slug, row.kind(), row.title(), row.status(), row.pinned(),
                    row.locked(), row.voteCount(), row.commentCount(), row.createdAt(), Author.of(row.author()),
                    signedIn ? voted.contains(row.id()) : null);
        }
    }

    @Schema(name = "SuggestionRef", description = "A suggestion named from elsewhere (a roadmap item, a release line).")
    public record Ref(long id, String title, String board, SuggestionStatus status, int votes) {
        /** Of a suggestion loaded with its board (or within reach of its session). */
        public static Ref of(Suggestion s) {
            return new Ref(s.id, s.title, s.board.slug, s.status, s.voteCount);
        }
    }

    @Schema(name = "Bug", description = "What a bug report adds.")
    public record Bug(String deviceModel, String systemVersion, Frequency frequency, String steps) {
    }

    @Schema(name = "Suggestion", description = "One suggestion with its official response, timeline and first page of comments.")
    public record Detail(long id, String board, SuggestionKind kind, String title,
            @Schema(description = "Markdown as written.") String body,
            @Schema(description = "The sanitised HTML of the body.") String bodyHtml,
            @Schema(nullable = true) Bug bug, SuggestionStatus status, int votes, int comments, int followers,
            boolean pinned, boolean locked, boolean hidden, Instant createdAt,
            @Schema(nullable = true) Instant editedAt, @Schema(nullable = true) Instant statusChangedAt,
            Author author, @Schema(nullable = true) Long mergedInto,
            @Schema(nullable = true) CommentView officialResponse,
            @Schema(nullable = true) SuggestionPage.LinkedFeature featureItem,
            @Schema(nullable = true) SuggestionPage.ShippedIn shippedIn,
            List<TimelineEntry> timeline, ApiList<CommentView> threads,
            @Schema(description = "The caller's own relation to it; absent for visitors.", nullable = true) Mine mine) {
    }

    @Schema(name = "Mine", description = "The caller's own relation to a suggestion.")
    public record Mine(boolean voted, boolean following, boolean mayEdit) {
    }

    @Schema(name = "TimelineEntry", description = "A status change, merge or shipping of the suggestion.")
    public record TimelineEntry(TimelineEvent event, @Schema(nullable = true) SuggestionStatus from,
            SuggestionStatus to, @Schema(nullable = true) String note, Author actor, Instant at,
            @Schema(nullable = true) Long relatedSuggestion, @Schema(nullable = true) Long featureItem,
            @Schema(nullable = true) Long release) {

        static TimelineEntry of(StatusChange c, Viewer viewer) {
            // A related suggestion the reader may not see stays unnamed, as on the page.
            Long related = c.relatedSuggestion != null
                    && viewer.visibility().maySee(c.relatedSuggestion.hidden, c.relatedSuggestion.author.id)
                            ? c.relatedSuggestion.id : null;
            return new TimelineEntry(c.event, c.fromStatus, c.toStatus, c.note, Author.of(c.actor), c.createdAt, related,
                    c.featureItemId, c.releaseId);
        }
    }

    @Schema(name = "Comment", description = "A comment, reply or official response; a hidden one the caller may not read shows only its place.")
    public record CommentView(long id, @Schema(nullable = true) Long parentId, boolean official, boolean hidden,
            @Schema(nullable = true) Author author, @Schema(nullable = true) String body,
            @Schema(nullable = true) String bodyHtml, Instant createdAt, @Schema(nullable = true) Instant editedAt,
            @Schema(description = "Replies (one level).") List<CommentView> replies) {

        static CommentView of(Comment c, List<Comment> replies, Viewer viewer) {
            List<CommentView> answers = replies.stream().map(r -> of(r, List.of(), viewer)).toList();
            Long parent = c.parent == null ? null : c.parent.id;
            if (!viewer.visibility().maySee(c.hidden, c.author.id)) {
                return new CommentView(c.id, parent, c.official, true, null, null, null, c.createdAt, null, answers);
            }
            return new CommentView(c.id, parent, c.official, c.hidden, Author.of(c.author), c.body, c.bodyHtml,
                    c.createdAt, c.editedAt, answers);
        }

        static CommentView of(SuggestionPage.Thread t, Viewer viewer) {
            return of(t.comment(), t.replies(), viewer);
        }

        /** Where the thread list continues after this thread (threads go oldest first). */
        static Cursor after(SuggestionPage.Thread t) {
            return Cursor.of(t.comment().createdAt, t.comment().id);
        }
    }

    @Schema(name = "Vote", description = "The caller's vote after the call, and the count.")
    public record VoteView(long suggestion, boolean voted, int votes) {
    }

    @Schema(name = "Follow", description = "Whether the caller follows, after the call, and the count.")
    public record FollowView(long suggestion, boolean following, int followers) {
    }

    @Schema(name = "CommentInput", description = "A comment; `parentId` makes it a reply.")
    public record CommentInput(@Schema(required = true, maxLength = 20000) String body,
            @Schema(nullable = true) Long parentId) {
    }

    @Schema(name = "StatusInput", description = "A new status with a note (required when declining).")
    public record StatusInput(@Schema(required = true) String status, @Schema(nullable = true, maxLength = 2000) String note) {
    }

    @Schema(name = "SuggestionInput", description = "A suggestion or bug report; the bug fields are required for bugs.")
    public record SuggestionInput(
            @Schema(enumeration = { "SUGGESTION", "BUG" }, defaultValue = "SUGGESTION", nullable = true) String kind,
            @Schema(required = true, minLength = 2, maxLength = 120) String title,
            @Schema(required = true, maxLength = 20000) String body,
            @Schema(nullable = true, maxLength = 80) String deviceModel,
            @Schema(nullable = true, maxLength = 80) String systemVersion,
            @Schema(nullable = true, enumeration = { "ALWAYS", "OFTEN", "SOMETIMES", "RARELY" }) String frequency,
            @Schema(nullable = true, maxLength = 5000) String steps) {

        SuggestionForm form() {
            return new SuggestionForm(kind == null ? SuggestionKind.SUGGESTION.name() : kind, title, body, deviceModel, systemVersion, frequency, steps);
        }
    }
}
