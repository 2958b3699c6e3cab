package app.fanloop.web;

import java.util.List;

/** A page of a list: the rows, the page number, and whether there is a next page (no count query needed). */
public record Page<T>(List<T> items, int number, boolean hasNext) {

    /** From a query that fetched one row more than the page size. */
    public static <T> Page<T> of(List<T> rowsPlusOne, int number, int size) {
        boolean hasNext = rowsPlusOne.size() > size;
        return new Page<>(hasNext ? rowsPlusOne.subList(0, size) : rowsPlusOne, number, hasNext);
    }

    public boolean hasPrevious() {
        return number > 1;
    }

    public boolean isEmpty() {
        return items.isEmpty();
    }

    public int previous() {
        return number - 1;
    }

    public int next() {
        return number + 1;
    }
}
