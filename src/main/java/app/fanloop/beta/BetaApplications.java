package app.fanloop.beta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import app.fanloop.audit.AuditLog;
import app.fanloop.event.DomainEvents;
import app.fanloop.event.EventKind;
import app.fanloop.member.BetaAccess;
import app.fanloop.member.Member;
import app.fanloop.member.NotSignedInException;
import app.fanloop.member.Viewer;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/**
 * Applications and the PM's decisions on them: a fan applies; a PM accepts, waitlists or declines one by one or
 * accepts the top N by score, removes testers (one, or all who fell behind), and a freed place goes to the waitlist.
 * <p>
 * The quota: every decision first locks the program row ({@code select … for no key update}, the strength
 * Votes.ballot uses: it blocks other deciders, not the rows that merely reference the program), then reads
 * {@code accepted_count} under that lock and moves it in the same transaction as the applications. Two PMs on two
 * nodes accepting at the same moment take turns; the second sees the first's count and is refused when the places
 * are taken. The beta_program_quota check constraint is the last guard.
 */
@ApplicationScoped
public class BetaApplications {

    private final EntityManager em;
    private final Viewer viewer;
    private final Forms forms;
    private final AuditLog audit;
    private final SiteClock clock;
    private final BetaAccess access;
    private final DomainEvents events;
    private final TesterScores scores;
    private final BetaPrograms programs;
    private final BetaConfig config;

    BetaApplications(EntityManager em, Viewer viewer, Forms forms, AuditLog audit, SiteClock clock, BetaAccess access,
            DomainEvents events, TesterScores scores, BetaPrograms programs, BetaConfig config) {
        this.em = em;
        this.viewer = viewer;
        this.forms = forms;
        this.audit = audit;
        this.clock = clock;
        this.access = access;
        this.events = events;
        this.scores = scores;
        this.programs = programs;
        this.config = config;
    }

    /** A program row as read under its lock. */
    record Locked(long id, int places, int accepted, boolean closed) {
        int free() {
            return places - accepted;
        }
    }

    /** Locks the program row for the rest of the transaction and reads its quota; 404 for an unknown slug. */
    static Locked lock(EntityManager em, String slug) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select id, places, accepted_count, closed_at is not null from beta_program where slug = :s for no key update""")
                .setParameter("s", slug).getResultList();
        if (rows.isEmpty()) {
            throw new NotFoundException();
        }
        Object[] r = rows.get(0);
        return new Locked(((Number) r[0]).longValue(), ((Number) r[1]).intValue(), ((Number) r[2]).intValue(),
                (Boolean) r[3]);
    }

    /** The viewer's application to the program, if they applied. */
    public java.util.Optional<BetaApplication> mine(BetaProgram program) {
        return viewer.member().flatMap(m -> BetaApplication.of(program.id, m.id));
    }

    // ---------------------------------------------------------------- Fans

    /**
     * Applies the signed-in member. Refused, with the reason beside the form, when the program is closed or outside its
     * window, the member's level is below the minimum, they applied already, or a silence or ban is on them.
     */
    @Transactional
    public BetaApplication apply(String slug, ApplicationForm form) {
        Member me = viewer.member().orElseThrow(NotSignedInException::new);
        BetaProgram program = programs.program(slug);
        if (viewer.sanction().isPresent()) {
            throw new FormInvalid("form", "beta_sanctioned");
        }
        if (program.isClosed()) {
            throw new FormInvalid("form", "beta_closed");
        }
        if (!program.takingApplicationsAt(clock.now())) {
            throw new FormInvalid("form", "beta_window_closed");
        }
        if (me.level < program.minLevel) {
            throw new FormInvalid(List.of(new FormInvalid.Problem("form", "beta_level", program.minLevel)));
        }
        if (BetaApplication.of(program.id, me.id).isPresent()) {
            throw new FormInvalid("form", "beta_applied");
        }
        forms.validate(form);
        List<FormInvalid.Problem> missing = new ArrayList<>();
        if (program.question1 != null && blank(form.answer1())) {
            missing.add(new FormInvalid.Problem("answer1", FieldErrors.REQUIRED, null));
        }
        if (program.question2 != null && blank(form.answer2())) {
            missing.add(new FormInvalid.Problem("answer2", FieldErrors.REQUIRED, null));
        }
        if (!missing.isEmpty()) {
            throw new FormInvalid(missing);
        }
        // Two submissions at once: the unique (program, member) pair lets one in, the other is told it applied already.
        @SuppressWarnings("unchecked")
        List<Number> id = em.createNativeQuery("""
                insert into beta_application (program_id, member_id, device, system_version, answer_1, answer_2, created_at)
                values (:p, :m, :device, :version, :a1, :a2, :now) on conflict (program_id, member_id) do nothing returning id""")
                .setParameter("p", program.id).setParameter("m", me.id).setParameter("device", form.device().strip())
                .setParameter("version", BetaProgramForm.blankToNull(form.systemVersion()))
                .setParameter("a1", program.question1 == null ? null : BetaProgramForm.blankToNull(form.answer1()))
                .setParameter("a2", program.question2 == null ? null : BetaProgramForm.blankToNull(form.answer2()))
                .setParameter("now", clock.now()).getResultList();
        if (id.isEmpty()) {
            throw new FormInvalid("form", "beta_applied");
        }
        return BetaApplication.findById(id.get(0).longValue());
    }

    // ---------------------------------------------------------------- PMs

    /** Accepts, waitlists or declines one applicant (not a tester: testers are removed, see {@link #remove}). */
    @Transactional
    public void decide(String slug, long applicationId, ApplicationState to) {
        Member pm = viewer.requireStaff();
        Locked program = lock(em, slug);
        BetaApplication a = application(program, applicationId);
        if (program.closed()) {
            throw new FormInvalid("decision", "beta_closed");
        }
        if (to == null || to == ApplicationState.APPLIED || to == ApplicationState.REMOVED
                || a.state == ApplicationState.ACCEPTED || a.state == ApplicationState.REMOVED) {
            if (a.state == to) {
                return;
            }
            throw new FormInvalid("decision", "beta_state");
        }
        if (a.state == to) {
            return;
        }
        if (to == ApplicationState.ACCEPTED) {
            if (program.free() <= 0) {
                throw new FormInvalid(List.of(new FormInvalid.Problem("decision", "beta_full", program.places())));
            }
            accept(pm, program, List.of(a.id));
            return;
        }
        ApplicationState from = a.state;
        setState(pm, List.of(a.id), to);
        audit.record(pm, "beta." + to.name().toLowerCase(), "beta_application", a.id, AuditLog.of("state", from.name()),
                AuditLog.of("state", to.name(), "program", program.id()), null);
        tell(pm, program.id(), List.of(a.member.id), to);
    }

    /** What "accept the top N" did: testers accepted, applicants waitlisted. */
    public record TopN(int accepted, int waitlisted) {
    }

    /**
     * Accepts the N highest-scoring applicants (applied or waitlisted), as many as there are free places; with
     * {@code waitlistRest}, everyone still only applied goes on the waitlist and is told.
     */
    @Transactional
    public TopN acceptTop(String slug, int n, boolean waitlistRest) {
        Member pm = viewer.requireStaff();
        if (n < 1 || n > config.maxTopN()) {
            throw new FormInvalid(List.of(new FormInvalid.Problem("n", n < 1 ? FieldErrors.TOO_SMALL : FieldErrors.TOO_LARGE,
                    n < 1 ? 1 : config.maxTopN())));
        }
        Locked program = lock(em, slug);
        if (program.closed()) {
            throw new FormInvalid("n", "beta_closed");
        }
        if (program.free() <= 0) {
            throw new FormInvalid(List.of(new FormInvalid.Problem("n", "beta_full", program.places())));
        }
        BetaProgram p = BetaProgram.findById(program.id());
        List<Long> top = scores.ranked(p, programs.boardId(p),
                List.of(ApplicationState.APPLIED, ApplicationState.WAITLISTED), Math.min(n, program.free()))
                .stream().map(TesterScores.Applicant::id).toList();
        accept(pm, program, top);
        int waitlisted = 0;
        if (waitlistRest) {
            @SuppressWarnings("unchecked")
            List<Number> rest = em.createNativeQuery("""
                    select id from beta_application where program_id = :p and state = 'APPLIED' order by id""")
                    .setParameter("p", program.id()).getResultList();
            List<Long> ids = rest.stream().map(Number::longValue).toList();
            if (!ids.isEmpty()) {
                List<Long> members = setState(pm, ids, ApplicationState.WAITLISTED);
                audit.record(pm, "beta.waitlisted", "beta_program", program.id(), null,
                        AuditLog.of("applications", ids.size()), null);
                tell(pm, program.id(), members, ApplicationState.WAITLISTED);
                waitlisted = ids.size();
            }
        }
        return new TopN(top.size(), waitlisted);
    }

    /** Removes a tester (their access goes at once) and gives the place to the waitlist's best score. */
    @Transactional
    public int remove(String slug, long applicationId) {
        Member pm = viewer.requireStaff();
        Locked program = lock(em, slug);
        BetaApplication a = application(program, applicationId);
        if (a.state != ApplicationState.ACCEPTED) {
            throw new FormInvalid("decision", "beta_state");
        }
        return removeAndRefill(pm, program, List.of(a.id));
    }

    /** Removes every tester who fell behind the weekly requirement, and refills their places from the waitlist. */
    @Transactional
    public int removeBehind(String slug) {
        Member pm = viewer.requireStaff();
        Locked program = lock(em, slug);
        BetaProgram p = BetaProgram.findById(program.id());
        List<Long> behind = scores.ranked(p, programs.boardId(p), List.of(ApplicationState.ACCEPTED), program.places())
                .stream().filter(TesterScores.Applicant::behind).map(TesterScores.Applicant::id).toList();
        if (behind.isEmpty()) {
            return 0;
        }
        removeAndRefill(pm, program, behind);
        return behind.size();
    }

    private int removeAndRefill(Member pm, Locked program, List<Long> ids) {
        List<Long> members = setState(pm, ids, ApplicationState.REMOVED);
        em.createNativeQuery("update beta_program set accepted_count = accepted_count - :n where id = :p")
                .setParameter("n", ids.size()).setParameter("p", program.id()).executeUpdate();
        for (Long member : members) {
            access.revoke(member, program.id());
        }
        for (Long id : ids) {
            audit.record(pm, "beta.remove", "beta_application", id, AuditLog.of("state", "ACCEPTED"),
                    AuditLog.of("state", "REMOVED", "program", program.id()), null);
        }
        tell(pm, program.id(), members, ApplicationState.REMOVED);
        if (program.closed()) {
            return 0;
        }
        Locked freed = new Locked(program.id(), program.places(), program.accepted() - ids.size(), false);
        BetaProgram p = BetaProgram.findById(program.id());
        List<Long> next = scores.ranked(p, programs.boardId(p), List.of(ApplicationState.WAITLISTED), freed.free())
                .stream().map(TesterScores.Applicant::id).toList();
        accept(pm, freed, next);
        return next.size();
    }

    /** Accepts these applications (already checked to fit in the free places of the locked program). */
    private void accept(Member pm, Locked program, List<Long> ids) {
        if (ids.isEmpty()) {
            return;
        }
        if (ids.size() > program.free()) {
            throw new FormInvalid(List.of(new FormInvalid.Problem("decision", "beta_full", program.places())));
        }
        List<Long> members = setState(pm, ids, ApplicationState.ACCEPTED);
        em.createNativeQuery("update beta_program set accepted_count = accepted_count + :n where id = :p")
                .setParameter("n", ids.size()).setParameter("p", program.id()).executeUpdate();
        for (Long member : members) {
            access.grant(member, program.id());
        }
        for (Long id : ids) {
            audit.record(pm, "beta.accept", "beta_application", id, null,
                    AuditLog.of("state", "ACCEPTED", "program", program.id()), null);
        }
        tell(pm, program.id(), members, ApplicationState.ACCEPTED);
    }

    /** Moves the applications to a state, decided by the PM now; returns their members in id order. */
    private List<Long> setState(Member pm, List<Long> ids, ApplicationState to) {
        Instant now = clock.now();
        @SuppressWarnings("unchecked")
        List<Number> members = em.createNativeQuery("""
                update beta_application set state = :state, decided_by_id = :pm, decided_at = :now,
                       accepted_at = case when :state = 'ACCEPTED' then coalesce(accepted_at, :now) else accepted_at end
                where id in (:ids) returning member_id""")
                .setParameter("state", to.name()).setParameter("pm", pm.id).setParameter("now", now)
                .setParameter("ids", ids).getResultList();
        // A copy loaded earlier in this transaction keeps its old state in memory; nothing here changes or reads it after.
        return members.stream().map(Number::longValue).sorted().toList();
    }

    /** The applicants are told of their new state: one event, each of them in its audience. */
    private void tell(Member pm, long programId, List<Long> members, ApplicationState state) {
        if (members.isEmpty()) {
            return;
        }
        BetaProgram p = BetaProgram.findById(programId);
        Map<String, Object> payload = AuditLog.of("program", p.name, "slug", p.slug, "state", state.name());
        events.forMembers(EventKind.BETA_APPLICATION_CHANGED, pm, null, null, payload, members);
    }

    private static BetaApplication application(Locked program, long id) {
        BetaApplication a = BetaApplication.findById(id);
        if (a == null || !a.program.id.equals(program.id())) {
            throw new NotFoundException();
        }
        return a;
    }

    private static boolean blank(String text) {
        return text == null || text.isBlank();
    }
}
