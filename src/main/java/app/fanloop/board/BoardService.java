package app.fanloop.board;

import java.util.List;

import java.util.Map;

import app.fanloop.audit.AuditLog;
import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.web.Conflict;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;

/** Creating, editing, ordering and archiving boards: admins only. */
@ApplicationScoped
public class BoardService {

    private final Viewer viewer;
    private final Forms forms;
    private final AuditLog audit;

    BoardService(Viewer viewer, Forms forms, AuditLog audit) {
        this.audit = audit;
        this.viewer = viewer;
        this.forms = forms;
    }

    @Transactional
    public Board create(BoardForm form) {
        viewer.requireAdmin();
        forms.validate(form);
        if (Board.findBySlug(form.slug()).isPresent()) {
            throw new FormInvalid("slug", "taken");
        }
        Board board = new Board();
        apply(board, form);
        board.position = Board.<Board> find("order by position desc").firstResultOptional()
                .map(last -> last.position + 1).orElse(0);
        board.persist();
        audit.record(admin(), "board.create", "board", board.id, null, snapshot(board), null);
        return board;
    }

    @Transactional
    public Board update(long id, BoardForm form) {
        viewer.requireAdmin();
        Board board = load(id);
        forms.validate(form);
        if (!board.slug.equals(form.slug()) && Board.findBySlug(form.slug()).isPresent()) {
            throw new FormInvalid("slug", "taken");
        }
        Map<String, Object> before = snapshot(board);
        apply(board, form);
        audit.record(admin(), "board.update", "board", board.id, before, snapshot(board), null);
        return board;
    }

    /** Moves a board one place up (-1) or down (+1) among all boards. */
    @Transactional
    public void move(long id, int direction) {
        viewer.requireAdmin();
        List<Board> boards = Board.all();
        int index = -1;
        for (int i = 0; i < boards.size(); i++) {
            if (boards.get(i).id == id) {
                index = i;
            }
        }
        if (index < 0) {
            throw new NotFoundException();
        }
        int target = index + Integer.signum(direction);
        if (target < 0 || target >= boards.size()) {
            return;
        }
        Board moved = boards.get(index);
        boards.add(target, boards.remove(index));
        for (int i = 0; i < boards.size(); i++) {
            boards.get(i).position = i;
        }
        audit.record(admin(), "board.move", "board", moved.id, AuditLog.of("index", index), AuditLog.of("index", target),
                null);
    }

    @Transactional
    public void setArchived(long id, boolean archived) {
        viewer.requireAdmin();
        Board board = load(id);
        if (board.archived == archived) {
            throw new Conflict();
        }
        board.archived = archived;
        audit.record(admin(), archived ? "board.archive" : "board.unarchive", "board", board.id,
                AuditLog.of("archived", !archived), AuditLog.of("archived", archived), null);
    }

    private Member admin() {
        return viewer.requireMember();
    }

    private static Map<String, Object> snapshot(Board board) {
        return AuditLog.of("slug", board.slug, "name", board.name, "nameEn", board.nameEn, "acceptsSuggestions",
                board.acceptsSuggestions, "acceptsBugs", board.acceptsBugs);
    }

    private Board load(long id) {
        return Board.<Board> findByIdOptional(id).orElseThrow(NotFoundException::new);
    }


    private static void apply(Board board, BoardForm form) {
        board.slug = form.slug().strip();
        board.name = form.name().strip();
        board.nameEn = blankToNull(form.nameEn());
        board.description = form.description() == null ? "" : form.description().strip();
        board.descriptionEn = blankToNull(form.descriptionEn());
        board.acceptsSuggestions = form.acceptsSuggestions();
        board.acceptsBugs = form.acceptsBugs();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
