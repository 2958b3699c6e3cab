package app.fanloop.member;

import java.util.regex.Pattern;

import app.fanloop.web.FieldErrors;

/**
 * The rules of a display name a member (or an admin) chooses, in one place: 2 to 20 characters (code points, so a CJK
 * name counts its characters), letters of any script, digits, {@code _}, {@code -} and {@code .}; no space and no
 * {@code @}, so that {@code @name} in a post names exactly one member; it begins and ends with a letter, a digit or
 * {@code _}, so "@bob." at the end of a sentence still names bob. Uniqueness (whatever the case) is the database's:
 * V74's member_name_unique, looked up by {@link Member#findByName}.
 */
public final class DisplayName {

    public static final int MIN = 2;
    public static final int MAX = 20;

    private static final Pattern ALLOWED = Pattern.compile("[\\p{L}\\p{Nd}_](?:[\\p{L}\\p{M}\\p{Nd}_.\\-]*[\\p{L}\\p{M}\\p{Nd}_])?");

    private DisplayName() {
    }

    /** The FieldErrors code of what is wrong with this (already stripped) name, or null when it keeps the rules. */
    public static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return FieldErrors.REQUIRED;
        }
        int length = name.codePointCount(0, name.length());
        if (length < MIN) {
            return FieldErrors.TOO_SHORT;
        }
        if (length > MAX) {
            return FieldErrors.TOO_LONG;
        }
        return ALLOWED.matcher(name).matches() ? null : "name_rules";
    }

    /** The limit a code of {@link #problem} speaks of (the shortest or longest length), else null. */
    public static Integer limitOf(String code) {
        return FieldErrors.TOO_SHORT.equals(code) ? Integer.valueOf(MIN) : FieldErrors.TOO_LONG.equals(code) ? Integer.valueOf(MAX) : null;
    }

    /**
     * The token's name with a number after it, for a new member whose token name someone already has: "bob" gives
     * "bob_2", "bob_3"…; cut so that it fits the column (100).
     */
    static String suffixed(String name, long number) {
        String suffix = "_" + number;
        int room = 100 - suffix.length();
        String base = name.length() > room ? name.substring(0, room) : name;
        return base + suffix;
    }
}
