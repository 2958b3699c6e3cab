package app.fanloop.insight;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import app.fanloop.insight.InsightBoards.BoardVolume;

/**
 * The boards side by side as small multiples drawn on the server as SVG: one small chart per board (suggestions
 * below, bug reports hatched above, per day or week), every one on the same scale so they compare. The page writes
 * each board's name and totals above its chart as HTML, readable on a phone. Geometry only.
 */
public record BoardsChart(List<Band> bands, int max, LocalDate first, LocalDate last) {

    static final int WIDTH = 600;
    static final int LEFT = 0;
    static final int PLOT = 64;
    static final int HEIGHT = PLOT + 2;

    /** One board and its columns. */
    public record Band(BoardVolume board, List<Column> columns) {
    }

    /** One period of a board: the two stacked rectangles. */
    public record Column(LocalDate start, int suggestions, int bugs, String x, String width, String suggestionY,
            String suggestionHeight, String bugY, String bugHeight) {
    }

    public static BoardsChart of(List<BoardVolume> boards) {
        int max = 1;
        for (BoardVolume b : boards) {
            for (VolumeChart.Bucket bucket : b.buckets()) {
                max = Math.max(max, bucket.suggestions() + bucket.bugs());
            }
        }
        List<Band> bands = new ArrayList<>();
        LocalDate first = null;
        LocalDate last = null;
        int baseline = PLOT;
        for (BoardVolume b : boards) {
            double slot = (double) (WIDTH - LEFT) / Math.max(1, b.buckets().size());
            List<Column> columns = new ArrayList<>();
            int i = 0;
            for (VolumeChart.Bucket bucket : b.buckets()) {
                double x = LEFT + i * slot + slot * 0.1;
                double hs = bucket.suggestions() * (double) PLOT / max;
                double hb = bucket.bugs() * (double) PLOT / max;
                columns.add(new Column(bucket.start(), bucket.suggestions(), bucket.bugs(), BarChart.num(x),
                        BarChart.num(slot * 0.8), BarChart.num(baseline - hs), BarChart.num(hs),
                        BarChart.num(baseline - hs - hb), BarChart.num(hb)));
                first = first == null ? bucket.start() : first;
                last = bucket.start();
                i++;
            }
            bands.add(new Band(b, columns));
        }
        return new BoardsChart(bands, max, first, last);
    }

    public boolean empty() {
        return bands.isEmpty();
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int baseline() {
        return PLOT;
    }
}
