package app.fanloop.beta;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import app.fanloop.member.Visibility;
import app.fanloop.web.SiteClock;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/**
 * The tester score and its explanation, and each tester's posts on the private board this week: one SQL statement
 * for a whole page of applicants, whatever its size (the facts are counted in correlated subqueries on indexes:
 * suggestion_author, report_reporter, beta_application_member_past, suggestion_board_author). The formula is
 * {@link BetaConfig}'s.
 */
@ApplicationScoped
public class TesterScores {

    /** The facts counted per applicant, each feeding one term of the score (hidden posts count for nothing). */
    private static final String FACTS = """
            select a.id, a.member_id, m.name, m.level, a.state, a.device, a.system_version, a.answer_1, a.answer_2,
                   a.created_at, a.accepted_at, f.bugs, f.adopted, r.upheld, p.accepted, p.completed, p.removed, w.recent
            from beta_application a join member m on m.id = a.member_id
            cross join lateral (select count(*) as bugs,
                                       count(*) filter (where s.status in ('PLANNED', 'IN_PROGRESS', 'SHIPPED')) as adopted
                                from suggestion s where s.author_id = a.member_id and s.kind = 'BUG' and %1$s) f
            cross join lateral (select count(*) as upheld from report x
                                where x.reporter_id = a.member_id and x.status = 'UPHELD') r
            cross join lateral (select count(*) as accepted, count(b.completed_at) as completed,
                                       count(*) filter (where b.state = 'REMOVED') as removed
                                from beta_application b
                                where b.member_id = a.member_id and b.accepted_at is not null and b.program_id <> a.program_id) p
            cross join lateral (select count(*) as recent from suggestion s
                                where s.board_id = :board and s.author_id = a.member_id and s.created_at >= :since
                                  and %1$s) w
            where a.program_id = :program""".formatted(Visibility.sqlShown("s"));

    /** The score of a row of {@link #FACTS}, from the configured weights (all integers, inlined as numbers). */
    private static final String SCORE = """
            (level * %d + least(bugs, %d) * %d + adopted * %d + least(upheld, %d) * %d
             + accepted * %d + completed * %d + removed * %d)""";

    private final EntityManager em;
    private final BetaConfig config;
    private final SiteClock clock;

    TesterScores(EntityManager em, BetaConfig config, SiteClock clock) {
        this.em = em;
        this.config = config;
        this.clock = clock;
    }

    /** How the console lists applicants. */
    public enum Sort {
        /** Highest score first (ties: who applied first). */
        SCORE,
        /** Who applied first. */
        DATE;

        static Sort parse(String value) {
            return "date".equalsIgnoreCase(value) ? DATE : SCORE;
        }

        public String param() {
            return name().toLowerCase();
        }
    }

    /** What the console asks for: a state (null: every state), a device text, the sort and the page. */
    public record Query(ApplicationState state, String device, Sort sort, int page) {
    }

    /** One term of the score: the fact counted, the points per unit, and the points it gives. */
    public record Term(String key, int count, int weight, int points) {
    }

    /** An applicant as the console shows them: the application, the score explained, and this week's posts. */
    public record Applicant(long id, long memberId, String name, int level, ApplicationState state, String device,
            String systemVersion, String answer1, String answer2, Instant appliedAt, Instant acceptedAt,
            int score, List<Term> terms, int recentPosts, boolean behind) {

        public String memberPath() {
            return "/members/" + memberId;
        }

        public String removeSuffix() {
            return "/applications/" + id + "/remove";
        }

        public String decisionSuffix() {
            return "/applications/" + id + "/decision";
        }

        public boolean isAccepted() {
            return state == ApplicationState.ACCEPTED;
        }

        public boolean isPending() {
            return state == ApplicationState.APPLIED || state == ApplicationState.WAITLISTED;
        }
    }

    /** A page of applicants of the program with the query's filter and sort, plus one row to tell if there is a next page. */
    public List<Applicant> page(BetaProgram program, long boardId, Query query) {
        int size = config.pageSize();
        String order = query.sort() == Sort.DATE ? "created_at, id" : "score desc, created_at, id";
        return rows(program, boardId, query.state() == null ? List.of() : List.of(query.state()), query.device(), order,
                size + 1, (long) (query.page() - 1) * size, null);
    }

    /** The applicants in these states, highest score first (the top N, the waitlist's next in line). */
    List<Applicant> ranked(BetaProgram program, long boardId, List<ApplicationState> states, int max) {
        return rows(program, boardId, states, null, "score desc, created_at, id", max, 0, null);
    }

    /** One applicant, explained. */
    public Optional<Applicant> one(BetaProgram program, long boardId, long applicationId) {
        return rows(program, boardId, List.of(), null, "id", 1, 0, applicationId).stream().findFirst();
    }

    private List<Applicant> rows(BetaProgram program, long boardId, List<ApplicationState> states, String device, String order,
            int limit, long offset, Long applicationId) {
        BetaConfig.Weights w = config.weights();
        StringBuilder where = new StringBuilder(FACTS);
        if (!states.isEmpty()) {
            where.append(" and a.state in (:states)");
        }
        boolean filtered = device != null && !device.isBlank();
        if (filtered) {
            where.append(" and (a.device ilike :device escape '\\' or a.system_version ilike :device escape '\\')");
        }
        if (applicationId != null) {
            where.append(" and a.id = :id");
        }
        String sql = "select *, " + SCORE.formatted(w.level(), w.bugReportsCap(), w.bugReport(), w.adoptedBugReport(),
                w.reportsUpheldCap(), w.reportUpheld(), w.pastAccepted(), w.pastCompleted(), w.pastRemoved())
                + " as score from (" + where + ") facts order by " + order + " limit :limit offset :offset";
        Instant now = clock.now();
        var q = em.createNativeQuery(sql).setParameter("program", program.id).setParameter("board", boardId)
                .setParameter("since", now.minus(config.participationWindow()))
                .setParameter("limit", limit).setParameter("offset", offset);
        if (!states.isEmpty()) {
            q.setParameter("states", states.stream().map(Enum::name).toList());
        }
        if (filtered) {
            q.setParameter("device", "%" + device.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        if (applicationId != null) {
            q.setParameter("id", applicationId);
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = q.getResultList();
        Instant graceEnds = now.minus(config.participationWindow());
        List<Applicant> applicants = new ArrayList<>(rows.size());
        for (Object[] r : rows) {
            int level = ((Number) r[3]).intValue();
            int bugs = i(r[11]), adopted = i(r[12]), upheld = i(r[13]), accepted = i(r[14]), completed = i(r[15]),
                    removed = i(r[16]), recent = i(r[17]);
            List<Term> terms = List.of(
                    new Term("level", level, w.level(), level * w.level()),
                    new Term("bug_reports", bugs, w.bugReport(), Math.min(bugs, w.bugReportsCap()) * w.bugReport()),
                    new Term("adopted_bug_reports", adopted, w.adoptedBugReport(), adopted * w.adoptedBugReport()),
                    new Term("reports_upheld", upheld, w.reportUpheld(), Math.min(upheld, w.reportsUpheldCap()) * w.reportUpheld()),
                    new Term("past_accepted", accepted, w.pastAccepted(), accepted * w.pastAccepted()),
                    new Term("past_completed", completed, w.pastCompleted(), completed * w.pastCompleted()),
                    new Term("past_removed", removed, w.pastRemoved(), removed * w.pastRemoved()));
            ApplicationState st = ApplicationState.valueOf((String) r[4]);
            Instant acceptedAt = SiteClock.instant(r[10]);
            // A tester falls behind once they have had a whole window to post and posted less than required.
            boolean behind = st == ApplicationState.ACCEPTED && program.weeklyPosts > 0 && acceptedAt != null
                    && !acceptedAt.isAfter(graceEnds) && recent < program.weeklyPosts;
            applicants.add(new Applicant(n(r[0]), n(r[1]), (String) r[2], level, st, (String) r[5], (String) r[6],
                    (String) r[7], (String) r[8], SiteClock.instant(r[9]), acceptedAt, i(r[18]), terms, recent, behind));
        }
        return applicants;
    }

    private static int i(Object value) {
        return ((Number) value).intValue();
    }

    private static long n(Object value) {
        return ((Number) value).longValue();
    }
}
