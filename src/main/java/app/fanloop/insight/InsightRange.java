package app.fanloop.insight;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;

/**
 * The period the insights page shows: site-zone days {@code from} to {@code to} inclusive, a board or all, and
 * whether volume is drawn per day or per week (Monday to Sunday). Default: the last 8 weeks to today, by week.
 */
public record InsightRange(LocalDate from, LocalDate to, Long boardId, boolean weekly) {

    static final int DEFAULT_DAYS = 56;
    /** The longest range one page draws (two years of weeks). */
    static final int MAX_DAYS = 731;

    /** The range from the query's parameters, anything missing or unreadable replaced by the default. */
    public static InsightRange of(String from, String to, Long boardId, String by, LocalDate today) {
        LocalDate end = parse(to, today);
        LocalDate start = parse(from, end.minusDays(DEFAULT_DAYS - 1L));
        if (start.isAfter(end)) {
            start = end;
        }
        if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
            start = end.minusDays(MAX_DAYS - 1L);
        }
        boolean weekly = by == null ? ChronoUnit.DAYS.between(start, end) > 31 : !"day".equals(by);
        return new InsightRange(start, end, boardId, weekly);
    }

    private static LocalDate parse(String text, LocalDate fallback) {
        if (text == null || text.isBlank()) {
            return fallback;
        }
        try {
            return LocalDate.parse(text.strip());
        } catch (DateTimeParseException e) {
            return fallback;
        }
    }

    /** The first day of the bucket a day falls in. */
    LocalDate bucket(LocalDate day) {
        return weekly ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day;
    }

    /** The first day of every bucket of the range, in order. */
    java.util.List<LocalDate> periods() {
        java.util.List<LocalDate> periods = new java.util.ArrayList<>();
        for (LocalDate d = bucket(from); !d.isAfter(to); d = d.plusDays(weekly ? 7 : 1)) {
            periods.add(d);
        }
        return periods;
    }

    /** The query string that keeps this range (for CSV links). */
    public String query() {
        return "from=" + from + "&to=" + to + "&by=" + (weekly ? "week" : "day") + (boardId == null ? "" : "&board=" + boardId);
    }

    public String by() {
        return weekly ? "week" : "day";
    }
}
