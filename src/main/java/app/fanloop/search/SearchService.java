package app.fanloop.search;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.jboss.logging.Logger;

import app.fanloop.board.Board;
import app.fanloop.member.Viewer;
import app.fanloop.member.Visibility;
import app.fanloop.web.Page;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * Full-text search over suggestions, comments and published release notes, in Chinese and English.
 * <p>
 * <b>Matching.</b> The query is analyzed like the texts were (SearchAnalyzer) into units
 * (SearchTerms). A result must hold every unit; when nothing does, the search relaxes to results
 * holding at least half of them and the page says so.
 * <p>
 * <b>Ranking.</b> First by how many of the query's units a result holds, then by relevance
 * (PostgreSQL's ts_rank: title words weigh most, then the text, then a bug's details; divided by
 * the log of the length), rounded to two significant digits so that near-equal relevance counts
 * as equal, then by votes.
 * <p>
 * <b>Two phases.</b> Ranking reads every row it ranks, and a common word (相机 is in a sixth of all
 * suggestions) would have it read a sixth of the table. So only each source's candidates are ranked
 * (SearchCandidates: the most-voted matches in titles and anywhere, the newest comments; every match when
 * the word is rarer than that). A query with fewer matches than that is ranked whole, exactly as before;
 * deeper pages take more candidates. The relaxed search (at least half the units) asks the index for texts
 * holding enough units ({@link SearchTerms#atLeast}), and the hints look for every unit first, so a post with
 * both of "相机 闪退" is never crowded out by the many that only say 相机.
 * <p>
 * <b>Visibility.</b> Read from the rows at query time, as PostingService.visible does: hidden
 * suggestions and comments only for admins and their author, merged suggestions (and their
 * comments) only for admins. Nothing else needs the index to change when a post is hidden,
 * merged or restored. Release notes are searched once published, for everybody (drafts are the
 * editor's business).
 * <p>
 * <b>Types.</b> Each SearchType is one branch of a UNION. The board, status and kind filters are
 * about suggestions: while one of them is set, release notes are left out.
 */
@ApplicationScoped
public class SearchService {

    private static final Logger LOG = Logger.getLogger(SearchService.class);
    /** ts_rank weights for D, C, B, A: a bug's details (C), the text (B), the title (A). */
    private static final String WEIGHTS = "'{0.1, 0.2, 0.4, 1.0}'";
    /** PostgreSQL's "query canceled" (statement_timeout). */
    private static final String QUERY_CANCELED = "57014";

    private final EntityManager em;
    private final SearchAnalyzer analyzer;
    private final Viewer viewer;
    private final SearchConfig config;
    private final SearchHits results;
    private final SearchCandidates candidates;

    SearchService(EntityManager em, SearchAnalyzer analyzer, Viewer viewer,
            SearchConfig config, SearchHits results, SearchCandidates candidates) {
        this.results = results;
        this.candidates = candidates;
        this.em = em;
        this.analyzer = analyzer;
        this.viewer = viewer;
        this.config = config;
    }

    /** The board named in a hint's request, if the viewer may read it (null: none, or not theirs to read). */
    public Long boardId(String slug) {
        return slug == null ? null : Board.findBySlug(slug, viewer.visibility()).map(b -> b.id).orElse(null);
    }

    /** One page of results for what the viewer may see. */
    public SearchResults search(SearchQuery query) {
        boolean admin = viewer.isAdmin();
        // The board filter offers (and finds) only boards the viewer may read: no private board of another program.
        List<Board> boards = Board.readableAmong(Board.all(), viewer.visibility());
        SearchTerms terms = SearchTerms.of(analyzer.tokens(query.q()), false);
        if (terms.isEmpty()) {
            return SearchResults.none(query, boards, admin);
        }
        Long boardId = query.board() == null ? null
                : boards.stream().filter(b -> b.slug.equals(query.board())).map(b -> b.id).findFirst().orElse(-1L);
        Filters filters = new Filters(boardId, query, viewer.visibility(), null);
        int size = config.pageSize();
        int offset = (query.page() - 1) * size;
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                limitTime();
                List<Row> rows = rows(terms, filters, terms.size(), offset, size + 1);
                boolean partial = false;
                if (rows.isEmpty() && terms.size() > 1 && (query.page() == 1 || rows(terms, filters, terms.size(), 0, 1).isEmpty())) {
                    rows = rows(terms, filters, (terms.size() + 1) / 2, offset, size + 1);
                    partial = true;
                }
                Page<SearchHit> page = Page.of(results.hits(rows, terms, true), query.page(), size);
                return new SearchResults(query, page, partial, false, boards, admin);
            });
        } catch (RuntimeException e) {
            if (!canceled(e)) {
                throw e;
            }
            LOG.warnf("Search stopped after %s: %s", config.timeout(), query.q());
            return new SearchResults(query, new Page<>(List.of(), query.page(), false), false, true, boards, admin);
        }
    }

    /**
     * Suggestions like a title being written, best first: for the hints under the new-suggestion
     * form and for PMs looking for duplicates to merge. Holds at least half the title's words, the
     * last one possibly still being typed; never merged suggestions; hidden ones only for who may see them.
     */
    public List<SearchHit> similar(String title, Long excludeId, int limit) {
        return similar(title, null, excludeId, limit);
    }

    /**
     * As {@link #similar(String, Long, int)}, preferring suggestions on the given board among equally good ones.
     * Those holding every word are looked for first; only when they are too few, those holding at least half.
     */
    public List<SearchHit> similar(String title, Long preferredBoardId, Long excludeId, int limit) {
        String words = SearchQuery.words(title, config.maxQueryLength());
        boolean stillTyping = !words.isEmpty() && !title.endsWith(" ");
        SearchTerms terms = SearchTerms.of(analyzer.tokens(words), stillTyping);
        if (terms.isEmpty() || limit <= 0) {
            return List.of();
        }
        Filters filters = new Filters(null, null, viewer.visibility(), excludeId);
        try {
            return QuarkusTransaction.requiringNew().call(() -> {
                limitTime();
                List<Row> rows = new ArrayList<>(similarRows(terms, filters, terms.size(), preferredBoardId, limit));
                int minimum = (terms.size() + 1) / 2;
                if (rows.size() < limit && minimum < terms.size()) {
                    for (Row row : similarRows(terms, filters, minimum, preferredBoardId, limit)) {
                        if (rows.size() < limit && !rows.contains(row)) {
                            rows.add(row);
                        }
                    }
                }
                return results.hits(rows, terms, false);
            });
        } catch (RuntimeException e) {
            if (!canceled(e)) {
                throw e;
            }
            return List.of();
        }
    }

    private List<Row> similarRows(SearchTerms terms, Filters filters, int minimum, Long preferredBoardId, int limit) {
        boolean all = minimum >= terms.size();
        List<Long> ids = candidates.suggestions(terms.atLeast(minimum),
                filters.suggestionVisibility(), false, filters::bind, config.candidates());
        if (ids.isEmpty()) {
            return List.of();
        }
        String sql = """
                select type, suggestion_id, comment_id, cast(null as bigint) as release_id from (
                  select 'SUGGESTION' as type, s.id as suggestion_id, cast(null as bigint) as comment_id,
                         %s as coverage, %s as rank, s.board_id = :preferred as preferred,
                         s.vote_count as votes
                  from suggestion s
                  where s.id = any(cast(:suggestions as bigint[]))
                ) hits
                %s
                order by coverage desc, preferred desc, %s desc, votes desc, suggestion_id desc
                limit :limit""".formatted(coverage("s", terms), rank("s"),
                all ? "" : "where coverage >= :minimum", significant("rank"));
        Query q = em.createNativeQuery(sql)
                .setParameter("suggestions", SearchCandidates.array(ids))
                .setParameter("ranked", terms.any())
                .setParameter("preferred", preferredBoardId == null ? -1L : preferredBoardId)
                .setParameter("limit", limit);
        if (!all) {
            q.setParameter("minimum", minimum);
        }
        bindUnits(q, terms);
        return rows(q);
    }

    /** Who is asking and what they filter by. */
    private record Filters(Long boardId, SearchQuery query, Visibility visibility, Long excludeId) {

        /**
         * The visibility rule; merged duplicates are found only by those who see everything (admins), and never
         * by the hints (no page query), which look for what is still open to votes.
         */
        String suggestionVisibility() {
            StringBuilder where = new StringBuilder(visibility.sql("s"));
            if (!visibility.seesHidden() || query == null) {
                where.append(" and s.status <> 'MERGED'");
            }
            if (boardId != null) {
                where.append(" and s.board_id = :board");
            }
            if (query != null && query.status() != null) {
                where.append(" and s.status = :status");
            }
            if (query != null && query.kind() != null) {
                where.append(" and s.kind = :kind");
            }
            if (excludeId != null) {
                where.append(" and s.id <> :exclude");
            }
            return where.toString();
        }

        String commentVisibility() {
            return visibility.sql("c");
        }

        boolean includes(SearchType type) {
            if (type == SearchType.RELEASE && (boardId != null || query == null || query.status() != null
                    || query.kind() != null)) {
                return false;
            }
            return query == null || query.type() == null || query.type() == type;
        }

        void bind(Query q) {
            if (boardId != null) {
                q.setParameter("board", boardId);
            }
            if (query != null && query.status() != null) {
                q.setParameter("status", query.status().name());
            }
            if (query != null && query.kind() != null) {
                q.setParameter("kind", query.kind().name());
            }
            if (excludeId != null) {
                q.setParameter("exclude", excludeId);
            }
        }
    }

    /** A result as the query found it: a suggestion, a comment (with its suggestion) or a release. */
    record Row(SearchType type, Long suggestionId, Long commentId, Long releaseId) {
    }

    /**
     * Results holding at least {@code minimum} of the units, best first, ranked among each source's candidates
     * (SearchCandidates): enough of them for the page asked, in blocks of {@code candidates} so that the pages of
     * one block agree with each other.
     */
    private List<Row> rows(SearchTerms terms, Filters filters, int minimum, int offset, int limit) {
        boolean all = minimum >= terms.size();
        int block = config.candidates();
        int wanted = (offset + limit + block - 1) / block * block;
        String match = terms.atLeast(minimum);
        List<String> branches = new ArrayList<>();
        List<Long> suggestionIds = List.of();
        List<Long> commentIds = List.of();
        if (filters.includes(SearchType.SUGGESTION)) {
            suggestionIds = candidates.suggestions(match, filters.suggestionVisibility(), filters.boardId() != null,
                    filters::bind, wanted);
            if (!suggestionIds.isEmpty()) {
                branches.add("""
                        select 'SUGGESTION' as type, s.id as suggestion_id, cast(null as bigint) as comment_id,
                               cast(null as bigint) as release_id, %s as coverage, %s as rank, s.vote_count as votes
                        from suggestion s
                        where s.id = any(cast(:suggestions as bigint[]))""".formatted(coverage("s", terms), rank("s")));
            }
        }
        if (filters.includes(SearchType.COMMENT)) {
            commentIds = candidates.comments(match,
                    filters.suggestionVisibility() + " and " + filters.commentVisibility(), filters::bind, wanted);
            if (!commentIds.isEmpty()) {
                branches.add("""
                        select 'COMMENT' as type, s.id as suggestion_id, c.id as comment_id,
                               cast(null as bigint) as release_id, %s as coverage, %s as rank, s.vote_count as votes
                        from comment c join suggestion s on s.id = c.suggestion_id
                        where c.id = any(cast(:comments as bigint[]))""".formatted(coverage("c", terms), rank("c")));
            }
        }
        if (filters.includes(SearchType.RELEASE)) {
            // A release has no votes of its own: among equally relevant results, posts come first. Releases are
            // a few a week: all of them are ranked.
            branches.add("""
                    select 'RELEASE' as type, cast(null as bigint) as suggestion_id, cast(null as bigint) as comment_id,
                           r.id as release_id, %s as coverage, %s as rank, -1 as votes
                    from release r
                    where r.search_vector @@ cast(:match as tsquery) and r.state = 'PUBLISHED' and %s""".formatted(
                    coverage("r", terms), rank("r"), filters.visibility().sqlProgram("r")));
        }
        if (branches.isEmpty()) {
            return List.of();
        }
        String sql = "select type, suggestion_id, comment_id, release_id from ("
                + String.join(" union all ", branches) + ") hits"
                + (all ? "" : " where coverage >= :minimum")
                + " order by coverage desc, " + significant("rank")
                + " desc, votes desc, suggestion_id desc nulls last, comment_id nulls first, release_id desc"
                + " offset :offset limit :limit";
        Query q = em.createNativeQuery(sql)
                .setParameter("ranked", terms.any())
                .setParameter("offset", offset)
                .setParameter("limit", limit);
        if (!suggestionIds.isEmpty()) {
            q.setParameter("suggestions", SearchCandidates.array(suggestionIds));
        }
        if (!commentIds.isEmpty()) {
            q.setParameter("comments", SearchCandidates.array(commentIds));
        }
        if (filters.includes(SearchType.RELEASE)) {
            q.setParameter("match", match);
        }
        if (!all) {
            q.setParameter("minimum", minimum);
        }
        bindUnits(q, terms);
        return rows(q);
    }

    @SuppressWarnings("unchecked")
    private static List<Row> rows(Query q) {
        List<Object[]> raw = q.getResultList();
        return raw.stream().map(r -> new Row(SearchType.valueOf((String) r[0]), id(r[1]), id(r[2]), id(r[3]))).toList();
    }

    private static Long id(Object value) {
        return value == null ? null : ((Number) value).longValue();
    }

    /** How many of the query's units a row holds. */
    private static String coverage(String alias, SearchTerms terms) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < terms.size(); i++) {
            parts.add("cast(" + alias + ".search_vector @@ cast(:u" + i + " as tsquery) as int)");
        }
        return "(" + String.join(" + ", parts) + ")";
    }

    /** ts_rank over every unit, divided by 1 + the log of the text's length (normalization 1). */
    private static String rank(String alias) {
        return "ts_rank(" + WEIGHTS + ", " + alias + ".search_vector, cast(:ranked as tsquery), 1)";
    }

    /** A rank rounded to two significant digits, so that votes decide between near-equals. */
    private static String significant(String rank) {
        return "round(cast(" + rank + " as numeric), cast(1 - floor(log(greatest(" + rank + ", 1e-9))) as int))";
    }

    private static void bindUnits(Query q, SearchTerms terms) {
        for (int i = 0; i < terms.size(); i++) {
            q.setParameter("u" + i, terms.units().get(i).tsquery());
        }
    }

    /**
     * Sets this search's transaction up: a search running too long is stopped; each statement is planned for
     * its own words (a generic plan, what a prepared statement gets after five runs, would not know a common word
     * from a rare one); a table is never read whole (SearchCandidates reads indexes; a misjudged word must not
     * turn into a scan of millions of rows); no parallel workers, whose start costs more than these
     * statements (two cores serve many searches at once); and no JIT compilation, which PostgreSQL starts for
     * any statement it expects to be expensive and which alone took longer (0.5–1 s) than the search.
     */
    private void limitTime() {
        em.createNativeQuery("select set_config('statement_timeout', :ms, true),"
                + " set_config('plan_cache_mode', 'force_custom_plan', true),"
                + " set_config('enable_seqscan', 'off', true),"
                + " set_config('max_parallel_workers_per_gather', '0', true),"
                + " set_config('jit', 'off', true)")
                .setParameter("ms", String.valueOf(config.timeout().toMillis()))
                .getSingleResult();
    }

    private static boolean canceled(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && QUERY_CANCELED.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
