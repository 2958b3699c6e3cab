package app.fanloop.insight;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import app.fanloop.insight.InsightBoards.BoardVolume;

/**
 * The boards side by side as small multiples drawn on the server as SVG: one band per board, its name and totals
 * written above its columns (suggestions below, bug reports hatched above, per day or week), every band on the same
 * scale so the bands compare. Geometry only; the page writes the labels.
 */
public record BoardsChart(List<Band> bands, int max, int height, LocalDate first, LocalDate last) {

    static final int WIDTH = 600;
    static final int LEFT = 4;
    static final int BAND = 76;
    static final int TITLE = 16;
    static final int PLOT = 48;

    /** One board: where its band starts, its baseline, its columns. */
    public record Band(BoardVolume board, int titleY, int baseline, List<Column> columns) {
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
        int top = 0;
        for (BoardVolume b : boards) {
            int baseline = top + TITLE + 6 + PLOT;
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
            bands.add(new Band(b, top + TITLE - 2, baseline, columns));
            top += BAND;
        }
        return new BoardsChart(bands, max, top + 18, first, last);
    }

    public boolean empty() {
        return bands.isEmpty();
    }

    public int width() {
        return WIDTH;
    }

    public int left() {
        return LEFT;
    }

    /** Where the first and last period are written, under the last band. */
    public int dateY() {
        return height - 4;
    }
}
