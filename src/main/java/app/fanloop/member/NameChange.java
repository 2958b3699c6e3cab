package app.fanloop.member;

import java.time.Instant;
import java.util.List;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;

/** One change of a member's display name: from what, to what, when and by whom (the member or an admin). */
@Entity
@Table(name = "member_name_change")
public class NameChange extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    public Long memberId;
    public String oldName;
    public String newName;

    @ManyToOne(fetch = FetchType.LAZY)
    @JoinColumn(name = "changed_by_id")
    public Member changedBy;

    public Instant changedAt;

    /** The member's name changes, newest first (for admins). */
    public static List<NameChange> of(long memberId) {
        return find("from NameChange c join fetch c.changedBy where c.memberId = ?1 order by c.changedAt desc, c.id desc",
                memberId).list();
    }

    /** When the member last renamed themselves (an admin's change does not count), or null. */
    public static Instant lastOwnChange(long memberId) {
        return getEntityManager().createQuery(
                "select max(c.changedAt) from NameChange c where c.memberId = ?1 and c.changedBy.id = ?1", Instant.class)
                .setParameter(1, memberId).getSingleResult();
    }
}
