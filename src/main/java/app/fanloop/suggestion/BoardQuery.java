package app.fanloop.suggestion;

import java.util.List;

import app.fanloop.board.Board;
import app.fanloop.member.Visibility;
import app.fanloop.web.Cursor;
import app.fanloop.web.Page;
import app.fanloop.web.Pages;
import io.quarkus.panache.common.Parameters;
import jakarta.persistence.TypedQuery;

/** One page of a board's suggestions: a sort, optional status and kind filters, and a page number. */
public record BoardQuery(SuggestionSort sort, SuggestionStatus status, SuggestionKind kind, int page) {

    public static final int PAGE_SIZE = 20;
    /** Deep pages cost an ever larger offset scan; beyond this, search and filters are the way in. */
    public static final int MAX_PAGE = 500;

    public static BoardQuery of(String sort, String status, String kind, Integer page) {
        int p = Pages.clamp(page, MAX_PAGE);
        return new BoardQuery(SuggestionSort.parse(sort), SuggestionStatus.parse(status), SuggestionKind.parse(kind), p);
    }

    /**
     * The page's suggestions with authors, in one statement, as values (SuggestionRow); one extra row tells
     * whether a next page exists.
     */
    public Page<SuggestionRow> run(Board board) {
        Parameters params = Parameters.with("board", board.id);
        TypedQuery<Object[]> select = Suggestion.getEntityManager().createQuery("select " + SuggestionRow.COLUMNS
                + " from Suggestion s join s.author a where " + where(board, params) + " order by s.pinned desc, " + sort.orderBy,
                Object[].class);
        params.map().forEach(select::setParameter);
        List<Object[]> rows = select.setFirstResult((page - 1) * PAGE_SIZE).setMaxResults(PAGE_SIZE + 1).getResultList();
        return Page.of(SuggestionRow.of(rows, id -> board), page, PAGE_SIZE);
    }

    /** A row of the API's list with the cursor that continues after it. */
    public record Keyed(SuggestionRow row, String after) {
    }

    /**
     * The API's page: up to {@code limit + 1} rows after {@code cursor} (null: from the top) in the same order
     * as {@link #run}, by the sort's key rather than an offset, so rows arriving meanwhile shift nothing and a
     * deep page reads what the first does (the board's index for the sort). One statement.
     */
    public List<Keyed> after(Board board, Cursor cursor, int limit) {
        Parameters params = Parameters.with("board", board.id);
        String where = where(board, params);
        if (cursor != null) {
            where += " and (s.pinned, " + sort.key + ", s.id) < (:pinned, :key, :id)";
            params.and("pinned", cursor.booleanAt(0)).and("id", cursor.longAt(2)).and("key", switch (sort) {
                case TRENDING -> cursor.doubleAt(1);
                case TOP -> (int) cursor.longAt(1);
                case NEW -> cursor.instantAt(1);
            });
        }
        TypedQuery<Object[]> select = Suggestion.getEntityManager().createQuery("select " + SuggestionRow.COLUMNS
                + ", " + sort.key + " from Suggestion s join s.author a where " + where + " order by s.pinned desc, "
                + sort.orderBy, Object[].class);
        params.map().forEach(select::setParameter);
        List<Object[]> rows = select.setMaxResults(limit + 1).getResultList();
        List<SuggestionRow> values = SuggestionRow.of(rows, id -> board);
        List<Keyed> keyed = new java.util.ArrayList<>(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            SuggestionRow row = values.get(i);
            keyed.add(new Keyed(row, Cursor.of(row.pinned(), rows.get(i)[SuggestionRow.COLUMN_COUNT], row.id())));
        }
        return keyed;
    }

    /** The board, the one visibility rule for a list shared by all readers (of the board's program), and the filters. */
    private String where(Board board, Parameters params) {
        StringBuilder where = new StringBuilder("s.board.id = :board and " + Visibility.publicIn(board.programId).jpql("s"));
        if (status != null) {
            where.append(" and s.status = :status");
            params.and("status", status);
        } else {
            where.append(" and s.status <> :merged");
            params.and("merged", SuggestionStatus.MERGED);
        }
        if (kind != null) {
            where.append(" and s.kind = :kind");
            params.and("kind", kind);
        }
        return where.toString();
    }

    /** The query string for this query without its page number, for pagination links. */
    public String pageBase() {
        StringBuilder q = new StringBuilder("?sort=").append(sort.param());
        if (status != null) {
            q.append("&status=").append(status.name());
        }
        if (kind != null) {
            q.append("&kind=").append(kind.name());
        }
        return q.append("&page=").toString();
    }

    public String statusParam() {
        return status == null ? "" : status.name();
    }

    public String kindParam() {
        return kind == null ? "" : kind.name();
    }
}
