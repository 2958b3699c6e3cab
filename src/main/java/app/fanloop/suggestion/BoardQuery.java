package app.fanloop.suggestion;

import java.util.List;

import app.fanloop.board.Board;
import app.fanloop.member.Visibility;
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
        StringBuilder where = new StringBuilder("s.board.id = :board and " + Visibility.jpqlPublic("s"));
        Parameters params = Parameters.with("board", board.id);
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
        TypedQuery<Object[]> select = Suggestion.getEntityManager().createQuery("select " + SuggestionRow.COLUMNS
                + " from Suggestion s join s.author a where " + where + " order by s.pinned desc, " + sort.orderBy,
                Object[].class);
        params.map().forEach(select::setParameter);
        List<Object[]> rows = select.setFirstResult((page - 1) * PAGE_SIZE).setMaxResults(PAGE_SIZE + 1).getResultList();
        return Page.of(SuggestionRow.of(rows, id -> board), page, PAGE_SIZE);
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
