package app.fanloop.board;

import java.util.List;

import app.fanloop.member.Member;
import app.fanloop.member.Viewer;
import app.fanloop.web.PersonalFacts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/** Following a board: its followers are told of every new suggestion posted there. */
@ApplicationScoped
public class BoardFollows implements PersonalFacts {

    private final EntityManager em;
    private final Viewer viewer;

    BoardFollows(EntityManager em, Viewer viewer) {
        this.em = em;
        this.viewer = viewer;
    }

    /** {@code {#personal followingBoard=…}}: the member follows the board. */
    @Override
    public String kind() {
        return "followingBoard";
    }

    @Override
    public String sql() {
        return "select board_id from board_follow where member_id = :member and board_id = any(:ids)";
    }

    /** Follows or unfollows a board; {@code wanted} null toggles. Returns whether the member follows it now. */
    @Transactional
    public boolean follow(String slug, Boolean wanted) {
        Member member = viewer.requireMember();
        Board board = Board.findBySlug(slug, viewer.visibility()).orElseThrow(NotFoundException::new);
        boolean following = isFollowing(board.id, member.id);
        boolean want = wanted == null ? !following : wanted;
        if (want && !following) {
            em.createNativeQuery("insert into board_follow (board_id, member_id) values (:b, :m) on conflict do nothing")
                    .setParameter("b", board.id).setParameter("m", member.id).executeUpdate();
        } else if (!want && following) {
            em.createNativeQuery("delete from board_follow where board_id = :b and member_id = :m")
                    .setParameter("b", board.id).setParameter("m", member.id).executeUpdate();
        }
        return want;
    }

    public boolean isFollowing(long boardId, Long memberId) {
        return memberId != null && !em.createNativeQuery("select 1 from board_follow where board_id = :b and member_id = :m")
                .setParameter("b", boardId).setParameter("m", memberId).getResultList().isEmpty();
    }

    /** The boards a member follows, in the boards' order. */
    @SuppressWarnings("unchecked")
    public List<Board> followedBy(long memberId) {
        return em.createNativeQuery("""
                select b.* from board b join board_follow f on f.board_id = b.id where f.member_id = :m
                order by b.archived, b.position, b.id""", Board.class).setParameter("m", memberId).getResultList();
    }
}
