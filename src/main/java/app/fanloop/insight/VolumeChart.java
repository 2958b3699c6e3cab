package app.fanloop.insight;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Feedback volume per day or week as stacked columns (suggestions below, bug reports above) drawn on the server
 * as SVG, with a dashed marker at each published release. Geometry only; the page writes the labels.
 */
public record VolumeChart(List<Column> columns, List<Marker> markers, int max) {

    static final int WIDTH = 600;
    static final int HEIGHT = 220;
    static final int LEFT = 36;
    static final int BOTTOM = 24;
    static final int TOP = 18;

    /** One bucket: its first day, counts, the two stacked rectangles and whether its date is written below. */
    public record Column(LocalDate start, int suggestions, int bugs, String x, String width, String suggestionY,
            String suggestionHeight, String bugY, String bugHeight, boolean labelled, String labelX) {

        public int total() {
            return suggestions + bugs;
        }
    }

    /** A published release: its version and where its line stands. */
    public record Marker(String version, LocalDate day, String x) {
    }

    /** One bucket's counts before drawing. */
    public record Bucket(LocalDate start, int suggestions, int bugs) {
    }

    public static VolumeChart of(List<Bucket> buckets, List<Marker> releases, InsightRange range) {
        int max = 1;
        for (Bucket b : buckets) {
            max = Math.max(max, b.suggestions() + b.bugs());
        }
        double plot = HEIGHT - BOTTOM - TOP;
        double slot = (double) (WIDTH - LEFT - 4) / Math.max(1, buckets.size());
        int every = Math.max(1, (int) Math.ceil(buckets.size() / 8.0));
        List<Column> columns = new ArrayList<>();
        int i = 0;
        for (Bucket b : buckets) {
            double x = LEFT + i * slot + slot * 0.1;
            double w = slot * 0.8;
            double hs = b.suggestions() * plot / max;
            double hb = b.bugs() * plot / max;
            double base = HEIGHT - BOTTOM;
            columns.add(new Column(b.start(), b.suggestions(), b.bugs(), BarChart.num(x), BarChart.num(w),
                    BarChart.num(base - hs), BarChart.num(hs), BarChart.num(base - hs - hb), BarChart.num(hb),
                    i % every == 0, BarChart.num(x + w / 2)));
            i++;
        }
        List<Marker> markers = new ArrayList<>();
        for (Marker m : releases) {
            LocalDate bucket = range.bucket(m.day());
            int index = 0;
            for (Bucket b : buckets) {
                if (b.start().equals(bucket)) {
                    double daysIn = range.weekly() ? (m.day().toEpochDay() - bucket.toEpochDay()) / 7.0 : 0.5;
                    markers.add(new Marker(m.version(), m.day(), BarChart.num(LEFT + (index + daysIn) * slot)));
                }
                index++;
            }
        }
        return new VolumeChart(columns, markers, max);
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }

    public int baseline() {
        return HEIGHT - BOTTOM;
    }

    public int top() {
        return TOP;
    }

    public int left() {
        return LEFT;
    }

    public int markerLabelY() {
        return TOP - 4;
    }

    public int labelY() {
        return HEIGHT - 8;
    }

    public int total() {
        return columns.stream().mapToInt(Column::total).sum();
    }
}
