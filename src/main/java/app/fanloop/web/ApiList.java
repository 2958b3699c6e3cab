package app.fanloop.web;

import java.util.List;
import java.util.function.Function;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list in the JSON API: the items and the cursor of the next page, or null at the end. A
 * cursor names the last item's place in the sort (see {@link Cursor}), so the next page starts right after
 * it however many posts arrived meanwhile.
 */
@Schema(description = "One page of a list; pass `next` as `cursor` for the following page.")
public record ApiList<T>(List<T> items,
        @Schema(description = "The cursor of the next page; null on the last page.", nullable = true) String next) {

    /** The largest page an API client may ask for. */
    public static final int MAX_LIMIT = 100;
    public static final int DEFAULT_LIMIT = 20;

    /**
     * From rows fetched with one row more than {@code limit}: when that extra row is there, the cursor after
     * the last row kept.
     */
    public static <R, T> ApiList<T> of(List<R> rowsPlusOne, int limit, Function<R, Cursor> cursorAfter,
            Function<R, T> view) {
        boolean more = rowsPlusOne.size() > limit;
        List<R> rows = more ? rowsPlusOne.subList(0, limit) : rowsPlusOne;
        return new ApiList<>(rows.stream().map(view).toList(),
                more ? cursorAfter.apply(rows.get(rows.size() - 1)).encode() : null);
    }

    /** A whole short list (boards, a roadmap column): no further page. */
    public static <T> ApiList<T> all(List<T> items) {
        return new ApiList<>(items, null);
    }

    /** The page size asked for, within 1…{@link #MAX_LIMIT}; {@link #DEFAULT_LIMIT} when not given. */
    public static int limit(Integer asked) {
        if (asked == null) {
            return DEFAULT_LIMIT;
        }
        if (asked < 1 || asked > MAX_LIMIT) {
            throw new FormInvalid(List.of(new FormInvalid.Problem("limit", asked < 1 ? FieldErrors.TOO_SMALL
                    : FieldErrors.TOO_LARGE, asked < 1 ? 1 : MAX_LIMIT)));
        }
        return asked;
    }
}
