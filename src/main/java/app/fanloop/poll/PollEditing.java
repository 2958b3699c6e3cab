package app.fanloop.poll;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import app.fanloop.audit.AuditLog;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.web.Conflict;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.SiteClock;
import app.fanloop.web.SiteConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ForbiddenException;

/**
 * Giving a post its poll: the rules of a typed poll (2–10 distinct options, a closing time in the future), adding,
 * replacing or removing it with the post (its author) or on its own form (staff, or the author), and the form's state.
 */
@ApplicationScoped
public class PollEditing {

    public static final int MIN_OPTIONS = 2;
    public static final int MAX_OPTIONS = 10;
    public static final int MAX_LABEL = 80;
    public static final int MAX_QUESTION = 200;
    /** How a {@code datetime-local} input sends its value. */
    private static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss]");
    /** How the form shows a closing time again. */
    private static final DateTimeFormatter LOCAL_INPUT_OUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final Viewer viewer;
    private final PollPosts posts;
    private final SiteClock clock;
    private final SiteConfig site;
    private final AuditLog audit;

    PollEditing(Viewer viewer, PollPosts posts, SiteClock clock, SiteConfig site, AuditLog audit) {
        this.viewer = viewer;
        this.posts = posts;
        this.clock = clock;
        this.site = site;
        this.audit = audit;
    }

    /**
     * What is wrong with a typed poll, for the post's form (nothing when no poll is typed, or when the post's poll
     * is fixed and the form does not change it). {@code postId} is null for a post being written.
     */
    public List<FormInvalid.Problem> problems(Long postId, PollForm form) {
        List<FormInvalid.Problem> problems = new ArrayList<>();
        if (form == null || !form.wantsPoll() || postId != null && isFixed(postId)) {
            return problems;
        }
        List<String> options = form.typedOptions();
        Set<String> seen = new HashSet<>();
        int filled = 0;
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            String field = "pollOption" + i;
            if (option.isEmpty()) {
                problems.add(new FormInvalid.Problem(field, "poll_option_empty", null));
                continue;
            }
            filled++;
            if (option.length() > MAX_LABEL) {
                problems.add(new FormInvalid.Problem(field, FieldErrors.TOO_LONG, MAX_LABEL));
            } else if (!seen.add(option.toLowerCase(Locale.ROOT))) {
                problems.add(new FormInvalid.Problem(field, "poll_option_duplicate", null));
            }
        }
        if (filled < MIN_OPTIONS) {
            problems.add(new FormInvalid.Problem("pollOptions", "poll_too_few", MIN_OPTIONS));
        } else if (options.size() > MAX_OPTIONS) {
            problems.add(new FormInvalid.Problem("pollOptions", "poll_too_many", MAX_OPTIONS));
        }
        if (form.pollQuestion() != null && form.pollQuestion().strip().length() > MAX_QUESTION) {
            problems.add(new FormInvalid.Problem("pollQuestion", FieldErrors.TOO_LONG, MAX_QUESTION));
        }
        String closes = form.pollClosesAt() == null ? "" : form.pollClosesAt().strip();
        if (!closes.isEmpty()) {
            try {
                if (!closingTime(closes).isAfter(clock.now())) {
                    problems.add(new FormInvalid.Problem("pollClosesAt", "poll_closes_past", null));
                }
            } catch (DateTimeParseException e) {
                problems.add(new FormInvalid.Problem("pollClosesAt", FieldErrors.INVALID, null));
            }
        }
        return problems;
    }

    /**
     * Gives the post the typed poll, replaces its poll, or removes it (every option field blank), in the post's
     * transaction, after {@link #problems} found nothing and the post's service checked that the viewer may edit
     * the post. A poll with ballots, or a closed one, stays as it is: its voters chose among those options.
     *
     * @return whether anything changed
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean apply(long postId, PollForm form) {
        Optional<Poll> existing = Poll.ofPost(postId);
        if (existing.isPresent() && isFixed(existing.get())) {
            return false;
        }
        if (form == null || !form.wantsPoll()) {
            existing.ifPresent(Poll::delete);
            return existing.isPresent();
        }
        Poll poll = existing.orElseGet(Poll::new);
        String question = form.pollQuestion() == null || form.pollQuestion().isBlank() ? null : form.pollQuestion().strip();
        Instant closesAt = form.pollClosesAt() == null || form.pollClosesAt().isBlank() ? null
                : closingTime(form.pollClosesAt().strip());
        List<String> labels = form.typedOptions();
        if (existing.isPresent() && java.util.Objects.equals(poll.question, question) && poll.multiple == form.isMultiple()
                && poll.resultsAfterVote == form.isResultsAfterVote() && java.util.Objects.equals(poll.closesAt, closesAt)
                && poll.options.stream().map(o -> o.label).toList().equals(labels)) {
            return false;
        }
        poll.postId = postId;
        poll.question = question;
        poll.multiple = form.isMultiple();
        poll.resultsAfterVote = form.isResultsAfterVote();
        poll.closesAt = closesAt;
        if (existing.isEmpty()) {
            poll.createdAt = clock.now();
            poll.persist();
        }
        // No ballots yet (else it would be fixed): the options are simply written again.
        poll.options.clear();
        Poll.flush();
        for (int i = 0; i < labels.size(); i++) {
            PollOption option = new PollOption();
            option.poll = poll;
            option.position = i + 1;
            option.label = labels.get(i);
            poll.options.add(option);
        }
        return true;
    }

    /**
     * The poll form of its own (for staff, who may add or change a poll on any post they see, and for the author
     * while the post is open to them): checked, then applied.
     */
    @Transactional
    public void edit(long postId, PollForm form) {
        PollPosts.Post post = editable(postId);
        List<FormInvalid.Problem> problems = problems(post.id(), form);
        if (!problems.isEmpty()) {
            throw new FormInvalid(problems);
        }
        Member editor = viewer.requireVoice();
        if (apply(post.id(), form) && post.authorId() != editor.id) {
            audit.record(editor, "poll.edit", "suggestion", post.id(), null,
                    AuditLog.of("options", form.typedOptions().size()), null);
        }
    }

    /** The post whose poll this viewer may change: staff, or its author while it is open to them; else 403 or 409. */
    public PollPosts.Post editable(long postId) {
        Member member = viewer.requireVoice();
        PollPosts.Post post = posts.visible(postId);
        if (viewer.isStaff()) {
            return post;
        }
        if (post.authorId() != member.id) {
            throw new ForbiddenException();
        }
        if (!post.openToAuthor()) {
            throw new Conflict();
        }
        return post;
    }

    /** The form's state for the post's current poll (a blank form when it has none). */
    public PollEditor editor(long postId) {
        return Poll.ofPost(postId).map(p -> {
            boolean fixed = isFixed(p);
            PollForm form = new PollForm(p.question == null ? "" : p.question, p.options.stream().map(o -> o.label).toList(),
                    p.multiple ? "true" : "", p.closesAt == null ? "" : LOCAL_INPUT_OUT.format(p.closesAt.atZone(site.zone())),
                    p.resultsAfterVote ? PollForm.RESULTS_AFTER_VOTE : PollForm.RESULTS_ALWAYS);
            return new PollEditor(form, fixed, fixed ? p.options.stream().map(o -> o.label).toList() : List.of(),
                    site.zone().getId());
        }).orElseGet(() -> PollEditor.typed(PollForm.none(), site.zone().getId()));
    }

    /** The typed form shown again after a refusal, with the poll's fixed state if it has one. */
    public PollEditor again(Long postId, PollForm form) {
        if (postId != null) {
            PollEditor current = editor(postId);
            if (current.fixed()) {
                return current;
            }
        }
        return PollEditor.typed(form == null ? PollForm.none() : form, site.zone().getId());
    }

    private Instant closingTime(String local) {
        return LocalDateTime.parse(local, LOCAL_INPUT).atZone(site.zone()).toInstant();
    }

    private boolean isFixed(long postId) {
        return Poll.ofPost(postId).map(this::isFixed).orElse(false);
    }

    private boolean isFixed(Poll poll) {
        return poll.isFixed(clock.now());
    }
}
