package app.fanloop.member;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import app.fanloop.audit.AuditLog;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;

/**
 * Changes a display name: the member's own (the rules of {@link DisplayName}, once every {@link NameConfig#renameEvery})
 * or anyone's by an admin (the same rules, no waiting, audited); every change is kept as a {@link NameChange}.
 */
@ApplicationScoped
public class DisplayNames {

    private final EntityManager em;
    private final Viewer viewer;
    private final SiteClock clock;
    private final NameConfig config;
    private final AuditLog audit;

    DisplayNames(EntityManager em, Viewer viewer, SiteClock clock, NameConfig config, AuditLog audit) {
        this.em = em;
        this.viewer = viewer;
        this.clock = clock;
        this.config = config;
        this.audit = audit;
    }

    /** How many days a member waits between two changes of their own name. */
    public int renameDays() {
        return (int) config.renameEvery().toDays();
    }

    /** When the viewer may next rename themselves, or empty when they may now. */
    public Optional<Instant> nextOwnChange(long memberId) {
        Instant last = NameChange.lastOwnChange(memberId);
        if (last == null) {
            return Optional.empty();
        }
        Instant next = last.plus(config.renameEvery());
        return next.isAfter(clock.now()) ? Optional.of(next) : Optional.empty();
    }

    /**
     * Renames a member: themselves (a silenced member may not) or, for an admin, anyone. A name someone else has
     * (whatever its case) is refused beside the field, also when two take it at once (the unique index decides).
     * The same name again changes nothing; a change of case only is a change.
     */
    @Transactional
    public void rename(long memberId, String wanted) {
        Member actor = viewer.requireMember();
        boolean own = actor.id.equals(memberId);
        if (own) {
            viewer.requireVoice();
        } else {
            viewer.requireAdmin();
        }
        Member target = Member.<Member> findByIdOptional(memberId).filter(m -> !m.bot)
                .orElseThrow(() -> new jakarta.ws.rs.NotFoundException());
        String name = wanted == null ? "" : wanted.strip();
        String problem = DisplayName.problem(name);
        if (problem != null) {
            throw new FormInvalid(List.of(new FormInvalid.Problem("name", problem, DisplayName.limitOf(problem))));
        }
        if (name.equals(target.name)) {
            return;
        }
        if (own) {
            Optional<Instant> next = nextOwnChange(memberId);
            if (next.isPresent()) {
                long days = Math.max(1, (Duration.between(clock.now(), next.get()).toHours() + 23) / 24);
                throw new FormInvalid(List.of(new FormInvalid.Problem("name", "name_too_soon", (int) days)));
            }
        }
        if (Member.findByName(name).filter(other -> !other.id.equals(memberId)).isPresent()) {
            throw new FormInvalid("name", FieldErrors.TAKEN);
        }
        String old = target.name;
        try {
            // A native statement, flushed here: a name taken by someone else in the meantime fails on the unique index.
            em.createNativeQuery("update member set name = :name, name_chosen = true where id = :id").setParameter("name", name)
                    .setParameter("id", memberId).executeUpdate();
        } catch (PersistenceException taken) {
            throw new FormInvalid("name", FieldErrors.TAKEN);
        }
        NameChange change = new NameChange();
        change.memberId = memberId;
        change.oldName = old;
        change.newName = name;
        change.changedBy = em.getReference(Member.class, actor.id);
        change.changedAt = clock.now();
        change.persist();
        if (!own) {
            audit.record(em.getReference(Member.class, actor.id), "member.rename", "member", memberId,
                    AuditLog.of("name", old), AuditLog.of("name", name), null);
        }
    }
}
