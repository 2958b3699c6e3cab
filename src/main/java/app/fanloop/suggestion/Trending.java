package app.fanloop.suggestion;

import java.time.Instant;

import jakarta.enterprise.context.ApplicationScoped;

import app.fanloop.member.Visibility;

/**
 * The trending rank. Every vote (and the post itself) adds a weight of 2^(t / half-life), t counted
 * from a fixed epoch, so a weight halves every half-life relative to newer ones without ever being
 * rewritten. The column holds log2 of the sum, which stays small and indexable, and a vote changes
 * it in O(1): log2(2^a + 2^b) = max(a, b) + log2(1 + 2^-|a - b|).
 */
@ApplicationScoped
public class Trending {

    static final Instant EPOCH = Instant.parse("2024-01-01T00:00:00Z");

    /** Below 2^-1000 a term is zero for a double; PostgreSQL's power() would report underflow. */
    private static final String FLOOR = "-1000";

    /** SQL for the trending value after adding a weight of exponent :x. */
    static final String ADD = add(":x");

    /** SQL for the trending value after removing a weight of exponent :x (see {@link #remove}). */
    static final String REMOVE = remove(":x", "true");

    /** SQL for the trending value after adding a weight whose exponent is the SQL expression {@code x}. */
    static String add(String x) {
        return "greatest(trending, " + x + ") + ln(1 + power(2, greatest(" + FLOOR + ", -abs(trending - " + x
                + ")))) / ln(2)";
    }

    /**
     * SQL for the trending value after removing a weight whose exponent is the SQL expression {@code x}.
     * When the removed weight was nearly all of the sum, subtracting in log space loses precision, so the
     * value is recomputed exactly from the post and the remaining votes instead (rare, and bounded by one
     * suggestion); {@code remaining} is an SQL condition on the vote alias {@code v} that leaves out votes the
     * same statement deletes (a statement still sees the rows it deletes). Parameters :epoch and :halfLife.
     */
    static String remove(String x, String remaining) {
        return """
                case when trending - %2$s > 0.001 then trending + ln(1 - power(2, greatest(%1$s, %2$s - trending))) / ln(2)
                else (select max(e) + ln(sum(power(2, greatest(%1$s, e - m)))) / ln(2)
                      from (select e, max(e) over () as m from (
                            select (extract(epoch from s2.created_at) - :epoch) / :halfLife as e from suggestion s2 where s2.id = suggestion.id
                            union all
                            select (extract(epoch from v.created_at) - :epoch) / :halfLife from vote v
                            where v.suggestion_id = suggestion.id and %3$s
                      ) terms) weighted)
                end""".formatted(FLOOR, x, remaining);
    }

    /**
     * SQL for the exponent of the summed weights of several votes: {@code log2(Σ 2^e)} over the rows of
     * {@code votes} (a table expression with {@code created_at}), so one update removes them all at once.
     */
    static String sumOf(String votes) {
        return "(select max(e) + ln(sum(power(2, greatest(" + FLOOR + ", e - m)))) / ln(2) from (select e, max(e) over () as m"
                + " from (select (extract(epoch from r.created_at) - :epoch) / :halfLife as e from " + votes
                + " r) terms) weighted)";
    }

    /**
     * SQL that recomputes every counter and the trending value of all suggestions from the votes
     * (a member counts once, also with a second vote brought by a merge),
     * follows and comments tables: for bulk loads (demo data, benchmarks) and after changing the
     * half-life. Parameters :epoch and :halfLife as for REMOVE.
     */
    public static final String RECOMPUTE_ALL = """
            update suggestion s set
              vote_count = coalesce(v.n, 0),
              follower_count = (select count(*) from suggestion_follow f where f.suggestion_id = s.id),
              comment_count = (select count(*) from comment c where c.suggestion_id = s.id and %2$s),
              trending = t.value
            from suggestion base
            left join (select suggestion_id, count(distinct member_id) n from vote group by suggestion_id) v on v.suggestion_id = base.id
            cross join lateral (
              select max(e) + ln(sum(power(2, greatest(%1$s, e - m)))) / ln(2) as value
              from (select e, max(e) over () as m from (
                    select (extract(epoch from base.created_at) - :epoch) / :halfLife as e
                    union all
                    select (extract(epoch from vv.created_at) - :epoch) / :halfLife from vote vv where vv.suggestion_id = base.id
              ) terms) weighted
            ) t
            where s.id = base.id""".formatted(FLOOR, Visibility.sqlShown("c"));

    private final double halfLifeSeconds;

    Trending(RankingConfig config) {
        this.halfLifeSeconds = config.halfLife().toMillis() / 1000.0;
    }

    /** The exponent of the weight a vote (or post) at this time adds. */
    public double exponent(Instant time) {
        double seconds = (time.toEpochMilli() - EPOCH.toEpochMilli()) / 1000.0;
        return seconds / halfLifeSeconds;
    }

    public double halfLifeSeconds() {
        return halfLifeSeconds;
    }

    public long epochSeconds() {
        return EPOCH.getEpochSecond();
    }
}
