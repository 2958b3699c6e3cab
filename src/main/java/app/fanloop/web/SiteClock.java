package app.fanloop.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The time the app goes by for things that expire (sanctions, rate-limit windows). Tests move it
 * instead of sleeping.
 */
@ApplicationScoped
public class SiteClock {

    private volatile Clock clock = Clock.systemUTC();

    public Instant now() {
        return clock.instant();
    }

    /** Moves the clock forward (tests only need this; production never calls it). */
    public void advance(Duration by) {
        clock = Clock.offset(clock, by);
    }

    /** Back to the real time. */
    public void reset() {
        clock = Clock.systemUTC();
    }
}
