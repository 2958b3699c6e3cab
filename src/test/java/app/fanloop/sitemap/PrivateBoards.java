package app.fanloop.sitemap;

import static app.fanloop.Fixtures.unique;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;

/** Makes a board a beta program's private board (V67), as issue 20's program would. */
public final class PrivateBoards {

    private PrivateBoards() {
    }

    /** The board becomes the private board of a new program; the suggestion (if any) goes with it, as the app copies it. */
    public static long make(Fixtures fx, Board board, Suggestion suggestion, Member pm) {
        long program = program(fx, pm);
        fx.sql("update board set program_id = ?1 where id = ?2", program, board.id);
        if (suggestion != null) {
            fx.sql("update suggestion set program_id = ?1 where id = ?2", program, suggestion.id);
        }
        return program;
    }

    public static long program(Fixtures fx, Member pm) {
        String slug = unique("beta");
        fx.sql("""
                insert into beta_program (slug, name, places, applies_from, applies_until, channel, created_by_id)
                values (?1, 'Beta', 10, now() - interval '1 day', now() + interval '7 days', 'DEV', ?2)""", slug, pm.id);
        return fx.number("select id from beta_program where slug = ?1", slug);
    }
}
