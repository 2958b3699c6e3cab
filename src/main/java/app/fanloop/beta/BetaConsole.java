package app.fanloop.beta;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import app.fanloop.member.Viewer;
import app.fanloop.web.FieldErrors;
import app.fanloop.web.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.core.UriBuilder;

/** What a program's console shows a PM: the applicants of the query, explained, the counts by state, who fell behind. */
@ApplicationScoped
public class BetaConsole {

    private final EntityManager em;
    private final Viewer viewer;
    private final BetaPrograms programs;
    private final TesterScores scores;
    private final BetaConfig config;

    BetaConsole(EntityManager em, Viewer viewer, BetaPrograms programs, TesterScores scores, BetaConfig config) {
        this.em = em;
        this.viewer = viewer;
        this.programs = programs;
        this.scores = scores;
        this.config = config;
    }

    /**
     * The console: the program, its board, a page of applicants for the query, the number of applications in each
     * state, how many testers fell behind, the score's weights (for its explanation), a refusal's errors, and what
     * the last action did.
     */
    public record View(BetaProgram program, String boardSlug, Page<TesterScores.Applicant> applicants,
            TesterScores.Query query, Map<ApplicationState, Integer> counts, int behind, BetaConfig.Weights weights,
            FieldErrors errors, String done) {

        public List<ApplicationState> states() {
            return List.of(ApplicationState.values());
        }

        public int count(ApplicationState state) {
            return counts.getOrDefault(state, 0);
        }

        public int total() {
            return counts.values().stream().mapToInt(Integer::intValue).sum();
        }

        /** The console's address with this query but another sort (back to the first page). */
        public String sortPath(String sort) {
            return path(sort, query.state() == null ? null : query.state().name(), query.device(), null);
        }

        /** The console's address with this query but another state filter. */
        public String statePath(String state) {
            return path(query.sort().param(), state, query.device(), null);
        }

        public String allStatesPath() {
            return path(query.sort().param(), null, query.device(), null);
        }

        /** The pager's base: the query, and the page number appended. */
        public String pageBase() {
            return path(query.sort().param(), query.state() == null ? null : query.state().name(), query.device(), "")
                    .replaceAll("page=$", "page=");
        }

        private String path(String sort, String state, String device, String page) {
            UriBuilder uri = UriBuilder.fromPath(program.consolePath()).queryParam("sort", sort);
            if (state != null) {
                uri.queryParam("state", state);
            }
            if (device != null && !device.isBlank()) {
                uri.queryParam("device", device);
            }
            if (page != null) {
                return uri.build().toString() + "&page=";
            }
            return uri.build().toString();
        }

        public boolean open() {
            return !program.isClosed();
        }
    }

    public void requireStaff() {
        viewer.requireStaff();
    }

    @Transactional
    public View view(String slug, TesterScores.Query query, FieldErrors errors, String done) {
        viewer.requireStaff();
        BetaProgram program = programs.program(slug);
        String boardSlug = programs.boardSlug(program);
        long boardId = programs.boardId(program);
        List<TesterScores.Applicant> rows = scores.page(program, boardId, query);
        @SuppressWarnings("unchecked")
        List<Object[]> byState = em.createNativeQuery("""
                select state, count(*) from beta_application where program_id = :p group by state""")
                .setParameter("p", program.id).getResultList();
        Map<ApplicationState, Integer> counts = new EnumMap<>(ApplicationState.class);
        byState.forEach(r -> counts.put(ApplicationState.valueOf((String) r[0]), ((Number) r[1]).intValue()));
        int behind = program.weeklyPosts == 0 || program.isClosed() ? 0
                : (int) scores.ranked(program, boardId, List.of(ApplicationState.ACCEPTED), program.places).stream()
                        .filter(TesterScores.Applicant::behind).count();
        return new View(program, boardSlug, Page.of(rows, query.page(), config.pageSize()), query, counts, behind,
                config.weights(), errors, done);
    }
}
