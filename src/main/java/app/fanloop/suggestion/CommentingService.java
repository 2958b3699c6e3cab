package app.fanloop.suggestion;

import java.util.Map;

import app.fanloop.attachment.AttachmentForm;
import app.fanloop.attachment.AttachmentService;
import app.fanloop.audit.AuditLog;
import app.fanloop.event.DomainEvents;
import app.fanloop.event.EventKind;
import app.fanloop.limit.RateLimiter;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.web.Conflict;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.mention.Mentions;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;

/** Comments and replies (official answers among them) and their revisions, with who may write, read and rewrite them. */
@ApplicationScoped
@Named("commenting")
public class CommentingService {

    private final Viewer viewer;
    private final PostingService posting;
    private final Forms forms;
    private final Mentions mentions;
    private final DomainEvents events;
    private final RateLimiter limits;
    private final AuditLog audit;
    private final Event<SuggestionEvent> announce;
    private final Comments comments;
    private final Follows follows;
    private final SiteClock clock;
    private final AttachmentService attachments;

    CommentingService(Viewer viewer, PostingService posting, Forms forms, Mentions mentions, DomainEvents events,
            RateLimiter limits, AuditLog audit, Event<SuggestionEvent> announce, Comments comments,
            Follows follows, SiteClock clock, AttachmentService attachments) {
        this.attachments = attachments;
        this.viewer = viewer;
        this.posting = posting;
        this.forms = forms;
        this.mentions = mentions;
        this.events = events;
        this.limits = limits;
        this.audit = audit;
        this.announce = announce;
        this.comments = comments;
        this.follows = follows;
        this.clock = clock;
    }

    /** A comment this viewer may see, on a suggestion they may see, or 404. */
    public Comment visibleComment(long commentId) {
        Comment c = Comment.find("from Comment c join fetch c.author join fetch c.suggestion s join fetch s.author where c.id = ?1",
                commentId).firstResult();
        if (c == null) {
            throw new NotFoundException();
        }
        posting.visible(c.suggestion.id);
        if (!viewer.visibility().maySee(c.hidden, c.author.id, c.programId)) {
            throw new NotFoundException();
        }
        return c;
    }

    /** A comment the viewer may rewrite: the same rule as {@link PostingService#editable(long)}, on the comment's suggestion. */
    public Comment editableComment(long commentId) {
        viewer.requireVoice();
        Comment c = visibleComment(commentId);
        viewer.requireAuthorOrAdmin(c.author.id);
        if (!viewer.isAdmin() && closedToAuthor(c, c.suggestion)) {
            throw new Conflict();
        }
        return c;
    }

    /** Whether the viewer may rewrite this comment under this suggestion: the page's edit link (editableComment decides). */
    public boolean mayEdit(Comment c, Suggestion on) {
        return viewer.isAdmin() || viewer.is(c.author) && !closedToAuthor(c, on) && viewer.sanction().isEmpty();
    }

    /** A hidden comment, or one under a suggestion closed to its author, stands as it is (admins may still edit). */
    private static boolean closedToAuthor(Comment c, Suggestion on) {
        return c.hidden || on.isClosedToAuthor();
    }

    /** A comment whose earlier versions the viewer may read, or 404. */
    public Comment commentWithHistory(long commentId) {
        Comment c = visibleComment(commentId);
        if (!viewer.visibility().mayReadHistory(c.author.id, c.programId)) {
            throw new NotFoundException();
        }
        return c;
    }

    @Transactional
    public Comment comment(long suggestionId, CommentForm form) {
        return comment(suggestionId, form, AttachmentForm.none());
    }

    /** Posts a comment or reply with the pictures staged for it (see {@link AttachmentService#receive}). */
    @Transactional
    public Comment comment(long suggestionId, CommentForm form, AttachmentForm files) {
        Member author = viewer.requireVoice();
        Suggestion s = posting.actionable(suggestionId);
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
        // A comment is read by whoever reads its suggestion's program (member/Visibility).
        c.programId = s.programId;
        c.parent = parent;
        c.author = author;
        c.body = form.body().strip();
        Mentions.Rendered rendered = mentions.render(c.body);
        c.bodyHtml = rendered.html();
        c.official = form.official();
        c.createdAt = clock.now();
        c.persist();
        attachments.attach(AttachmentService.Post.comment(c.id), files);
        announce.fire(new SuggestionEvent.CommentWritten(c));
        comments.added(s.id);
        announce.fire(new SuggestionEvent.CommentPosted(c));
        if (c.official) {
            comments.answeredOfficially(s.id, c.id, c.createdAt);
            events.suggestion(EventKind.OFFICIAL_RESPONSE, author, s.id, c.id, Map.of("excerpt", excerpt(c.body)));
            audit.record(author, "official_response", "suggestion", s.id, null, AuditLog.of("comment", c.id), null);
        }
        boolean told = c.official;
        if (parent != null) {
            comments.replied(parent.id);
            // An official answer already tells everyone who follows; the replied-to author needs no second word.
            if (!parent.author.id.equals(author.id) && !c.official) {
                events.reply(author, s.id, c.id, parent.author.id, Map.of("excerpt", excerpt(c.body)));
                told = true;
            }
        }
        if (!told) {
            // Nobody is notified of a plain comment, but every comment is a recorded change (webhooks hear of it).
            events.comment(author, s.id, c.id, Map.of("excerpt", excerpt(c.body)));
        }
        // The members it @mentions; the author of the comment replied to is told once, of the reply.
        Long repliedTo = told && parent != null && !c.official ? parent.author.id : null;
        mentions.tell(author, s.id, c.id, rendered.members().stream().filter(id -> !id.equals(repliedTo)).toList(),
                excerpt(c.body));
        follows.add(s.id, author.id);
        return c;
    }

    @Transactional
    public Comment editComment(long commentId, String body) {
        return editComment(commentId, body, AttachmentForm.none());
    }

    /** Rewrites a comment and its pictures (staged ones join, ticked ones leave, alt texts change). */
    @Transactional
    public Comment editComment(long commentId, String body, AttachmentForm files) {
        Comment c = editableComment(commentId);
        Member editor = viewer.requireVoice();
        forms.validate(new CommentForm(body, null, false));
        attachments.attach(AttachmentService.Post.comment(c.id), files);
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
        Mentions.Rendered rendered = mentions.render(text);
        c.bodyHtml = rendered.html();
        c.editedAt = clock.now();
        // Only whom this edit adds is told (Mentions remembers whom the comment told).
        mentions.tell(editor, c.suggestion.id, c.id, rendered.members(), excerpt(text));
        announce.fire(new SuggestionEvent.CommentWritten(c));
        if (!editor.id.equals(c.author.id)) {
            audit.record(editor, "edit", "comment", c.id, AuditLog.of("revision", previous.id), null, null);
        }
        return c;
    }

    private static String excerpt(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
