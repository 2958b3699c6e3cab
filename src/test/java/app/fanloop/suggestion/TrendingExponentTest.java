package app.fanloop.suggestion;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * The trending exponent, without the application or the database. Adding and removing a vote's weight
 * is SQL only (Trending.ADD, Trending.REMOVE): TrendingTest runs it on PostgreSQL; here only its guard
 * against PostgreSQL's underflow is checked.
 */
class TrendingExponentTest {

    private final Trending threeDays = new Trending(() -> Duration.ofDays(3));

    @Test
    void the_epoch_weighs_one() {
        assertEquals(0.0, threeDays.exponent(Trending.EPOCH), 0.0);
        assertEquals(Instant.parse("2024-01-01T00:00:00Z").getEpochSecond(), threeDays.epochSeconds());
    }

    @Test
    void the_exponent_grows_by_one_per_half_life() {
        assertEquals(1.0, threeDays.exponent(Trending.EPOCH.plus(Duration.ofDays(3))), 0.0);
        assertEquals(10.0, threeDays.exponent(Trending.EPOCH.plus(Duration.ofDays(30))), 0.0);
        assertEquals(-2.0, threeDays.exponent(Trending.EPOCH.minus(Duration.ofDays(6))), 0.0);
        assertEquals(0.5, threeDays.exponent(Trending.EPOCH.plus(Duration.ofHours(36))), 0.0);
    }

    @Test
    void a_vote_one_half_life_older_weighs_half_as_much() {
        Instant now = Instant.parse("2026-05-01T12:00:00Z");
        double fresh = threeDays.exponent(now);
        double older = threeDays.exponent(now.minus(Duration.ofDays(3)));
        assertEquals(0.5, Math.pow(2, older - fresh), 1e-12);
    }

    @Test
    void the_half_life_comes_from_the_configuration() {
        Trending oneDay = new Trending(() -> Duration.ofDays(1));
        assertEquals(86_400.0, oneDay.halfLifeSeconds(), 0.0);
        assertEquals(3 * 86_400.0, threeDays.halfLifeSeconds(), 0.0);
        assertEquals(3.0, oneDay.exponent(Trending.EPOCH.plus(Duration.ofDays(3))), 0.0);
    }

    @Test
    void milliseconds_count() {
        Trending oneSecond = new Trending(() -> Duration.ofSeconds(1));
        assertEquals(0.25, oneSecond.exponent(Trending.EPOCH.plusMillis(250)), 1e-12);
    }

    @Test
    void adding_and_removing_a_weight_never_ask_postgresql_for_a_power_below_two_to_the_minus_1000() {
        assertTrue(Trending.ADD.contains("power(2, greatest(-1000, "), Trending.ADD);
        assertTrue(Trending.REMOVE.contains("power(2, greatest(-1000, :x - trending))"), Trending.REMOVE);
        assertTrue(Trending.RECOMPUTE_ALL.contains("greatest(-1000, e - m)"), Trending.RECOMPUTE_ALL);
    }
}
