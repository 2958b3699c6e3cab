package app.fanloop.suggestion;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;

import app.fanloop.board.Board;
import io.quarkus.qute.TemplateData;

/**
 * One suggestion as a list shows it (the board page, the home page), read as plain values in one
 * statement: no managed entities, no persistence context to fill and check. It offers what the
 * {@code suggestionRow} and {@code voteButton} tags read of a suggestion, under the same names. The board
 * is the page's own managed board (a page loads its few boards anyway), not a column copy.
 */
@TemplateData
public record SuggestionRow(long id, String title, SuggestionKind kind, SuggestionStatus status, boolean pinned,
        boolean locked, int voteCount, int commentCount, Instant createdAt, Board board, Author author, int imageCount,
        boolean hasPoll) {

    /** The author as a row shows them: the name and the level badge. */
    @TemplateData
    public record Author(long id, String name, int level) {
    }

    /** The columns a row needs, for a JPQL select over {@code Suggestion s join s.author a}. */
    static final String COLUMNS = "s.id, s.title, s.kind, s.status, s.pinned, s.locked, s.voteCount, s.commentCount,"
            + " s.createdAt, s.board.id, a.id, a.name, a.level, s.imageCount,"
            // One look-up in poll's unique index per row of the page (the list marks a post with a poll).
            + " (select count(p.id) from Poll p where p.postId = s.id)";
    /** How many columns {@link #COLUMNS} names; a query may select more after them. */
    static final int COLUMN_COUNT = 15;

    /**
     * Rows of {@code select COLUMNS from Suggestion s join s.author a where … order by …}, with their
     * boards from the page's own (a board missing there is an error of the caller, not a query per row).
     */
    static List<SuggestionRow> of(List<Object[]> rows, LongFunction<Board> boards) {
        return rows.stream().map(r -> new SuggestionRow((Long) r[0], (String) r[1], (SuggestionKind) r[2],
                (SuggestionStatus) r[3], (Boolean) r[4], (Boolean) r[5], (Integer) r[6], (Integer) r[7],
                (Instant) r[8], boards.apply((Long) r[9]),
                new Author((Long) r[10], (String) r[11], (Integer) r[12]), (Integer) r[13],
                ((Number) r[14]).longValue() > 0)).toList();
    }

    static LongFunction<Board> boardsOf(List<Board> boards) {
        Map<Long, Board> byId = new HashMap<>();
        boards.forEach(b -> byId.put(b.id, b));
        return id -> {
            Board board = byId.get(id);
            if (board == null) {
                throw new IllegalStateException("board " + id + " is not among the page's boards");
            }
            return board;
        };
    }

    public String path() {
        return Suggestion.path(id);
    }

    public String votePath() {
        return Suggestion.votePath(id);
    }

    /** The rule of {@link Suggestion#isOpenForVotes()}. */
    public boolean isOpenForVotes() {
        return Suggestion.openForVotes(locked, status, board.archived);
    }

    public boolean isBug() {
        return kind == SuggestionKind.BUG;
    }
}
