package app.fanloop.suggestion;

import app.fanloop.limit.RateLimiter;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.web.Conflict;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/**
 * A member's vote on a suggestion, with everything it moves: the count, trending and a follow (one
 * statement in {@link Votes}), feature demand and points (observers of {@link SuggestionEvent}).
 */
@ApplicationScoped
public class VotingService {

    private final Viewer viewer;
    private final RateLimiter limits;
    private final Votes votes;
    private final Event<SuggestionEvent> announce;
    private final SiteClock clock;

    VotingService(Viewer viewer, RateLimiter limits, Votes votes, Event<SuggestionEvent> announce, SiteClock clock) {
        this.viewer = viewer;
        this.limits = limits;
        this.votes = votes;
        this.announce = announce;
        this.clock = clock;
    }

    /**
     * Casts or withdraws the viewer's vote. {@code wanted} null toggles; true or false asks for that
     * state, so a repeated form submission does not flip it back (and writes nothing). A member counts
     * once per suggestion, also when a merge brought them a second vote. The suggestion must be visible
     * to the viewer (else 404, as a hidden post) and open for votes (else 409), as
     * {@link PostingService#actionable} asks of comments; it is read, not loaded as an entity.
     */
    @Transactional
    public VoteState vote(long id, Boolean wanted) {
        Member member = viewer.requireVoice();
        limits.hitBatched(RateLimiter.VOTE, member);
        Votes.Ballot ballot = votes.ballot(id, member.id)
                .filter(b -> viewer.visibility().maySee(b.hidden(), b.authorId(), b.programId()))
                .orElseThrow(NotFoundException::new);
        if (!ballot.open()) {
            throw new Conflict();
        }
        boolean want = wanted == null ? !ballot.voted() : wanted;
        if (want == ballot.voted()) {
            return new VoteState(id, want, ballot.votes());
        }
        if (want) {
            Votes.Tally cast = votes.cast(id, member.id, clock.now());
            for (long voteId : cast.voteIds()) {
                adjustDemand(ballot, member, true);
                // Member rows are locked last in every transaction (see Honours), after the suggestion's.
                announce.fire(new SuggestionEvent.VoteCast(voteId, id, ballot.authorId(), ballot.hidden(), member.id));
            }
            return new VoteState(id, true, cast.votes());
        }
        Votes.Tally withdrawn = votes.withdraw(id, member.id);
        if (!withdrawn.voteIds().isEmpty()) {
            adjustDemand(ballot, member, false);
            announce.fire(new SuggestionEvent.VotesWithdrawn(withdrawn.voteIds()));
        }
        return new VoteState(id, false, withdrawn.votes());
    }

    /** The feature item's demand (distinct voters, triage's FeatureDemand) follows the vote. */
    private void adjustDemand(Votes.Ballot ballot, Member member, boolean added) {
        if (ballot.featureItemId() != null) {
            announce.fire(new SuggestionEvent.FeatureVoteChanged(ballot.featureItemId(), member.id, added));
        }
    }

    /**
     * The vote button after a vote: the suggestion's id and vote path (what the voteButton tag asks of
     * {@code s}), whether the member's vote stands and the count. Only an open suggestion takes a vote.
     */
    public record VoteState(long id, boolean voted, int votes) {

        public String votePath() {
            return Suggestion.votePath(id);
        }
    }
}
