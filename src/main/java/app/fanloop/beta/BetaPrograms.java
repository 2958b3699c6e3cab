package app.fanloop.beta;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;

import app.fanloop.audit.AuditLog;
import app.fanloop.honour.Honours;
import app.fanloop.honour.Medal;
import app.fanloop.member.Member;
import app.fanloop.release.ReleaseChannel;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.web.Markdown;
import app.fanloop.web.SiteClock;
import app.fanloop.web.SiteConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.NotFoundException;

/**
 * A PM's side of a program's life: opening it (with its private board, in one transaction), closing it (board
 * archived, medals for the testers who stayed) and making its build public (its release notes become everyone's).
 * Every action is staff only and audited. Also the public reads: the list, one program, a member's history.
 */
@ApplicationScoped
public class BetaPrograms {

    /** A program's board slug: this prefix and the program's slug (a program slug is at most 54 characters). */
    static final String BOARD_PREFIX = "beta-";
    static final DateTimeFormatter LOCAL_INPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm[:ss]");
    static final DateTimeFormatter LOCAL_OUTPUT = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final EntityManager em;
    private final app.fanloop.member.Viewer viewer;
    private final Forms forms;
    private final Markdown markdown;
    private final AuditLog audit;
    private final SiteClock clock;
    private final SiteConfig site;
    private final Honours honours;

    BetaPrograms(EntityManager em, app.fanloop.member.Viewer viewer, Forms forms, Markdown markdown, AuditLog audit,
            SiteClock clock, SiteConfig site, Honours honours) {
        this.em = em;
        this.viewer = viewer;
        this.forms = forms;
        this.markdown = markdown;
        this.audit = audit;
        this.clock = clock;
        this.site = site;
        this.honours = honours;
    }

    /**
     * The /beta page: programs taking applications now or soon, programs whose window ended and whose testers are
     * at work, then the latest closed ones.
     */
    public record Listing(List<BetaProgram> open, List<BetaProgram> testing, List<BetaProgram> closed) {
        /** Every program not closed (the PM's list). */
        public List<BetaProgram> running() {
            List<BetaProgram> all = new java.util.ArrayList<>(open);
            all.addAll(testing);
            return all;
        }
    }

    public Listing listing() {
        Instant now = clock.now();
        List<BetaProgram> running = BetaProgram.running();
        return new Listing(running.stream().filter(p -> p.appliesUntil.isAfter(now)).toList(),
                running.stream().filter(p -> !p.appliesUntil.isAfter(now)).toList(), BetaProgram.closed(20));
    }

    /** Programs taking applications now or soon, for the home page's card. */
    public List<BetaProgram> open(int max) {
        Instant now = clock.now();
        return BetaProgram.<BetaProgram> find("closedAt is null and appliesUntil > ?1 order by appliesUntil, id", now)
                .page(0, max).list();
    }

    /** A program by its slug (programs are public; only their board is not), or 404. */
    public BetaProgram program(String slug) {
        return BetaProgram.findBySlug(slug).orElseThrow(NotFoundException::new);
    }

    /** The id of the program's private board. */
    public long boardId(BetaProgram program) {
        return ((Number) em.createNativeQuery("select id from board where program_id = :p")
                .setParameter("p", program.id).getSingleResult()).longValue();
    }

    /** The slug of the program's private board. */
    public String boardSlug(BetaProgram program) {
        return (String) em.createNativeQuery("select slug from board where program_id = :p")
                .setParameter("p", program.id).getSingleResult();
    }

    /** A program on a member's profile: its name, where it is, and how the member took part. */
    public record Participation(String name, String path, ApplicationState state, boolean completed, boolean closed) {
    }

    /**
     * The programs a member was a tester in, newest first: public facts only (a program's existence is public, its
     * board is not). A removal stays between the PM and the tester: it shows on the member's own profile only.
     */
    public List<Participation> history(long memberId, boolean own) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("""
                select p.name, p.slug, a.state, a.completed_at is not null, p.closed_at is not null
                from beta_application a join beta_program p on p.id = a.program_id
                where a.member_id = :m and a.accepted_at is not null and (a.state = 'ACCEPTED' or :own)
                order by a.accepted_at desc, a.id desc limit 50""")
                .setParameter("m", memberId).setParameter("own", own).getResultList();
        return rows.stream().map(r -> new Participation((String) r[0], "/beta/" + r[1],
                ApplicationState.valueOf((String) r[2]), (Boolean) r[3], (Boolean) r[4])).toList();
    }

    /** The form's window defaults: from now to a week later, in the site's zone. */
    public BetaProgramForm emptyForm() {
        LocalDateTime now = LocalDateTime.ofInstant(clock.now(), site.zone()).withSecond(0).withNano(0);
        return BetaProgramForm.empty(LOCAL_OUTPUT.format(now), LOCAL_OUTPUT.format(now.plusDays(7)));
    }

    /** Opens a program and its private board (taking suggestions and bug reports) together; audited. */
    @Transactional
    public BetaProgram create(BetaProgramForm form) {
        Member pm = viewer.requireStaff();
        forms.validate(form);
        Instant from = local(form.appliesFrom());
        Instant until = local(form.appliesUntil());
        if (!until.isAfter(from)) {
            throw new FormInvalid("appliesUntil", "beta_window_order");
        }
        String slug = form.slug().strip();
        if (BetaProgram.findBySlug(slug).isPresent()
                || ((Number) em.createNativeQuery("select count(*) from board where slug = :s")
                        .setParameter("s", BOARD_PREFIX + slug).getSingleResult()).intValue() > 0) {
            throw new FormInvalid("slug", FieldErrors.TAKEN);
        }
        BetaProgram p = new BetaProgram();
        p.slug = slug;
        p.name = form.name().strip();
        p.description = form.description() == null ? "" : form.description().strip();
        p.descriptionHtml = markdown.toHtml(p.description);
        p.devices = form.devices() == null ? "" : form.devices().strip();
        p.places = form.places();
        p.appliesFrom = from;
        p.appliesUntil = until;
        p.minLevel = form.minLevel() == null ? 0 : form.minLevel();
        p.question1 = BetaProgramForm.blankToNull(form.question1());
        p.question2 = BetaProgramForm.blankToNull(form.question2());
        if (p.question1 == null && p.question2 != null) {
            p.question1 = p.question2;
            p.question2 = null;
        }
        p.channel = ReleaseChannel.parse(form.channel());
        p.weeklyPosts = form.weeklyPosts() == null ? 0 : form.weeklyPosts();
        p.createdBy = em.getReference(Member.class, pm.id);
        p.createdAt = clock.now();
        p.persist();
        em.flush();
        String boardName = p.name.length() > 80 ? p.name.substring(0, 80) : p.name;
        String boardDescription = p.devices.length() > 500 ? p.devices.substring(0, 500) : p.devices;
        Number boardId = (Number) em.createNativeQuery("""
                insert into board (slug, name, description, accepts_suggestions, accepts_bugs, position, program_id, created_at)
                values (:slug, :name, :description, true, true, (select coalesce(max(position), 0) + 1 from board), :p, :now)
                returning id""")
                .setParameter("slug", BOARD_PREFIX + slug).setParameter("name", boardName)
                .setParameter("description", boardDescription).setParameter("p", p.id).setParameter("now", p.createdAt)
                .getSingleResult();
        audit.record(pm, "beta.create", "beta_program", p.id, null,
                AuditLog.of("slug", slug, "name", p.name, "places", p.places, "channel", p.channel.name(),
                        "board", boardId.longValue(), "min_level", p.minLevel, "weekly_posts", p.weeklyPosts), null);
        return p;
    }

    /**
     * Closes a program: no more applications or decisions, its board archived (read-only, and off the board lists),
     * and every tester still accepted completes it (the medal, once per member). Closing a closed program changes nothing.
     */
    @Transactional
    public void close(String slug) {
        Member pm = viewer.requireStaff();
        long id = BetaApplications.lock(em, slug).id();
        BetaProgram p = BetaProgram.findById(id);
        if (p.closedAt != null) {
            return;
        }
        Instant now = clock.now();
        p.closedAt = now;
        em.createNativeQuery("update board set archived = true where program_id = :p").setParameter("p", id).executeUpdate();
        @SuppressWarnings("unchecked")
        List<Number> testers = em.createNativeQuery("""
                update beta_application set completed_at = :now where program_id = :p and state = 'ACCEPTED'
                returning member_id""").setParameter("now", now).setParameter("p", id).getResultList();
        int medals = 0;
        for (Number tester : testers.stream().sorted(java.util.Comparator.comparingLong(Number::longValue)).toList()) {
            medals += honours.medal(tester.longValue(), Medal.BETA_TESTER, now) ? 1 : 0;
        }
        audit.record(pm, "beta.close", "beta_program", id, null,
                AuditLog.of("completed", testers.size(), "medals", medals), null);
    }

    /**
     * The program's build is public: from now its release notes (releases written for the program) are everyone's.
     * Once; audited.
     */
    @Transactional
    public int publishBuild(String slug) {
        Member pm = viewer.requireStaff();
        long id = BetaApplications.lock(em, slug).id();
        BetaProgram p = BetaProgram.findById(id);
        if (p.buildPublicAt != null) {
            throw new FormInvalid("build", "beta_build_public");
        }
        p.buildPublicAt = clock.now();
        int releases = em.createNativeQuery("update release set program_id = null where program_id = :p")
                .setParameter("p", id).executeUpdate();
        audit.record(pm, "beta.build_public", "beta_program", id, null, AuditLog.of("releases", releases), null);
        return releases;
    }

    Instant local(String value) {
        return LocalDateTime.parse(value, LOCAL_INPUT).atZone(site.zone()).toInstant();
    }
}
