package app.fanloop.suggestion;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.fanloop.attachment.AttachmentForm;
import app.fanloop.attachment.AttachmentService;
import app.fanloop.audit.AuditLog;
import app.fanloop.board.Board;
import app.fanloop.event.DomainEvents;
import app.fanloop.limit.RateLimiter;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.poll.PollEditing;
import app.fanloop.poll.PollForm;
import app.fanloop.poll.PollService;
import app.fanloop.poll.PollView;
import app.fanloop.web.Conflict;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.mention.Mentions;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/** Posting and rewriting suggestions (with their revisions), and which suggestions a viewer may see, edit or act on. */
@ApplicationScoped
public class PostingService {

    private final EntityManager em;
    private final Viewer viewer;
    private final Forms forms;
    private final Mentions mentions;
    private final Trending trending;
    private final DomainEvents events;
    private final RateLimiter limits;
    private final AuditLog audit;
    private final Event<SuggestionEvent> announce;
    private final Follows follows;
    private final SiteClock clock;
    private final AttachmentService attachments;
    private final PollService polls;
    private final PollEditing pollEditing;

    PostingService(EntityManager em, Viewer viewer, Forms forms, Mentions mentions, Trending trending,
            DomainEvents events, RateLimiter limits, AuditLog audit,
            Event<SuggestionEvent> announce, Follows follows, SiteClock clock, AttachmentService attachments,
            PollService polls, PollEditing pollEditing) {
        this.polls = polls;
        this.pollEditing = pollEditing;
        this.attachments = attachments;
        this.announce = announce;
        this.limits = limits;
        this.audit = audit;
        this.em = em;
        this.viewer = viewer;
        this.forms = forms;
        this.mentions = mentions;
        this.trending = trending;
        this.events = events;
        this.follows = follows;
        this.clock = clock;
    }

    /** A suggestion this viewer may see (the one rule: {@link app.fanloop.member.Visibility}), or 404. */
    public Suggestion visible(long id) {
        Suggestion s = Suggestion.loadFull(id);
        if (s == null || !viewer.visibility().maySee(s.hidden, s.author.id, s.programId)) {
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

    /** A suggestion whose earlier versions the viewer may read (its author, admins), or 404 like a hidden post. */
    public Suggestion withHistory(long id) {
        Suggestion s = visible(id);
        if (!viewer.visibility().mayReadHistory(s.author.id, s.programId)) {
            throw new NotFoundException();
        }
        return s;
    }

    /** Whether the viewer may rewrite this suggestion (for the page's edit link; {@link #editable} decides). */
    public boolean mayEdit(Suggestion s) {
        return viewer.isAdmin() || viewer.is(s.author) && !s.isClosedToAuthor() && viewer.sanction().isEmpty();
    }

    /** The suggestion's poll as this viewer sees it (the suggestion loaded by {@link #visible}). */
    public java.util.Optional<PollView> poll(Suggestion s) {
        return polls.view(SuggestionPolls.post(s));
    }

    /** A suggestion open to votes and comments: visible, not locked, not merged, on a live board. */
    Suggestion actionable(long id) {
        Suggestion s = visible(id);
        if (s.locked || s.status == SuggestionStatus.MERGED || s.board.archived) {
            throw new Conflict();
        }
        return s;
    }

    @Transactional
    public Suggestion create(String boardSlug, SuggestionForm form) {
        return create(boardSlug, form, AttachmentForm.none());
    }

    /** Posts a suggestion with the files staged for it (see {@link AttachmentService#receive}). */
    @Transactional
    public Suggestion create(String boardSlug, SuggestionForm form, AttachmentForm files) {
        return create(boardSlug, form, files, null);
    }

    /** Posts a suggestion with its files and the poll typed with it (null or blank options: none). */
    @Transactional
    public Suggestion create(String boardSlug, SuggestionForm form, AttachmentForm files, PollForm poll) {
        Member author = viewer.requireVoice();
        Board board = Board.findBySlug(boardSlug, viewer.visibility()).orElseThrow(NotFoundException::new);
        if (board.archived) {
            throw new Conflict();
        }
        SuggestionKind kind = checked(form, board, board.isPrivate(), pollEditing.problems(null, poll));
        limits.hit(RateLimiter.POST, author);
        Instant now = clock.now();
        Suggestion s = new Suggestion();
        s.board = board;
        // A post on a program's private board is the program's: readable by its testers and staff only.
        s.programId = board.programId;
        s.author = author;
        s.kind = kind;
        List<Long> named = apply(s, form);
        s.createdAt = now;
        s.trending = trending.exponent(now);
        s.persist();
        attachments.attach(AttachmentService.Post.suggestion(s.id, kind == SuggestionKind.BUG), files);
        if (poll != null) {
            pollEditing.apply(s.id, poll);
        }
        announce.fire(new SuggestionEvent.SuggestionWritten(s));
        em.createNativeQuery("update board set suggestion_count = suggestion_count + 1 where id = :id")
                .setParameter("id", board.id).executeUpdate();
        follows.add(s.id, author.id);
        announce.fire(new SuggestionEvent.SuggestionPosted(s));
        events.boardPost(author, board.id, s.id, Map.of("title", s.title, "board", board.slug));
        mentions.tell(author, s.id, null, named, excerpt(s.body));
        return s;
    }

    @Transactional
    public Suggestion edit(long id, SuggestionForm form) {
        return edit(id, form, AttachmentForm.none());
    }

    /** Rewrites a suggestion and its files: staged ones join, ticked ones leave, alt texts change (no revision for files). */
    @Transactional
    public Suggestion edit(long id, SuggestionForm form, AttachmentForm files) {
        return edit(id, form, files, null);
    }

    /**
     * Rewrites a suggestion, its files and its poll ({@code poll} null leaves the poll as it is; blank options remove
     * it, unless it has ballots: see {@link PollEditing#apply}). A poll change alone makes no revision.
     */
    @Transactional
    public Suggestion edit(long id, SuggestionForm form, AttachmentForm files, PollForm poll) {
        Suggestion s = editable(id);
        Member editor = viewer.requireVoice();
        SuggestionForm sameKind = new SuggestionForm(s.kind.name(), form.title(), form.body(), form.deviceModel(),
                form.systemVersion(), form.frequency(), form.steps(), form.build() == null ? s.build : form.build());
        checked(sameKind, s.board.isPrivate(), poll == null ? List.of() : pollEditing.problems(s.id, poll));
        attachments.attach(AttachmentService.Post.suggestion(s.id, s.kind == SuggestionKind.BUG), files);
        if (poll != null) {
            pollEditing.apply(s.id, poll);
        }
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
        List<Long> named = apply(s, sameKind);
        s.editedAt = clock.now();
        // Only whom this edit adds is told (Mentions remembers whom the post told).
        mentions.tell(editor, s.id, null, named, excerpt(s.body));
        announce.fire(new SuggestionEvent.SuggestionWritten(s));
        if (!editor.id.equals(s.author.id)) {
            audit.record(editor, "edit", "suggestion", s.id, AuditLog.of("title", previous.title, "revision", previous.id),
                    AuditLog.of("title", s.title), null);
        }
        return s;
    }

    /** Validates the form, including the rules that depend on the kind and the board. */
    private SuggestionKind checked(SuggestionForm form, boolean programBoard, List<FormInvalid.Problem> pollProblems) {
        return checked(form, null, programBoard, pollProblems);
    }

    /** The form's problems, or its kind; a bug report on a program's board names the build it was found on. */
    private SuggestionKind checked(SuggestionForm form, Board board, boolean programBoard,
            List<FormInvalid.Problem> pollProblems) {
        List<FormInvalid.Problem> problems = new ArrayList<>();
        try {
            forms.validate(form);
        } catch (FormInvalid invalid) {
            problems.addAll(invalid.problems());
        }
        SuggestionKind kind = SuggestionKind.parse(form.kind());
        if (kind == null) {
            problems.add(new FormInvalid.Problem("kind", FieldErrors.INVALID, null));
        } else if (board != null && !kind.acceptedOn(board)) {
            problems.add(new FormInvalid.Problem("kind", "kind_not_accepted", null));
        }
        if (kind == SuggestionKind.BUG) {
            requireFilled(problems, "deviceModel", form.deviceModel());
            requireFilled(problems, "systemVersion", form.systemVersion());
            requireFilled(problems, "steps", form.steps());
            if (Frequency.parse(form.frequency()) == null) {
                problems.add(new FormInvalid.Problem("frequency", FieldErrors.REQUIRED, null));
            }
            if (programBoard) {
                requireFilled(problems, "build", form.build());
            }
        }
        problems.addAll(pollProblems);
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

    /** Writes the form into the suggestion; answers the members its text @mentions. */
    private List<Long> apply(Suggestion s, SuggestionForm form) {
        s.title = form.title().strip();
        s.body = form.body().strip();
        Mentions.Rendered rendered = mentions.render(s.body);
        s.bodyHtml = rendered.html();
        if (s.kind == SuggestionKind.BUG) {
            s.deviceModel = form.deviceModel().strip();
            s.systemVersion = form.systemVersion().strip();
            s.frequency = Frequency.parse(form.frequency());
            s.steps = form.steps().strip();
            // Only a program's board asks for the build.
            s.build = s.programId == null || form.build() == null || form.build().isBlank() ? null : form.build().strip();
        }
        return rendered.members();
    }

    private static SuggestionForm normalized(SuggestionForm form, SuggestionKind kind) {
        boolean bug = kind == SuggestionKind.BUG;
        Frequency frequency = Frequency.parse(form.frequency());
        return new SuggestionForm(kind.name(), form.title().strip(), form.body().strip(),
                bug ? form.deviceModel().strip() : null, bug ? form.systemVersion().strip() : null,
                bug && frequency != null ? frequency.name() : "", bug ? form.steps().strip() : null,
                bug && form.build() != null && !form.build().isBlank() ? form.build().strip() : null);
    }

    private static String excerpt(String text) {
        return text.length() <= 200 ? text : text.substring(0, 200) + "…";
    }
}
