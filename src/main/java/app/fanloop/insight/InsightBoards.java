package app.fanloop.insight;

import java.sql.Date;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import app.fanloop.insight.InsightService.BoardName;
import app.fanloop.insight.InsightService.Times;
import app.fanloop.member.Viewer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Reads the insights page's figures per board from the daily roll-ups in one statement: the volume of every board
 * per period (the boards side by side) and, per board and week, median and 90th percentile of the time to the first
 * official answer and of the time to ship (plus the time to ship per week over the whole selection).
 */
@ApplicationScoped
public class InsightBoards {

    /** One statement whatever the range and the number of boards: the parts are told apart by the first column. */
    static final String SQL = """
            with d as (
                select board_id, kind, posted, answer_minutes, ship_minutes,
                       day - cast(extract(isodow from day) as integer) + 1 as week,
                       case when :weekly then day - cast(extract(isodow from day) as integer) + 1 else day end as period
                from insight_day where day between :from and :to and (:board = 0 or board_id = :board))
            select 'volume' as part, board_id, period,
                   cast(coalesce(sum(posted) filter (where kind = 'SUGGESTION'), 0) as double precision),
                   cast(coalesce(sum(posted) filter (where kind = 'BUG'), 0) as double precision), sum(posted)
            from d group by board_id, period
            union all
            select 'answer', board_id, week, percentile_cont(0.5) within group (order by m),
                   percentile_cont(0.9) within group (order by m), count(*)
            from d, unnest(d.answer_minutes) m group by board_id, week
            union all
            select 'ship', board_id, week, percentile_cont(0.5) within group (order by m),
                   percentile_cont(0.9) within group (order by m), count(*)
            from d, unnest(d.ship_minutes) m group by grouping sets ((board_id, week), (week))
            order by 1, 2, 3""";

    /** A board's posts in each period of the range. */
    public record BoardVolume(long boardId, String board, List<VolumeChart.Bucket> buckets) {
        public int suggestions() {
            return buckets.stream().mapToInt(VolumeChart.Bucket::suggestions).sum();
        }

        public int bugs() {
            return buckets.stream().mapToInt(VolumeChart.Bucket::bugs).sum();
        }

        public int total() {
            return suggestions() + bugs();
        }

        /** The periods with any post (the data table leaves out the empty ones; the CSV has them all). */
        public List<VolumeChart.Bucket> posted() {
            return buckets.stream().filter(b -> b.suggestions() + b.bugs() > 0).toList();
        }
    }

    /** One board's week: the waits of the posts posted that week (null when none was answered or shipped). */
    public record BoardWeek(long boardId, String board, LocalDate week, Times answer, Times ship, long targetHours) {

        public boolean answerMedianOver() {
            return answer != null && answer.medianHours() > targetHours;
        }

        public boolean answerP90Over() {
            return answer != null && answer.p90Hours() > targetHours;
        }
    }

    /** Every figure per board of one range. */
    public record Figures(List<BoardVolume> volumes, List<BoardWeek> weeks, List<Times> shipWeeks) {

        /** The weeks board by board (the table's groups), in the order of {@link #weeks}. */
        public List<List<BoardWeek>> weeksByBoard() {
            Map<Long, List<BoardWeek>> groups = new LinkedHashMap<>();
            weeks.forEach(w -> groups.computeIfAbsent(w.boardId(), k -> new ArrayList<>()).add(w));
            return new ArrayList<>(groups.values());
        }
    }

    private final EntityManager em;
    private final Viewer viewer;
    private final Duration answerTarget;

    InsightBoards(EntityManager em, Viewer viewer,
            @org.eclipse.microprofile.config.inject.ConfigProperty(name = "fanloop.triage.answer-target",
                    defaultValue = "PT48H") Duration answerTarget) {
        this.em = em;
        this.viewer = viewer;
        this.answerTarget = answerTarget;
    }

    /** The figures per board of the range, for staff only; {@code boards} names them in the boards' order. */
    @Transactional
    public Figures figures(InsightRange range, List<BoardName> boards) {
        viewer.requireStaff();
        List<LocalDate> periods = range.periods();
        Map<Long, String> names = new LinkedHashMap<>();
        boards.forEach(b -> names.put(b.id(), b.name()));
        Map<Long, int[][]> volume = new LinkedHashMap<>();
        Map<Long, Map<LocalDate, Times[]>> weeks = new LinkedHashMap<>();
        List<Times> shipWeeks = new ArrayList<>();
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery(SQL).setParameter("from", Date.valueOf(range.from()))
                .setParameter("to", Date.valueOf(range.to())).setParameter("weekly", range.weekly())
                .setParameter("board", range.boardId() == null ? 0L : range.boardId()).getResultList();
        for (Object[] row : rows) {
            String part = (String) row[0];
            Long board = row[1] == null ? null : ((Number) row[1]).longValue();
            LocalDate day = InsightDays.date(row[2]);
            double a = ((Number) row[3]).doubleValue();
            double b = ((Number) row[4]).doubleValue();
            long count = ((Number) row[5]).longValue();
            if ("volume".equals(part)) {
                int index = periods.indexOf(day);
                if (index >= 0) {
                    int[][] counts = volume.computeIfAbsent(board, k -> new int[periods.size()][2]);
                    counts[index][0] += (int) a;
                    counts[index][1] += (int) b;
                }
            } else if (board == null) {
                shipWeeks.add(new Times(0, day.toString(), a / 60, b / 60, count));
            } else {
                Times times = new Times(board, name(names, board), a / 60, b / 60, count);
                weeks.computeIfAbsent(board, k -> new TreeMap<>()).computeIfAbsent(day, k -> new Times[2])["answer"
                        .equals(part) ? 0 : 1] = times;
            }
        }
        return new Figures(volumes(volume, periods, names), boardWeeks(weeks, names), shipWeeks);
    }

    /** The boards with posts in the range, most posts first (then in the boards' order). */
    private static List<BoardVolume> volumes(Map<Long, int[][]> volume, List<LocalDate> periods, Map<Long, String> names) {
        List<BoardVolume> volumes = new ArrayList<>();
        for (Long board : ordered(volume.keySet(), names)) {
            int[][] counts = volume.get(board);
            List<VolumeChart.Bucket> buckets = new ArrayList<>();
            for (int i = 0; i < periods.size(); i++) {
                buckets.add(new VolumeChart.Bucket(periods.get(i), counts[i][0], counts[i][1]));
            }
            volumes.add(new BoardVolume(board, name(names, board), buckets));
        }
        List<BoardVolume> byTotal = new ArrayList<>(volumes);
        byTotal.sort((x, y) -> Integer.compare(y.total(), x.total()));
        return byTotal;
    }

    private List<BoardWeek> boardWeeks(Map<Long, Map<LocalDate, Times[]>> weeks, Map<Long, String> names) {
        long target = answerTarget.toHours();
        List<BoardWeek> list = new ArrayList<>();
        for (Long board : ordered(weeks.keySet(), names)) {
            weeks.get(board).forEach((week, t) -> list.add(new BoardWeek(board, name(names, board), week, t[0], t[1], target)));
        }
        return list;
    }

    /** Boards in the order of the board list, any not in it (a board archived since) after them by id. */
    private static List<Long> ordered(java.util.Set<Long> ids, Map<Long, String> names) {
        List<Long> ordered = new ArrayList<>();
        names.keySet().stream().filter(ids::contains).forEach(ordered::add);
        ids.stream().filter(id -> !names.containsKey(id)).sorted().forEach(ordered::add);
        return ordered;
    }

    private static String name(Map<Long, String> names, long board) {
        return names.getOrDefault(board, "#" + board);
    }
}
