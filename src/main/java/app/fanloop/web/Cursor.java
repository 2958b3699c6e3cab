package app.fanloop.web;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Where the next page of an API list starts: the sort key of the last item shown (e.g. a notification's id, or a
 * suggestion's votes and id), opaque to clients (base64url of the values). A page asks for the rows strictly after
 * that key in the list's order, so rows that arrive meanwhile never shift or repeat it, as an offset would.
 * <pre>{@code
 * Cursor after = Cursor.parse(cursor, 1);                  // null on the first page; 400 when not one of ours
 * int limit = Cursor.limit(requested, 20, 100);            // 400 when out of range
 * List<Row> rows = ...where id < :after... limit + 1;      // one row more than shown
 * return Cursor.Page.of(rows, limit, r -> Cursor.of(r.id()), this::view);
 * }</pre>
 */
public final class Cursor {

    private static final String VERSION = "1";
    private static final char SEPARATOR = '\u001f';

    private final List<String> values;

    private Cursor(List<String> values) {
        this.values = values;
    }

    /** A cursor from the sort key's values (numbers, instants, strings), in the order of the list's sort. */
    public static String of(Object... key) {
        StringBuilder text = new StringBuilder(VERSION);
        for (Object value : key) {
            String part = value instanceof Instant t ? Long.toString(t.getEpochSecond()) + "." + t.getNano() : String.valueOf(value);
            if (part.indexOf(SEPARATOR) >= 0) {
                throw new IllegalArgumentException("a cursor value may not contain the separator");
            }
            text.append(SEPARATOR).append(part);
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.toString().getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The cursor a client sent back, of a key with {@code parts} values; null when none was sent (the first page).
     * Anything else is a 400 problem naming the parameter "cursor".
     */
    public static Cursor parse(String cursor, int parts) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            List<String> values = new ArrayList<>(List.of(text.split(String.valueOf(SEPARATOR), -1)));
            if (values.size() != parts + 1 || !VERSION.equals(values.remove(0))) {
                throw ApiProblem.badQuery("cursor");
            }
            return new Cursor(values);
        } catch (IllegalArgumentException notBase64) {
            throw ApiProblem.badQuery("cursor");
        }
    }

    public long longAt(int index) {
        try {
            return Long.parseLong(values.get(index));
        } catch (NumberFormatException e) {
            throw ApiProblem.badQuery("cursor");
        }
    }

    public Instant instantAt(int index) {
        String[] parts = values.get(index).split("\\.", -1);
        try {
            return Instant.ofEpochSecond(Long.parseLong(parts[0]), parts.length > 1 ? Long.parseLong(parts[1]) : 0);
        } catch (RuntimeException e) {
            throw ApiProblem.badQuery("cursor");
        }
    }

    public double doubleAt(int index) {
        try {
            return Double.parseDouble(values.get(index));
        } catch (NumberFormatException e) {
            throw ApiProblem.badQuery("cursor");
        }
    }

    public boolean booleanAt(int index) {
        String value = values.get(index);
        if (!value.equals("true") && !value.equals("false")) {
            throw ApiProblem.badQuery("cursor");
        }
        return Boolean.parseBoolean(value);
    }

    /** The page size the API's lists take: 20 unless asked, at most 100. */
    public static int limit(Integer requested) {
        return limit(requested, 20, 100);
    }

    public String stringAt(int index) {
        return values.get(index);
    }

    /** A page size asked for: {@code fallback} when absent, a 400 problem naming "limit" outside 1…max. */
    public static int limit(Integer requested, int fallback, int max) {
        if (requested == null) {
            return fallback;
        }
        if (requested < 1 || requested > max) {
            throw new ApiProblem(ProblemType.BAD_REQUEST, List.of(new FormInvalid.Problem("limit",
                    requested < 1 ? FieldErrors.TOO_SMALL : FieldErrors.TOO_LARGE, requested < 1 ? 1 : max)));
        }
        return requested;
    }

    /** The API's shape of a list: the items, and the cursor of the next page (null on the last). */
    @Schema(name = "Page", description = "A page of a list; ask for the next one with ?cursor=<next>")
    public record Page<T>(List<T> items,
            @Schema(description = "Opaque cursor of the next page; null on the last page", nullable = true) String next) {

        /**
         * A page from one row more than {@code limit} (fetched to know whether a next page exists), each row shown
         * as {@code view} makes it, the cursor made from the last row shown.
         */
        /** A whole short list (boards, hints): no further page. */
        public static <T> Page<T> all(List<T> items) {
            return new Page<>(items, null);
        }

        public static <R, T> Page<T> of(List<R> rows, int limit, Function<R, String> cursorOf, Function<R, T> view) {
            boolean more = rows.size() > limit;
            List<R> shown = more ? rows.subList(0, limit) : rows;
            return new Page<>(shown.stream().map(view).toList(), more ? cursorOf.apply(shown.get(shown.size() - 1)) : null);
        }
    }
}
