package app.fanloop.suggestion;

import java.util.List;
import java.util.Optional;
import java.util.Set;

import app.fanloop.limit.RateLimiter;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;

/** A member's vote on a suggestion, with everything it moves: the count, trending, feature demand, points and a follow. */
@ApplicationScoped
public class VotingService {

    private final Viewer viewer;
    private final PostingService posting;
    private final RateLimiter limits;
    private final Votes votes;
    private final Follows follows;
    private final Event<SuggestionEvent> announce;
    private final SiteClock clock;

    VotingService(Viewer viewer, PostingService posting, RateLimiter limits, Votes votes, Follows follows,
            Event<SuggestionEvent> announce, SiteClock clock) {
        this.viewer = viewer;
        this.posting = posting;
        this.limits = limits;
        this.votes = votes;
        this.follows = follows;
        this.announce = announce;
        this.clock = clock;
    }

    /**
     * Casts or withdraws the viewer's vote. {@code wanted} null toggles; true or false asks for that
     * state, so a repeated form submission does not flip it back. A member counts once per
     * suggestion, also when a merge brought them a second vote.
     */
    @Transactional
    public VoteState vote(long id, Boolean wanted) {
        Member member = viewer.requireVoice();
        Suggestion s = posting.actionable(id);
        limits.hit(RateLimiter.VOTE, member);
        boolean has = votes.hasVoted(s.id, member.id);
        boolean want = wanted == null ? !has : wanted;
        if (want && !has) {
            Optional<Votes.Cast> cast = votes.cast(s.id, member.id, clock.now());
            if (cast.isPresent()) {
                // Member rows are locked last in every transaction (see Honours), after the suggestion's.
                announce.fire(new SuggestionEvent.VoteCast(cast.get().voteId(), s, member.id));
                follows.add(s.id, member.id);
                adjustDemand(s, member, true);
                return new VoteState(s.id, true, cast.get().votes());
            }
        } else if (!want && has) {
            List<Long> removed = votes.withdraw(s.id, member.id);
            if (!removed.isEmpty()) {
                adjustDemand(s, member, false);
            }
            announce.fire(new SuggestionEvent.VotesWithdrawn(removed));
        }
        return new VoteState(s.id, votes.hasVoted(s.id, member.id), votes.count(s.id));
    }

    /** The feature item's demand (distinct voters, triage's FeatureDemand) follows the vote. */
    private void adjustDemand(Suggestion s, Member member, boolean added) {
        if (s.featureItemId != null) {
            announce.fire(new SuggestionEvent.FeatureVoteChanged(s.featureItemId, member.id, added));
        }
    }

    /** Whether the member voted for and follows the suggestion, in one statement. */
    public Votes.Standing standing(long suggestionId, Long memberId) {
        return votes.standing(suggestionId, memberId);
    }

    /** Which of these suggestions the member has voted for, in one statement. */
    public Set<Long> votedAmong(List<Long> suggestionIds, Long memberId) {
        return votes.votedAmong(suggestionIds, memberId);
    }

    public record VoteState(long suggestionId, boolean voted, int votes) {
    }
}
