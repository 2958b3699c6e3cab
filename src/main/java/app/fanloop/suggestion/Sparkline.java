package app.fanloop.suggestion;

import java.util.Locale;

/** Votes per day over the last days, drawn as a small SVG polyline on the server. */
public record Sparkline(int[] perDay, int max, int total) {

    static final int WIDTH = 90;
    static final int HEIGHT = 20;

    public static Sparkline of(int[] perDay) {
        int max = 0;
        int total = 0;
        for (int n : perDay) {
            max = Math.max(max, n);
            total += n;
        }
        return new Sparkline(perDay, max, total);
    }

    public static Sparkline empty(int days) {
        return of(new int[days]);
    }

    /** The polyline's points in a WIDTH × HEIGHT box, oldest day on the left. */
    public String points() {
        StringBuilder points = new StringBuilder();
        int n = perDay.length;
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? 0 : (double) i * WIDTH / (n - 1);
            double y = HEIGHT - 1 - (max == 0 ? 0 : (double) perDay[i] * (HEIGHT - 2) / max);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        return points.toString().strip();
    }

    public int width() {
        return WIDTH;
    }

    public int height() {
        return HEIGHT;
    }
}
