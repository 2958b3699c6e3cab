package app.fanloop.search;

import java.util.List;

import app.fanloop.board.Board;
import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.web.Page;

/**
 * What the search page shows: the query, one page of results, and how they were found. When no
 * result holds every word, the page shows those that hold most of them and says so ({@code partial}).
 */
public record SearchResults(SearchQuery query, Page<SearchHit> hits, boolean partial, boolean tooBroad,
        List<Board> boards, boolean admin) {

    public static SearchResults none(SearchQuery query, List<Board> boards, boolean admin) {
        return new SearchResults(query, new Page<>(List.of(), query.page(), false), false, false, boards, admin);
    }

    /** The board this search is limited to, if any. */
    public Board board() {
        return query.board() == null ? null
                : boards.stream().filter(b -> b.slug.equals(query.board())).findFirst().orElse(null);
    }

    /** Boards where the member may post what they did not find. */
    public List<Board> boardsToPost() {
        Board board = board();
        if (board != null && !board.archived) {
            return List.of(board);
        }
        return boards.stream().filter(b -> !b.archived).toList();
    }

    public List<SuggestionStatus> statuses() {
        return admin ? List.of(SuggestionStatus.values()) : SuggestionStatus.FILTERS;
    }

    public List<SuggestionKind> kinds() {
        return List.of(SuggestionKind.values());
    }

    public List<SearchType> types() {
        return List.of(SearchType.values());
    }
}
