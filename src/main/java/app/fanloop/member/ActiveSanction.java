package app.fanloop.member;

import java.time.Instant;

/** The sanction in force on the viewer: a ban outweighs a silence. */
public record ActiveSanction(String kind, String reason, Instant until) {

    /**
     * The one rule for the sanction in force on the member in {@code memberColumn} at the parameter {@code :now}:
     * not lifted, started, not run out; a ban first, then the longest. A query of one row (kind, reason, ends_at),
     * or none.
     */
    static String inForceSql(String memberColumn) {
        return "select kind, reason, ends_at from sanction where member_id = " + memberColumn
                + " and lifted_at is null and starts_at <= :now and (ends_at is null or ends_at > :now)"
                + " order by case kind when 'BAN' then 0 else 1 end, ends_at desc nulls first limit 1";
    }

    /**
     * Whether a ban is in force on the member in {@code memberColumn} at the parameter {@code :now}, as an SQL
     * condition (the same rule as {@link #inForceSql}): a banned member is not @mentioned nor offered by name.
     */
    public static String banInForceSql(String memberColumn) {
        return "exists (select 1 from sanction where member_id = " + memberColumn + " and kind = 'BAN'"
                + " and lifted_at is null and starts_at <= :now and (ends_at is null or ends_at > :now))";
    }

    public boolean isBan() {
        return "BAN".equals(kind);
    }

    public boolean isPermanent() {
        return until == null;
    }
}
