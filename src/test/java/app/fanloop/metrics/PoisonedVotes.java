package app.fanloop.metrics;

import app.fanloop.suggestion.SuggestionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Test-only: makes a vote on one chosen suggestion fail after the vote row is written, inside its transaction, so the
 * whole vote rolls back (as a lost connection or a deadlock would). Does nothing while no suggestion is chosen.
 */
@ApplicationScoped
public class PoisonedVotes {

    static volatile Long poisoned;

    void on(@Observes SuggestionEvent.VoteCast e) {
        if (poisoned != null && poisoned == e.suggestionId()) {
            throw new IllegalStateException("poisoned vote on suggestion " + e.suggestionId());
        }
    }
}
