package app.fanloop.insight;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import app.fanloop.insight.InsightService.Figures;
import app.fanloop.insight.InsightService.Times;

/** What the insights page draws: the figures and, built from them, each chart in the reader's language. */
public record InsightPage(Figures figures, VolumeChart volume, BarChart funnel, BarChart answer, BarChart answerWeeks,
        BarChart ship,
        BarChart rising, BarChart features, long targetHours, InsightBoards.Figures perBoard, BoardsChart boards,
        BarChart shipWeeks) {

    static InsightPage of(Figures f, InsightBoards.Figures perBoard, InsightMessages msg) {
        long targetHours = f.answerTarget().toHours();
        InsightService.Funnel fu = f.funnel();
        List<BarChart.Input> funnel = List.of(
                new BarChart.Input(msg.posted(), fu.posted(), Long.toString(fu.posted()), "bar-total"),
                new BarChart.Input(msg.reviewed(), fu.reviewed(), shown(fu.reviewed(), fu.posted()), "bar-a"),
                new BarChart.Input(msg.planned(), fu.planned(), shown(fu.planned(), fu.posted()), "bar-a"),
                new BarChart.Input(msg.shipped(), fu.shipped(), shown(fu.shipped(), fu.posted()), "bar-a"),
                new BarChart.Input(msg.declined(), fu.declined(), shown(fu.declined(), fu.posted()), "bar-b"),
                new BarChart.Input(msg.merged(), fu.merged(), shown(fu.merged(), fu.posted()), "bar-b"));
        List<BarChart.Input> rising = new ArrayList<>();
        f.rising().forEach(r -> rising.add(new BarChart.Input(r.title(), r.gain(), "+" + r.gain(), "bar-a")));
        List<BarChart.Input> features = new ArrayList<>();
        f.features().forEach(it -> features.add(new BarChart.Input(it.title(), it.demand(), Long.toString(it.demand()),
                it.planned() ? "bar-b" : "bar-a")));
        return new InsightPage(f, VolumeChart.of(f.volume(), f.releases(), f.range()), BarChart.of(funnel, null, null),
                times(f.answerTimes(), (double) targetHours, msg.target(targetHours)),
                times(f.answerWeeks(), (double) targetHours, msg.target(targetHours)), times(f.shipTimes(), null, null),
                BarChart.of(rising, null, null), BarChart.of(features, null, null), targetHours, perBoard,
                BoardsChart.of(perBoard.volumes()), times(perBoard.shipWeeks(), null, null));
    }

    /** Two bars per board: the median, then the 90th percentile. */
    private static BarChart times(List<Times> times, Double target, String targetLabel) {
        List<BarChart.Input> inputs = new ArrayList<>();
        for (Times t : times) {
            inputs.add(new BarChart.Input(t.board(), t.medianHours(), hours(t.medianHours()), "bar-a"));
            inputs.add(new BarChart.Input("p90", t.p90Hours(), hours(t.p90Hours()), "bar-b"));
        }
        return BarChart.of(inputs, target, targetLabel);
    }

    static String hours(double hours) {
        return String.format(Locale.ROOT, "%.1f", hours);
    }

    private static String shown(long n, long of) {
        return of == 0 ? Long.toString(n) : n + " · " + Math.round(100.0 * n / of) + "%";
    }
}
