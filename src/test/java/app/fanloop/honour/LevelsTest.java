package app.fanloop.honour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

import org.junit.jupiter.api.Test;

/** Levels from the configured thresholds, in Java and in the SQL made from them, without the application. */
class LevelsTest {

    private static final List<Integer> DEFAULT = List.of(0, 20, 60, 150, 300, 600, 1000, 1800, 3000, 5000);

    @Test
    void a_level_starts_at_its_threshold() {
        HonourConfig config = levels(DEFAULT);
        assertEquals(1, config.levelFor(0));
        assertEquals(1, config.levelFor(19));
        assertEquals(2, config.levelFor(20));
        assertEquals(3, config.levelFor(60));
        assertEquals(3, config.levelFor(149));
        assertEquals(4, config.levelFor(150));
        assertEquals(9, config.levelFor(4999));
        assertEquals(10, config.levelFor(5000));
        assertEquals(10, config.levelFor(1_000_000));
    }

    @Test
    void points_below_zero_stay_at_level_one() {
        assertEquals(1, levels(DEFAULT).levelFor(-3));
    }

    @Test
    void other_thresholds_give_other_levels() {
        HonourConfig config = levels(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
        assertEquals(1, config.levelFor(0));
        assertEquals(5, config.levelFor(4));
        assertEquals(10, config.levelFor(9));
    }

    @Test
    void the_sql_level_uses_the_configured_thresholds() {
        Honours honours = new Honours(null, levels(List.of(0, 10, 25, 50, 100, 200, 400, 800, 1600, 3200)), null, null);
        honours.checkLevels();
        assertEquals("greatest(1, width_bucket(points, array[0,10,25,50,100,200,400,800,1600,3200]))",
                honours.levelOf("points"));
    }

    @Test
    void thresholds_that_are_not_ten_ascending_numbers_from_zero_stop_the_start() {
        assertThrows(IllegalStateException.class, () -> new Honours(null, levels(List.of(0, 20, 60)), null, null).checkLevels());
        assertThrows(IllegalStateException.class,
                () -> new Honours(null, levels(List.of(5, 20, 60, 150, 300, 600, 1000, 1800, 3000, 5000)), null, null).checkLevels());
        assertThrows(IllegalStateException.class,
                () -> new Honours(null, levels(List.of(0, 20, 20, 150, 300, 600, 1000, 1800, 3000, 5000)), null, null).checkLevels());
    }

    /** A configuration with these thresholds; the rest of it is not read by levels. */
    private static HonourConfig levels(List<Integer> thresholds) {
        return new HonourConfig() {
            @Override
            public Points points() {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Integer> levels() {
                return thresholds;
            }

            @Override
            public String jobEvery() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int boardSize() {
                throw new UnsupportedOperationException();
            }

            @Override
            public int backfillBatch() {
                throw new UnsupportedOperationException();
            }
        };
    }
}
