package app.fanloop.insight;

import java.sql.Date;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import app.fanloop.member.Viewer;
import app.fanloop.member.Visibility;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Reads the figures of the insights page for staff: a fixed set of statements over the daily roll-ups (volume,
 * funnel, answer and ship times), the published releases, the votes of the last 14 days (rising suggestions)
 * and the feature items by demand. Nothing here scans the suggestions.
 */
@ApplicationScoped
public class InsightService {

    /** A board: id and name. */
    public record BoardName(long id, String name) {
    }

    /** The rows of one range: every figure the charts and tables show. */
    public record Figures(InsightRange range, List<BoardName> boards, List<VolumeChart.Bucket> volume,
            List<VolumeChart.Marker> releases, Funnel funnel, List<Times> answerTimes, List<Times> answerWeeks,
            List<Times> shipTimes,
            List<Rising> rising, List<Feature> features, List<FeatureTrend> featureTrends, Duration answerTarget,
            InsightJobs.Progress backfill) {
    }

    /**
     * Demand over time: per period of the range, how many members became voters of one of the most wanted items
     * (their first vote on any of its suggestions) and how many stopped being one (feature_demand_day).
     */
    public record FeatureTrend(long id, String title, List<LocalDate> starts, int[] gained, int[] lost) {
        /** New voters in the range. */
        public int total() {
            return java.util.Arrays.stream(gained).sum();
        }

        public int totalLost() {
            return java.util.Arrays.stream(lost).sum();
        }

        /** The polyline of the new voters per period in a 160 × 24 box. */
        public String points() {
            int max = Math.max(1, java.util.Arrays.stream(gained).max().orElse(1));
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < gained.length; i++) {
                double x = gained.length == 1 ? 0 : 160.0 * i / (gained.length - 1);
                double y = 23 - 22.0 * gained[i] / max;
                points.append(BarChart.num(x)).append(',').append(BarChart.num(y)).append(' ');
            }
            return points.toString().strip();
        }
    }

    /** Of what was posted in the range: where it stands now. */
    public record Funnel(long posted, long reviewed, long planned, long shipped, long declined, long merged) {
    }

    /**
     * Median and 90th percentile of a wait in hours, over {@code count} posts of a board ({@code board} is the
     * board's name; for a week, {@code boardId} is 0 and {@code board} the week's Monday).
     */
    public record Times(long boardId, String board, double medianHours, double p90Hours, long count) {
        public String median() {
            return InsightPage.hours(medianHours);
        }

        public String p90() {
            return InsightPage.hours(p90Hours);
        }
    }

    /** A suggestion's votes over the last 7 days against the 7 before. */
    public record Rising(long id, String title, long recent, long before, long votes) {
        public long gain() {
            return recent - before;
        }
    }

    /** A feature item: demand (distinct voters) and status. */
    public record Feature(long id, String title, String status, long demand) {
        public boolean planned() {
            return !"BACKLOG".equals(status);
        }
    }

    private final EntityManager em;
    private final Viewer viewer;
    private final SiteClock clock;
    private final InsightDays days;
    private final InsightJobs jobs;
    private final RisingSuggestions risingSuggestions;
    private final Duration answerTarget;

    InsightService(EntityManager em, Viewer viewer, SiteClock clock, InsightDays days, InsightJobs jobs,
            RisingSuggestions risingSuggestions,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "fanloop.triage.answer-target",
                    defaultValue = "PT48H") Duration answerTarget) {
        this.em = em;
        this.viewer = viewer;
        this.clock = clock;
        this.days = days;
        this.jobs = jobs;
        this.risingSuggestions = risingSuggestions;
        this.answerTarget = answerTarget;
    }

    /** The site's zone (days start at its midnight). */
    public java.time.ZoneId zone() {
        return days.zone();
    }

    /** Today in the site's zone. */
    public LocalDate today() {
        return clock.now().atZone(days.zone()).toLocalDate();
    }

    /** Every figure of the page, for staff only. */
    @Transactional
    public Figures figures(InsightRange range) {
        viewer.requireStaff();
        List<BoardName> boards = boards();
        Map<LocalDate, long[]> buckets = new TreeMap<>();
        for (LocalDate d = range.bucket(range.from()); !d.isAfter(range.to()); d = d.plusDays(range.weekly() ? 7 : 1)) {
            buckets.put(d, new long[2]);
        }
        long[] funnel = new long[6];
        for (Object[] row : rows("""
                select day, kind, sum(posted), sum(reviewed), sum(planned), sum(shipped), sum(declined), sum(merged)
                from insight_day where day between :from and :to and (:board = 0 or board_id = :board)
                group by day, kind""", range)) {
            LocalDate day = InsightDays.date(row[0]);
            long[] b = buckets.get(range.bucket(day));
            if (b != null) {
                b["BUG".equals(row[1]) ? 1 : 0] += n(row[2]);
            }
            for (int i = 0; i < 6; i++) {
                funnel[i] += n(row[2 + i]);
            }
        }
        List<VolumeChart.Bucket> volume = new ArrayList<>();
        buckets.forEach((d, b) -> volume.add(new VolumeChart.Bucket(d, (int) b[0], (int) b[1])));

        Map<String, String> boardNames = new LinkedHashMap<>();
        boards.forEach(b -> boardNames.put(Long.toString(b.id()), b.name()));
        List<Times> answer = new ArrayList<>();
        List<Times> ship = new ArrayList<>();
        List<Times> answerWeeks = new ArrayList<>();
        for (Object[] row : rows("""
                select 'answer', d.board_id, percentile_cont(0.5) within group (order by m),
                       percentile_cont(0.9) within group (order by m), count(*)
                from insight_day d, unnest(d.answer_minutes) m
                where d.day between :from and :to and (:board = 0 or d.board_id = :board)
                group by d.board_id
                union all
                select 'ship', d.board_id, percentile_cont(0.5) within group (order by m),
                       percentile_cont(0.9) within group (order by m), count(*)
                from insight_day d, unnest(d.ship_minutes) m
                where d.day between :from and :to and (:board = 0 or d.board_id = :board)
                group by d.board_id
                union all
                select 'week', cast(d.day - cast(extract(isodow from d.day) as integer) + 1 - date '1970-01-01' as bigint),
                       percentile_cont(0.5) within group (order by m), percentile_cont(0.9) within group (order by m),
                       count(*)
                from insight_day d, unnest(d.answer_minutes) m
                where d.day between :from and :to and (:board = 0 or d.board_id = :board)
                group by 2
                order by 1, 2""", range)) {
            long key = n(row[1]);
            double median = ((Number) row[2]).doubleValue() / 60;
            double p90 = ((Number) row[3]).doubleValue() / 60;
            switch ((String) row[0]) {
                case "week" -> answerWeeks.add(new Times(0, LocalDate.ofEpochDay(key).toString(), median, p90, n(row[4])));
                case "answer" -> answer.add(new Times(key, boardNames.getOrDefault(Long.toString(key), "#" + key), median,
                        p90, n(row[4])));
                default -> ship.add(new Times(key, boardNames.getOrDefault(Long.toString(key), "#" + key), median, p90,
                        n(row[4])));
            }
        }

        List<VolumeChart.Marker> releases = new ArrayList<>();
        for (Object[] row : list(em.createNativeQuery("""
                select version, published_at from release
                where state = 'PUBLISHED' and published_at >= :from and published_at < :to order by published_at""")
                .setParameter("from", Timestamp.from(range.from().atStartOfDay(days.zone()).toInstant()))
                .setParameter("to", Timestamp.from(range.to().plusDays(1).atStartOfDay(days.zone()).toInstant())))) {
            releases.add(new VolumeChart.Marker((String) row[0],
                    SiteClock.instant(row[1]).atZone(days.zone()).toLocalDate(), null));
        }
        return new Figures(range, boards, volume, releases,
                new Funnel(funnel[0], funnel[1], funnel[2], funnel[3], funnel[4], funnel[5]), answer, answerWeeks, ship,
                rising(range.boardId()), features(), featureTrends(range, buckets.keySet()), answerTarget,
                jobs.progress());
    }

    /**
     * The feature items neither shipped nor cancelled, most wanted first (by the index feature_item_demand): the
     * features table and the demand-over-time chart list the same items in the same order.
     */
    private static final String MOST_WANTED_OPEN = """
            select id, title, status, demand from feature_item where status in ('BACKLOG', 'PLANNED', 'IN_PROGRESS')
            order by demand desc, id desc""";

    /** How often the rising suggestions are computed (the page's freshness line). */
    public Duration risingEvery() {
        return risingSuggestions.every();
    }

    /** The suggestions with the largest vote gain over the last 7 days against the 7 before (RisingSuggestions). */
    List<Rising> rising(Long boardId) {
        return risingSuggestions.top(boardId);
    }

    /**
     * New and lost voters per period of the range of the five most wanted open feature items (the same order as
     * {@link #features}): their rows of feature_demand_day in the range, by its primary key.
     */
    List<FeatureTrend> featureTrends(InsightRange range, java.util.Set<LocalDate> starts) {
        List<LocalDate> periods = new ArrayList<>(starts);
        Map<Long, FeatureTrend> trends = new LinkedHashMap<>();
        for (Object[] row : list(em.createNativeQuery("""
                select f.id, f.title, d.day, d.gained, d.lost
                from (%s limit 5) f
                left join feature_demand_day d on d.feature_item_id = f.id and d.day between :from and :to
                order by f.demand desc, f.id desc""".formatted(MOST_WANTED_OPEN))
                .setParameter("from", Date.valueOf(range.from())).setParameter("to", Date.valueOf(range.to())))) {
            FeatureTrend trend = trends.computeIfAbsent(n(row[0]), id -> new FeatureTrend(id, (String) row[1], periods,
                    new int[periods.size()], new int[periods.size()]));
            if (row[2] != null) {
                int index = periods.indexOf(range.bucket(InsightDays.date(row[2])));
                if (index >= 0) {
                    trend.gained()[index] += (int) n(row[3]);
                    trend.lost()[index] += (int) n(row[4]);
                }
            }
        }
        return new ArrayList<>(trends.values());
    }

    /** The most wanted feature items that are neither shipped nor cancelled, with their status. */
    List<Feature> features() {
        List<Feature> features = new ArrayList<>();
        for (Object[] row : list(em.createNativeQuery(MOST_WANTED_OPEN + " limit 12"))) {
            features.add(new Feature(n(row[0]), (String) row[1], (String) row[2], n(row[3])));
        }
        return features;
    }

    private List<BoardName> boards() {
        List<BoardName> boards = new ArrayList<>();
        for (Object[] row : list(em.createNativeQuery(
                "select id, name from board where " + Visibility.publicOnly().sqlProgram("board") + " order by position, id"))) {
            boards.add(new BoardName(n(row[0]), (String) row[1]));
        }
        return boards;
    }

    private List<Object[]> rows(String sql, InsightRange range) {
        return list(em.createNativeQuery(sql).setParameter("from", Date.valueOf(range.from()))
                .setParameter("to", Date.valueOf(range.to())).setParameter("board", range.boardId() == null ? 0L : range.boardId()));
    }

    @SuppressWarnings("unchecked")
    private static List<Object[]> list(jakarta.persistence.Query query) {
        return query.getResultList();
    }

    private static long n(Object value) {
        return value == null ? 0 : ((Number) value).longValue();
    }
}
