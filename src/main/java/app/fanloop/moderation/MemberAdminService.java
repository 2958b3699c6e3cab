package app.fanloop.moderation;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import app.fanloop.audit.AuditLog;
import app.fanloop.member.Member;
import app.fanloop.member.Role;
import app.fanloop.member.Viewer;
import app.fanloop.web.Conflict;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.SiteClock;
import app.fanloop.web.SiteConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.NotFoundException;

/** Admins silence, ban, lift sanctions and grant roles; each with an audit entry. */
@ApplicationScoped
public class MemberAdminService {

    private final Viewer viewer;
    private final AuditLog audit;
    private final SiteClock clock;
    private final SiteConfig site;

    MemberAdminService(Viewer viewer, AuditLog audit, SiteClock clock, SiteConfig site) {
        this.viewer = viewer;
        this.audit = audit;
        this.clock = clock;
        this.site = site;
    }

    public Member load(long id) {
        viewer.requireAdmin();
        return Member.<Member> findByIdOptional(id).orElseThrow(NotFoundException::new);
    }

    /** Members matching a name or e-mail, most recently seen first. */
    public List<Member> search(String query, int limit) {
        viewer.requireAdmin();
        if (query == null || query.isBlank()) {
            return Member.find("order by lastSeenAt desc, id desc").page(0, limit).list();
        }
        String like = "%" + query.strip().toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return Member.find("lower(name) like ?1 or lower(email) like ?1 order by lastSeenAt desc, id desc", like)
                .page(0, limit).list();
    }

    /**
     * A silence or ban until the end of the given day, or (a ban only) for good when {@code until} is
     * empty and {@code permanent} is set.
     */
    @Transactional
    public Sanction sanction(long memberId, String kind, String until, boolean permanent, String reason) {
        Member admin = viewer.requireAdmin();
        Member member = Member.<Member> findByIdOptional(memberId).orElseThrow(NotFoundException::new);
        SanctionKind what;
        try {
            what = SanctionKind.valueOf(kind == null ? "" : kind.strip().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw new FormInvalid("kind", "invalid");
        }
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        List<FormInvalid.Problem> problems = new ArrayList<>();
        if (why == null) {
            problems.add(new FormInvalid.Problem("reason", "required", null));
        } else if (why.length() > 1000) {
            problems.add(new FormInvalid.Problem("reason", "too_long", 1000));
        }
        Instant now = clock.now();
        Instant ends = null;
        if (!(permanent && what == SanctionKind.BAN)) {
            try {
                // Dates typed by admins are days in the community's time zone; a sanction runs to the end of that day.
                ends = LocalDate.parse(until == null ? "" : until.strip()).plusDays(1).atStartOfDay(site.zone()).toInstant();
                if (!ends.isAfter(now)) {
                    problems.add(new FormInvalid.Problem("until", "date_past", null));
                }
            } catch (java.time.format.DateTimeParseException e) {
                problems.add(new FormInvalid.Problem("until", "required", null));
            }
        }
        if (!problems.isEmpty()) {
            throw new FormInvalid(problems);
        }
        if (member.id.equals(admin.id)) {
            throw new Conflict();
        }
        Sanction s = new Sanction();
        s.member = member;
        s.kind = what;
        s.reason = why;
        s.startsAt = now;
        s.endsAt = ends;
        s.createdBy = admin;
        s.createdAt = now;
        s.persist();
        audit.record(admin, what == SanctionKind.BAN ? "ban" : "silence", "member", member.id, null,
                AuditLog.of("until", ends == null ? "permanent" : ends.toString()), why);
        return s;
    }

    @Transactional
    public void lift(long memberId, long sanctionId) {
        Member admin = viewer.requireAdmin();
        Sanction s = Sanction.findById(sanctionId);
        if (s == null || !s.member.id.equals(memberId)) {
            throw new NotFoundException();
        }
        Instant now = clock.now();
        if (!s.isActiveAt(now)) {
            throw new Conflict();
        }
        s.liftedAt = now;
        s.liftedBy = admin;
        audit.record(admin, "lift", "member", memberId, AuditLog.of("kind", s.kind.name(), "until",
                s.endsAt == null ? "permanent" : s.endsAt.toString()), AuditLog.of("lifted", now.toString()), null);
    }

    /** Grants or revokes a local role; an admin cannot take away their own admin grant. */
    @Transactional
    public void setRole(long memberId, String role, boolean granted) {
        Member admin = viewer.requireAdmin();
        if (!Role.PM.equals(role) && !Role.ADMIN.equals(role)) {
            throw new FormInvalid("role", "invalid");
        }
        Member member = Member.<Member> findByIdOptional(memberId).orElseThrow(NotFoundException::new);
        if (!granted && Role.ADMIN.equals(role) && member.id.equals(admin.id)) {
            throw new ForbiddenException();
        }
        List<String> roles = new ArrayList<>(Arrays.asList(member.localRoles));
        boolean has = roles.contains(role);
        if (has == granted) {
            throw new Conflict();
        }
        List<String> before = List.copyOf(roles);
        if (granted) {
            roles.add(role);
        } else {
            roles.remove(role);
        }
        member.localRoles = roles.stream().sorted().toArray(String[]::new);
        audit.record(admin, granted ? "role.grant" : "role.revoke", "member", member.id, AuditLog.of("roles", before),
                AuditLog.of("roles", List.of(member.localRoles)), role);
    }

}
