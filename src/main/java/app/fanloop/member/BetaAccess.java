package app.fanloop.member;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Which beta programs' private boards a member may read: the {@code member.beta_programs} column, granted when a
 * tester is accepted and revoked when they are removed, in the caller's transaction. The one writer of that column;
 * {@link Visibility} reads it with the member.
 */
@ApplicationScoped
public class BetaAccess {

    @Inject
    EntityManager em;

    /** The member may read the program's private board from now on. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void grant(long memberId, long programId) {
        em.createNativeQuery("""
                update member set beta_programs = array_append(array_remove(beta_programs, ?1), ?1) where id = ?2""")
                .setParameter(1, programId).setParameter(2, memberId).executeUpdate();
    }

    /** The member may no longer read the program's private board. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void revoke(long memberId, long programId) {
        em.createNativeQuery("update member set beta_programs = array_remove(beta_programs, ?1) where id = ?2")
                .setParameter(1, programId).setParameter(2, memberId).executeUpdate();
    }
}
