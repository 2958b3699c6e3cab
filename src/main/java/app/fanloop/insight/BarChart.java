package app.fanloop.insight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A horizontal bar chart drawn on the server as SVG (viewBox {@value #WIDTH} wide, scaled by the page): one row
 * per label with its bar scaled to the largest value (or the target, if larger), the value written after it and,
 * when given, a dashed line at the target. The same rows make the data table under the chart.
 */
public record BarChart(List<Row> rows, String targetX, String targetLabel, int height) {

    static final int WIDTH = 600;
    static final int LABEL = 170;
    static final int BARS = 340;
    static final int ROW = 26;

    /** One bar: its text, value shown, geometry, and a style class (a second series, a highlighted row). */
    public record Row(String label, String value, String y, String textY, String width, String valueX, String css) {

        /** The label as the chart writes it: long titles cut to fit the label column (the table has them whole). */
        public String shortLabel() {
            return label.codePointCount(0, label.length()) <= 22 ? label
                    : label.substring(0, label.offsetByCodePoints(0, 21)) + "…";
        }
    }

    /** An input row: label, numeric value (scales the bar), the text shown for it, the bar's class. */
    public record Input(String label, double value, String shown, String css) {
    }

    public static BarChart of(List<Input> inputs, Double target, String targetLabel) {
        double max = target == null ? 0 : target;
        for (Input in : inputs) {
            max = Math.max(max, in.value());
        }
        List<Row> rows = new ArrayList<>();
        int i = 0;
        for (Input in : inputs) {
            double w = max <= 0 ? 0 : in.value() * BARS / max;
            int y = 4 + i * ROW;
            rows.add(new Row(in.label(), in.shown(), num(y), num(y + 15), num(w), num(LABEL + w + 6), in.css()));
            i++;
        }
        String targetX = target == null || max <= 0 ? null : num(LABEL + target * BARS / max);
        return new BarChart(rows, targetX, targetLabel, Math.max(ROW, 8 + inputs.size() * ROW));
    }

    public boolean empty() {
        return rows.isEmpty();
    }

    public int width() {
        return WIDTH;
    }

    public int labelWidth() {
        return LABEL;
    }

    public int labelX() {
        return LABEL - 8;
    }

    static String num(double n) {
        return String.format(Locale.ROOT, "%.1f", n);
    }
}
