package app.fanloop.poll;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import app.fanloop.audit.AuditLog;
import app.fanloop.limit.RateLimiter;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.web.Conflict;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/**
 * Ballots on polls (one per member, changeable until the poll closes), staff's early close and the poll each reader
 * may see; giving a post its poll is {@link PollEditing}'s job.
 */
@ApplicationScoped
public class PollService {

    private final Viewer viewer;
    private final PollPosts posts;
    private final Polls polls;
    private final SiteClock clock;
    private final RateLimiter limits;
    private final AuditLog audit;

    PollService(Viewer viewer, PollPosts posts, Polls polls, SiteClock clock, RateLimiter limits, AuditLog audit) {
        this.viewer = viewer;
        this.posts = posts;
        this.polls = polls;
        this.clock = clock;
        this.limits = limits;
        this.audit = audit;
    }

    // ---------------------------------------------------------------- Ballots

    /**
     * Casts or changes the viewer's ballot: one option of a single-choice poll, one or more of a multiple-choice
     * one. The post must be visible (else 404) and open, the poll open (else 409); a silenced or banned member may
     * not vote; ballots count against the vote rate limit.
     */
    @Transactional
    public void ballot(long postId, List<Long> optionIds) {
        Member member = viewer.requireVoice();
        limits.hitBatched(RateLimiter.VOTE, member);
        Polls.Locked poll = openPoll(postId);
        Set<Long> chosen = new LinkedHashSet<>(optionIds == null ? List.of() : optionIds);
        chosen.remove(null);
        if (chosen.isEmpty()) {
            throw new FormInvalid("option", "choose_one");
        }
        if (!poll.optionIds().containsAll(chosen) || !poll.multiple() && chosen.size() > 1) {
            throw new FormInvalid("option", FieldErrors.INVALID);
        }
        polls.cast(poll.id(), member.id, chosen, clock.now());
    }

    /** Takes the viewer's ballot back while the poll is open (nothing happens if they have none). */
    @Transactional
    public void withdraw(long postId) {
        Member member = viewer.requireVoice();
        limits.hitBatched(RateLimiter.VOTE, member);
        Polls.Locked poll = openPoll(postId);
        polls.withdraw(poll.id(), member.id);
    }

    private Polls.Locked openPoll(long postId) {
        PollPosts.Post post = posts.visible(postId);
        Polls.Locked poll = polls.lock(postId).orElseThrow(NotFoundException::new);
        if (!post.open() || poll.isClosed(clock.now())) {
            throw new Conflict();
        }
        return poll;
    }

    /** Staff close the poll now, with an audit entry; a closed poll answers 409. */
    @Transactional
    public void close(long postId) {
        Member staff = viewer.requireStaff();
        posts.visible(postId);
        Polls.Locked poll = polls.lock(postId).orElseThrow(NotFoundException::new);
        Instant now = clock.now();
        if (!polls.close(poll.id(), staff.id, now)) {
            throw new Conflict();
        }
        audit.record(staff, "poll.close", "suggestion", postId, AuditLog.of("closesAt", poll.closesAt()),
                AuditLog.of("closedAt", now), null);
    }

    // ---------------------------------------------------------------- Reading

    /**
     * The post's poll as this viewer sees it, for a page that has already checked the post is visible ({@code post}
     * is what it loaded). A member's view holds their own choices, so a page showing a poll is rendered for each
     * member rather than shared (see web/PageCache).
     */
    public Optional<PollView> view(PollPosts.Post post) {
        return Poll.ofPost(post.id()).map(p -> view(p, post));
    }

    /** The post's poll as this viewer sees it, the post checked here (404 if invisible or without a poll). */
    public PollView view(long postId) {
        PollPosts.Post post = posts.visible(postId);
        return view(post).orElseThrow(NotFoundException::new);
    }

    private PollView view(Poll p, PollPosts.Post post) {
        Instant now = clock.now();
        Set<Long> mine = Set.of();
        Long me = viewer.isSignedIn() ? viewer.id() : null;
        if (me != null && p.voterCount > 0) {
            mine = polls.choicesOf(p.id, me);
        }
        List<PollView.Choice> choices = new ArrayList<>();
        for (PollOption o : p.options) {
            double share = p.voterCount == 0 ? 0 : o.ballotCount * 100.0 / p.voterCount;
            choices.add(new PollView.Choice(o.id, o.position, o.label, o.ballotCount, (int) Math.round(share),
                    String.format(Locale.ROOT, "%.1f", share), mine.contains(o.id)));
        }
        boolean open = !p.isClosed(now);
        boolean voice = me != null && viewer.sanction().isEmpty();
        boolean staff = viewer.isStaff();
        boolean mayEdit = !p.isFixed(now) && (staff || voice && viewer.is(post.authorId()) && post.openToAuthor());
        return new PollView(post.id(), p.question, p.multiple, p.resultsAfterVote, p.closesAt, p.closedSince(now),
                p.closedAt != null, p.voterCount, choices, me != null, voice && open && post.open(), staff, mayEdit);
    }

    /** The results for staff's export: every option with its count and share, whatever the results setting. */
    public PollView results(long postId) {
        viewer.requireStaff();
        return view(postId);
    }
}
