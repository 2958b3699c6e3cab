package app.fanloop.search;

import java.time.Duration;
import java.time.Instant;

import app.fanloop.search.StaleRows.Phase;

/**
 * The latest catch-up run of the search index, as the admin page and the progress lines show it: rows done of
 * the rows that were stale when it began, the working node's rate and the time left at that rate.
 */
public record ReindexStatus(int version, Phase phase, long total, long done, int batches, double rowsPerSecond,
        String node, Instant startedAt, Instant updatedAt, Instant finishedAt, State state) {

    /** A run with no batch for this long has no node working on it: it waits for the next start. */
    static final Duration IDLE = Duration.ofMinutes(1);

    public enum State {
        RUNNING, PAUSED, DONE
    }

    static ReindexStatus of(int version, Phase phase, long total, long done, int batches, double rowsPerSecond,
            String node, Instant startedAt, Instant updatedAt, Instant finishedAt, Instant now) {
        Instant last = updatedAt == null ? startedAt : updatedAt;
        State state = phase == Phase.DONE ? State.DONE
                : last.plus(IDLE).isAfter(now) ? State.RUNNING : State.PAUSED;
        return new ReindexStatus(version, phase, total, done, batches, rowsPerSecond, node, startedAt, updatedAt,
                finishedAt, state);
    }

    public boolean running() {
        return state == State.RUNNING;
    }

    public boolean paused() {
        return state == State.PAUSED;
    }

    public boolean finished() {
        return state == State.DONE;
    }

    /** The source being indexed (suggestions, comments or releases); none when done. */
    public String source() {
        return phase == Phase.DONE ? "" : phase.name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Share of the stale rows done. Rows a live write indexed first are not the run's, so a finished run may have
     * done fewer rows than it found: it says 100 when finished and at most 99 before.
     */
    public int percent() {
        if (state == State.DONE) {
            return 100;
        }
        return total == 0 ? 0 : (int) Math.min(99, done * 100 / total);
    }

    /** The time left at the working node's rate, while a node works on it; otherwise null. */
    public Span left() {
        if (state != State.RUNNING || rowsPerSecond <= 0) {
            return null;
        }
        return Span.of(Duration.ofSeconds((long) Math.ceil(Math.max(0, total - done) / rowsPerSecond)));
    }

    /** Start to finish of a finished run; null before. */
    public Span took() {
        return finishedAt == null ? null : Span.between(startedAt, finishedAt);
    }

    public String doneText() {
        return String.format("%,d", done);
    }

    public String totalText() {
        return String.format("%,d", total);
    }

    public String rateText() {
        return String.format("%,.0f", rowsPerSecond);
    }

    /** A duration as hours, minutes and seconds, for a message with those three numbers. */
    public record Span(long hours, int minutes, int seconds) {

        static Span of(Duration d) {
            return new Span(d.toHours(), d.toMinutesPart(), d.toSecondsPart());
        }

        static Span between(Instant from, Instant to) {
            return of(Duration.between(from, to));
        }

        /** For the log: "1 h 02 min 05 s", "4 min 12 s", "40 s". */
        @Override
        public String toString() {
            return hours > 0 ? String.format("%d h %02d min %02d s", hours, minutes, seconds)
                    : minutes > 0 ? String.format("%d min %02d s", minutes, seconds) : seconds + " s";
        }
    }
}
