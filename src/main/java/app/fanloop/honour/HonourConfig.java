package app.fanloop.honour;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** 荣誉: the points each way of taking part earns, and the points each level starts at. */
@ConfigMapping(prefix = "fanloop.honours")
public interface HonourConfig {

    /** Points per rule; 0 switches a rule off. */
    Points points();

    /**
     * Where Lv1 … Lv10 start, ascending, ten numbers, the first 0 (checked at start). Every member's
     * level follows a change at the next start (HonourBackfill.relevel, in the background).
     */
    @WithDefault("0,20,60,150,300,600,1000,1800,3000,5000")
    List<Integer> levels();

    /** How often the honour jobs look for a finished week and for anniversaries; every node runs them. */
    @WithDefault("1h")
    String jobEvery();

    /**
     * Source ids (suggestions, votes, comments, reports) per batch of the backfill of existing data (HonourBackfill);
     * each batch is one transaction, so this bounds how long it holds the rows it writes.
     */
    @WithDefault("10000")
    int backfillBatch();

    /** How many members each contributor board shows. */
    @WithDefault("20")
    int boardSize();

    interface Points {
        /** A suggestion or bug report posted. */
        @WithDefault("5")
        int posted();

        /** A vote from another member on one's suggestion (one's own vote earns nothing). */
        @WithDefault("1")
        int voteReceived();

        /** A comment or reply (official responses are staff work and earn nothing). */
        @WithDefault("2")
        int commented();

        /** One's suggestion adopted: it reached PLANNED (or went straight on to IN_PROGRESS or SHIPPED). */
        @WithDefault("30")
        int adopted();

        /** One's suggestion shipped: the largest honour. */
        @WithDefault("100")
        int shipped();

        /** A report of one's that a moderator upheld by hiding the post. */
        @WithDefault("3")
        int reportUpheld();
    }

    /** The points a rule earns. */
    default int points(PointReason reason) {
        return switch (reason) {
            case POSTED -> points().posted();
            case VOTE_RECEIVED -> points().voteReceived();
            case COMMENTED -> points().commented();
            case ADOPTED -> points().adopted();
            case SHIPPED -> points().shipped();
            case REPORT_UPHELD -> points().reportUpheld();
        };
    }

    /** The level (1–10) a total reaches. */
    default int levelFor(int total) {
        List<Integer> thresholds = levels();
        int level = 1;
        for (int i = 0; i < thresholds.size(); i++) {
            if (total >= thresholds.get(i)) {
                level = i + 1;
            }
        }
        return level;
    }
}
