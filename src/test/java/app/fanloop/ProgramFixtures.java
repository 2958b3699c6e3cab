package app.fanloop;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import app.fanloop.board.Board;
import app.fanloop.member.BetaAccess;
import app.fanloop.member.Member;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Beta programs (内测) for tests that need a private board, made with plain SQL as the beta program's service would
 * store them; testers are admitted and removed through {@link BetaAccess}, the one writer of their access.
 */
@ApplicationScoped
public class ProgramFixtures {

    private final EntityManager em;
    private final Fixtures fx;
    private final BetaAccess access;

    ProgramFixtures(EntityManager em, Fixtures fx, BetaAccess access) {
        this.em = em;
        this.fx = fx;
        this.access = access;
    }

    /** A program and its private board (taking suggestions and bug reports). */
    public record Program(long id, String slug, Board board) {
    }

    /** A new program, created by paula, with its private board. */
    @Transactional
    public Program program() {
        String slug = Fixtures.unique("beta");
        Member paula = fx.member("paula");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long id = ((Number) em.createNativeQuery("""
                insert into beta_program (slug, name, places, applies_from, applies_until, channel, created_by_id)
                values (:slug, :name, 10, :from, :until, 'DEV', :by) returning id""")
                .setParameter("slug", slug).setParameter("name", "Program " + slug)
                .setParameter("from", now.minus(1, ChronoUnit.DAYS)).setParameter("until", now.plus(7, ChronoUnit.DAYS))
                .setParameter("by", paula.id).getSingleResult()).longValue();
        Board board = new Board();
        board.slug = slug;
        board.name = "内测 " + slug;
        board.nameEn = "Beta " + slug;
        board.description = "Private board of " + slug;
        board.programId = id;
        board.position = ((Number) em.createNativeQuery("select coalesce(max(position), 0) + 1 from board")
                .getSingleResult()).intValue();
        board.persist();
        return new Program(id, slug, board);
    }

    /** The member is accepted as a tester of the program. */
    @Transactional
    public void grant(Member member, Program program) {
        access.grant(member.id, program.id());
    }

    /** The tester is removed from the program. */
    @Transactional
    public void revoke(Member member, Program program) {
        access.revoke(member.id, program.id());
    }
}
