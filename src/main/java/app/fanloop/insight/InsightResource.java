package app.fanloop.insight;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.insight.InsightService.Figures;
import app.fanloop.web.RequestLocale;
import app.fanloop.web.SplicedPage;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The staff's insights page (/triage/insights) and the CSV of each of its charts. */
@Path("/triage/insights")
public class InsightResource {

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance insights(InsightPage page, String charts, String asOf, long cacheSeconds,
                long risingMinutes);

        static native TemplateInstance insights$charts(InsightPage page);
    }

    private final InsightService insights;
    private final InsightFiguresCache cache;
    private final RequestLocale locale;

    InsightResource(InsightService insights, InsightFiguresCache cache, RequestLocale locale) {
        this.insights = insights;
        this.cache = cache;
        this.locale = locale;
    }

    @GET
    @Produces(MediaType.TEXT_HTML)
    public Response page(@RestQuery String from, @RestQuery String to, @RestQuery Long board, @RestQuery String by) {
        InsightFiguresCache.Cached cached = cache.figures(InsightRange.of(from, to, board, by, insights.today()));
        // The charts depend on the figures and the language only: drawn once per language while the figures are kept,
        // and spliced as bytes into each reader's page.
        InsightFiguresCache.Drawn drawn = cached.drawn(locale.get(), () -> {
            InsightPage page = InsightPage.of(cached.figures(), cached.perBoard(),
                    locale.messages(InsightMessages.class));
            return new InsightFiguresCache.Drawn(page, SplicedPage.part(Templates.insights$charts(page).render()));
        });
        String shell = Templates.insights(drawn.page(), SplicedPage.SLOT, cache.shownTime(cached), cache.ttl().toSeconds(),
                insights.risingEvery().toMinutes()).render();
        return new SplicedPage(shell, drawn.charts()).response();
    }

    @GET
    @Path("{chart}.csv")
    @Produces("text/csv")
    public Response csv(@RestPath String chart, @RestQuery String from, @RestQuery String to, @RestQuery Long board,
            @RestQuery String by) {
        InsightFiguresCache.Cached cached = cache.figures(InsightRange.of(from, to, board, by, insights.today()));
        Figures f = cached.figures();
        StringWriter out = new StringWriter();
        try (CSVPrinter csv = new CSVPrinter(out, CSVFormat.DEFAULT)) {
            switch (chart) {
                case "boards" -> {
                    csv.printRecord("board_id", "board", "period_start", "suggestions", "bugs", "total");
                    for (InsightBoards.BoardVolume b : cached.perBoard().volumes()) {
                        for (VolumeChart.Bucket p : b.buckets()) {
                            csv.printRecord(b.boardId(), b.board(), p.start(), p.suggestions(), p.bugs(),
                                    p.suggestions() + p.bugs());
                        }
                    }
                }
                case "board-weeks" -> {
                    csv.printRecord("board_id", "board", "week_start", "answer_median_hours", "answer_p90_hours",
                            "answered", "answer_median_over_target", "answer_p90_over_target", "ship_median_hours",
                            "ship_p90_hours", "shipped");
                    for (InsightBoards.BoardWeek w : cached.perBoard().weeks()) {
                        InsightService.Times a = w.answer();
                        InsightService.Times s = w.ship();
                        csv.printRecord(w.boardId(), w.board(), w.week(), a == null ? "" : a.median(),
                                a == null ? "" : a.p90(), a == null ? 0 : a.count(), w.answerMedianOver(),
                                w.answerP90Over(), s == null ? "" : s.median(), s == null ? "" : s.p90(),
                                s == null ? 0 : s.count());
                    }
                }
                case "ship-weeks" -> {
                    csv.printRecord("week_start", "median_hours", "p90_hours", "posts");
                    for (InsightService.Times t : cached.perBoard().shipWeeks()) {
                        csv.printRecord(t.board(), t.median(), t.p90(), t.count());
                    }
                }
                case "volume" -> {
                    csv.printRecord("period_start", "suggestions", "bugs", "total");
                    for (VolumeChart.Bucket b : f.volume()) {
                        csv.printRecord(b.start(), b.suggestions(), b.bugs(), b.suggestions() + b.bugs());
                    }
                    for (VolumeChart.Marker m : f.releases()) {
                        csv.printRecord("release " + m.version(), m.day(), "", "");
                    }
                }
                case "funnel" -> {
                    InsightService.Funnel u = f.funnel();
                    csv.printRecord("posted", "reviewed", "planned", "shipped", "declined", "merged");
                    csv.printRecord(u.posted(), u.reviewed(), u.planned(), u.shipped(), u.declined(), u.merged());
                }
                case "answer-weeks" -> {
                    csv.printRecord("week_start", "median_hours", "p90_hours", "posts");
                    for (InsightService.Times t : f.answerWeeks()) {
                        csv.printRecord(t.board(), t.median(), t.p90(), t.count());
                    }
                }
                case "answer", "ship" -> {
                    csv.printRecord("board_id", "board", "median_hours", "p90_hours", "posts");
                    for (InsightService.Times t : "answer".equals(chart) ? f.answerTimes() : f.shipTimes()) {
                        csv.printRecord(t.boardId(), t.board(), InsightPage.hours(t.medianHours()),
                                InsightPage.hours(t.p90Hours()), t.count());
                    }
                }
                case "rising" -> {
                    csv.printRecord("suggestion_id", "title", "last_7_days", "previous_7_days", "gain", "votes");
                    for (InsightService.Rising r : f.rising()) {
                        csv.printRecord(r.id(), r.title(), r.recent(), r.before(), r.gain(), r.votes());
                    }
                }
                case "features" -> {
                    csv.printRecord("feature_item_id", "title", "status", "demand");
                    for (InsightService.Feature it : f.features()) {
                        csv.printRecord(it.id(), it.title(), it.status(), it.demand());
                    }
                }
                case "feature-trends" -> {
                    csv.printRecord("feature_item_id", "title", "period_start", "new_voters", "voters_lost");
                    for (InsightService.FeatureTrend t : f.featureTrends()) {
                        for (int i = 0; i < t.gained().length; i++) {
                            csv.printRecord(t.id(), t.title(), t.starts().get(i), t.gained()[i], t.lost()[i]);
                        }
                    }
                }
                default -> throw new NotFoundException();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Response.ok(out.toString()).type("text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"fanloop-insights-" + chart + ".csv\"").build();
    }

    static List<String> charts() {
        return List.of("volume", "boards", "funnel", "answer", "answer-weeks", "ship", "ship-weeks", "board-weeks", "rising",
                "features", "feature-trends");
    }
}
