package app.fanloop.suggestion;

import java.util.List;

/**
 * What the suggestion services tell the features above them (honours, search, triage's demand) without
 * importing them: each service fires one of these with {@code jakarta.enterprise.event.Event#fire} where it
 * used to call that feature. Synchronous on purpose (never {@code fireAsync}): the observers run at once, on
 * the same thread and in the caller's transaction, so an action and its points, index row and demand commit
 * or roll back together, and row locks are taken in the same order as before (member rows last, see
 * Honours). Not to be confused with {@link app.fanloop.event.DomainEvent}, the recorded rows notifications read.
 */
public sealed interface SuggestionEvent {

    /** A suggestion was created or edited, its row written (search indexes it). */
    record SuggestionWritten(Suggestion suggestion) implements SuggestionEvent {
    }

    /** A comment was written or edited, its row written (search indexes it). */
    record CommentWritten(Comment comment) implements SuggestionEvent {
    }

    /** A suggestion was posted (its author's points). */
    record SuggestionPosted(Suggestion suggestion) implements SuggestionEvent {
    }

    /**
     * A vote was cast, after the vote row and its count are written (a point for the suggestion's author):
     * the facts its observers need, not the entity, so a vote loads none.
     */
    record VoteCast(long voteId, long suggestionId, long authorId, boolean suggestionHidden, long voterId)
            implements SuggestionEvent {
    }

    /** Votes were withdrawn, maybe none (the points they earned go back). */
    record VotesWithdrawn(List<Long> voteIds) implements SuggestionEvent {
    }

    /**
     * A member's vote on a suggestion linked to a feature item was cast or withdrawn (the item's demand;
     * its observer locks the feature item row, here, in the vote's transaction).
     */
    record FeatureVoteChanged(long featureItemId, long memberId, boolean added) implements SuggestionEvent {
    }

    /** A comment or reply was posted (its author's points). */
    record CommentPosted(Comment comment) implements SuggestionEvent {
    }

    /** A suggestion reached a status, after its row is flushed (adoption and shipping honours). */
    record StatusReached(Suggestion suggestion, SuggestionStatus status) implements SuggestionEvent {
    }
}
