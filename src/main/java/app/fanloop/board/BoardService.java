package app.fanloop.board;

import java.util.List;

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

    BoardService(Viewer viewer, Forms forms) {
        this.viewer = viewer;
        this.forms = forms;
    }

    @Transactional
    public Board create(BoardForm form) {
        requireAdmin();
        forms.validate(form);
        if (Board.findBySlug(form.slug()).isPresent()) {
            throw new FormInvalid("slug", "taken");
        }
        Board board = new Board();
        apply(board, form);
        board.position = Board.<Board> find("order by position desc").firstResultOptional()
                .map(last -> last.position + 1).orElse(0);
        board.persist();
        return board;
    }

    @Transactional
    public Board update(long id, BoardForm form) {
        requireAdmin();
        Board board = load(id);
        forms.validate(form);
        if (!board.slug.equals(form.slug()) && Board.findBySlug(form.slug()).isPresent()) {
            throw new FormInvalid("slug", "taken");
        }
        apply(board, form);
        return board;
    }

    /** Moves a board one place up (-1) or down (+1) among all boards. */
    @Transactional
    public void move(long id, int direction) {
        requireAdmin();
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
        boards.add(target, boards.remove(index));
        for (int i = 0; i < boards.size(); i++) {
            boards.get(i).position = i;
        }
    }

    @Transactional
    public void setArchived(long id, boolean archived) {
        requireAdmin();
        Board board = load(id);
        if (board.archived == archived) {
            throw new Conflict();
        }
        board.archived = archived;
    }

    private Board load(long id) {
        return Board.<Board> findByIdOptional(id).orElseThrow(NotFoundException::new);
    }

    private void requireAdmin() {
        viewer.require();
        if (!viewer.isAdmin()) {
            throw new ForbiddenException();
        }
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
