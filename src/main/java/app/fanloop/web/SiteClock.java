package app.fanloop.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * The time the app goes by: the one place that reads the system clock. Services inject it; entity
 * field defaults and static template extensions, which CDI cannot inject, read the same time through
 * {@link #current()}. Tests move it instead of sleeping.
 */
@ApplicationScoped
public class SiteClock {

    /** Static so that {@link #current()} and the bean always agree (there is one site clock). */
    private static volatile Clock clock = Clock.systemUTC();

    public Instant now() {
        return clock.instant();
    }

    /** The site's time for code that cannot inject this bean (entity defaults, template extensions). */
    public static Instant current() {
        return clock.instant();
    }

    /**
     * A timestamp column as a native query returns it (Instant, OffsetDateTime or Timestamp, by driver and
     * column type) as an Instant; null stays null. The one conversion for every native query.
     */
    public static Instant instant(Object column) {
        if (column == null || column instanceof Instant) {
            return (Instant) column;
        }
        if (column instanceof java.time.OffsetDateTime t) {
            return t.toInstant();
        }
        return ((java.sql.Timestamp) column).toInstant();
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
