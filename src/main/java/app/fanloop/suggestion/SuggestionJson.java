package app.fanloop.suggestion;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import app.fanloop.attachment.Attachment;
import app.fanloop.attachment.AttachmentKind;
import app.fanloop.member.Viewer;
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

    @Schema(name = "SuggestionSummary", description = "A suggestion or bug report as a list shows it.", example = """
            {"id": 1024, "board": "camera", "kind": "SUGGESTION", "title": "夜景模式增加手动快门", "status": "PLANNED", "pinned": false, "locked": false, "votes": 318, "comments": 27, "createdAt": "2026-11-20T08:15:00Z", "author": {"id": 42, "name": "米粉小王", "level": 3}, "voted": true}""")
    public record SuggestionSummary(long id, String board, SuggestionKind kind, String title, SuggestionStatus status,
            boolean pinned, boolean locked, int votes, int comments, Instant createdAt, Author author,
            @Schema(description = "Whether the caller has voted; null for visitors.", nullable = true) Boolean voted) {

        static SuggestionSummary of(SuggestionRow row, Set<Long> voted, boolean signedIn) {
            return new SuggestionSummary(row.id(), row.board().slug, row.kind(), row.title(), row.status(), row.pinned(),
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

    @Schema(name = "File", description = "An attachment: a picture (with a thumbnail) or a bug report's log; fetch it at `url`.",
            example = """
            {"id": 302, "kind": "LOG", "url": "/files/302", "thumbUrl": null, "contentType": "text/plain; charset=UTF-8", "fileName": "camera.log", "alt": "", "size": 20480, "width": null, "height": null}""")
    public record FileRef(long id, AttachmentKind kind, String url, @Schema(nullable = true) String thumbUrl,
            String contentType, String fileName, String alt, long size, @Schema(nullable = true) Integer width,
            @Schema(nullable = true) Integer height) {

        static FileRef of(Attachment a) {
            return new FileRef(a.id, a.kind, a.path(), a.thumbKey == null ? null : a.thumbPath(), a.contentType, a.fileName,
                    a.alt, a.byteSize, a.width, a.height);
        }
    }

    @Schema(name = "Bug", description = "What a bug report adds.")
    public record Bug(String deviceModel, String systemVersion, Frequency frequency, String steps,
            @Schema(nullable = true, description = "The build it was found on (bug reports on a beta program's private board).") String build) {
    }

    @Schema(name = "Suggestion", description = "One suggestion with its official response, timeline and first page of comments.",
            example = """
            {"id": 1024, "board": "camera", "kind": "SUGGESTION", "title": "夜景模式增加手动快门", "body": "希望夜景模式可以**手动**设置快门时间。", "bodyHtml": "<p>希望夜景模式可以<strong>手动</strong>设置快门时间。</p>", "bug": null, "files": [{"id": 301, "kind": "IMAGE", "url": "/files/301", "thumbUrl": "/files/301/thumb", "contentType": "image/png", "fileName": "night.png", "alt": "夜景模式的快门设置", "size": 482133, "width": 1080, "height": 2400}], "status": "PLANNED", "votes": 318, "comments": 27, "followers": 340, "pinned": false, "locked": false, "hidden": false, "createdAt": "2026-11-20T08:15:00Z", "editedAt": null, "statusChangedAt": "2026-11-22T09:00:00Z", "author": {"id": 42, "name": "米粉小王", "level": 3}, "mergedInto": null, "officialResponse": {"id": 5120, "parentId": null, "official": true, "hidden": false, "author": {"id": 7, "name": "Paula (PM)", "level": 9}, "body": "已收录，计划在 12 月开发版加入。", "bodyHtml": "<p>已收录，计划在 12 月开发版加入。</p>", "createdAt": "2026-11-21T02:00:00Z", "editedAt": null, "replies": []}, "featureItem": {"id": 88, "title": "Manual night shutter", "status": "PLANNED", "onRoadmap": true}, "shippedIn": null, "timeline": [{"event": "STATUS", "from": "OPEN", "to": "PLANNED", "note": "排期中", "actor": {"id": 7, "name": "Paula (PM)", "level": 9}, "at": "2026-11-22T09:00:00Z", "relatedSuggestion": null, "featureItem": null, "release": null}], "threads": {"items": [], "next": null}, "mine": {"voted": true, "following": true, "mayEdit": false}, "poll": null}""")
    public record Detail(long id, String board, SuggestionKind kind, String title,
            @Schema(description = "Markdown as written.") String body,
            @Schema(description = "The sanitised HTML of the body.") String bodyHtml,
            @Schema(nullable = true) Bug bug,
            @Schema(description = "Its pictures, and its logs when the caller may fetch them (its author, staff).") List<FileRef> files,
            SuggestionStatus status, int votes, int comments, int followers,
            boolean pinned, boolean locked, boolean hidden, Instant createdAt,
            @Schema(nullable = true) Instant editedAt, @Schema(nullable = true) Instant statusChangedAt,
            Author author, @Schema(nullable = true) Long mergedInto,
            @Schema(nullable = true) CommentView officialResponse,
            @Schema(nullable = true) SuggestionPage.LinkedFeature featureItem,
            @Schema(nullable = true) SuggestionPage.ShippedIn shippedIn,
            List<TimelineEntry> timeline, Cursor.Page<CommentView> threads,
            @Schema(description = "The caller's own relation to it; null for visitors.", nullable = true) Mine mine,
            @Schema(description = "Its poll, if it has one.", nullable = true) app.fanloop.poll.PollJson poll) {
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
                    && viewer.visibility().maySee(c.relatedSuggestion.hidden, c.relatedSuggestion.author.id,
                            c.relatedSuggestion.programId)
                            ? c.relatedSuggestion.id : null;
            return new TimelineEntry(c.event, c.fromStatus, c.toStatus, c.note, Author.of(c.actor), c.createdAt, related,
                    c.featureItemId, c.releaseId);
        }
    }

    @Schema(name = "Comment", description = "A comment, reply or official response; a hidden one the caller may not read shows only its place.",
            example = """
            {"id": 5120, "parentId": null, "official": true, "hidden": false, "author": {"id": 7, "name": "Paula (PM)", "level": 9}, "body": "已收录，计划在 12 月开发版加入。", "bodyHtml": "<p>已收录，计划在 12 月开发版加入。</p>", "createdAt": "2026-11-21T02:00:00Z", "editedAt": null, "replies": []}""")
    public record CommentView(long id, @Schema(nullable = true) Long parentId, boolean official, boolean hidden,
            @Schema(nullable = true) Author author, @Schema(nullable = true) String body,
            @Schema(nullable = true) String bodyHtml, Instant createdAt, @Schema(nullable = true) Instant editedAt,
            @Schema(description = "Replies (one level).") List<CommentView> replies) {

        static CommentView of(Comment c, List<Comment> replies, Viewer viewer) {
            List<CommentView> answers = replies.stream().map(r -> of(r, List.of(), viewer)).toList();
            Long parent = c.parent == null ? null : c.parent.id;
            if (!viewer.visibility().maySee(c.hidden, c.author.id, c.programId)) {
                return new CommentView(c.id, parent, c.official, true, null, null, null, c.createdAt, null, answers);
            }
            return new CommentView(c.id, parent, c.official, c.hidden, Author.of(c.author), c.body, c.bodyHtml,
                    c.createdAt, c.editedAt, answers);
        }

        static CommentView of(SuggestionPage.Thread t, Viewer viewer) {
            return of(t.comment(), t.replies(), viewer);
        }

        /** Where the thread list continues after this thread (threads go oldest first). */
        static String after(SuggestionPage.Thread t) {
            return Cursor.of(t.comment().createdAt, t.comment().id);
        }
    }

    @Schema(name = "Vote", description = "The caller's vote after the call, and the count.", example = """
            {"suggestion": 1024, "voted": true, "votes": 319}""")
    public record VoteView(long suggestion, boolean voted, int votes) {
    }

    @Schema(name = "Follow", description = "Whether the caller follows, after the call, and the count.", example = """
            {"suggestion": 1024, "following": true, "followers": 341}""")
    public record FollowView(long suggestion, boolean following, int followers) {
    }

    @Schema(name = "CommentInput", description = "A comment; `parentId` makes it a reply.", example = """
            {"body": "同求，夜景拍星空很需要。", "parentId": null}""")
    public record CommentInput(@Schema(required = true, maxLength = 20000) String body,
            @Schema(nullable = true) Long parentId) {
    }

    @Schema(name = "StatusInput", description = "A new status with a note (required when declining).", example = """
            {"status": "DECLINED", "note": "硬件不支持，暂不考虑。"}""")
    public record StatusInput(@Schema(required = true) String status, @Schema(nullable = true, maxLength = 2000) String note) {
    }

    @Schema(name = "SuggestionInput", description = "A suggestion or bug report; the bug fields are required for bugs.", example = """
            {"kind": "BUG", "title": "蓝牙耳机偶尔断连", "body": "更新后出现。", "deviceModel": "Xiaomi 15", "systemVersion": "OS2.0.8", "frequency": "OFTEN", "steps": "1. 连接耳机 2. 播放音乐 10 分钟"}""")
    public record SuggestionInput(
            @Schema(enumeration = { "SUGGESTION", "BUG" }, defaultValue = "SUGGESTION", nullable = true) String kind,
            @Schema(required = true, minLength = 2, maxLength = 120) String title,
            @Schema(required = true, maxLength = 20000) String body,
            @Schema(nullable = true, maxLength = 80) String deviceModel,
            @Schema(nullable = true, maxLength = 80) String systemVersion,
            @Schema(nullable = true, enumeration = { "ALWAYS", "OFTEN", "SOMETIMES", "RARELY" }) String frequency,
            @Schema(nullable = true, maxLength = 5000) String steps,
            @Schema(nullable = true, maxLength = 60, description = "The build a bug report was found on: required on a beta program's private board, ignored elsewhere.") String build) {

        SuggestionForm form() {
            return new SuggestionForm(kind == null ? SuggestionKind.SUGGESTION.name() : kind, title, body, deviceModel,
                    systemVersion, frequency, steps, build);
        }
    }
}
