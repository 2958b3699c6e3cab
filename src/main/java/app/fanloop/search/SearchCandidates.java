package app.fanloop.search;

import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * The first phase of a search: which posts are ranked. Ranking reads every row it ranks, and PostgreSQL's
 * full-text index hands over every match of a word before a single one can be read (for 相机, in a sixth of all
 * suggestions, that list alone takes 50 ms to build, and reading the rows 300 ms more). So a source's candidates
 * are found by a <b>walk</b>: read the source in its order of merit (suggestions by votes, comments newest first)
 * through a b-tree index, testing each row, until {@code candidates} match. A common word is done after a few
 * thousand rows at most. When {@code scan} rows go by first, the word is rarer than candidates/scan of the
 * posts, and every match is taken from the full-text index instead (PostgreSQL skips that part of the
 * statement otherwise), all of them ranked, exactly as a search of everything would. PostgreSQL's own estimate
 * of a word's matches is not asked: for words that go together ("电池 优化 定时 省电", all four in 83,334 posts)
 * it multiplies their shares and expects 7.
 * <p>
 * Suggestions have a second walk when the first one is full: matches in the title (the weight-A words of
 * {@code search_vector}, indexed on their own by V52), so that a post saying the word in its title is among
 * the candidates even when a great many more popular posts mention it. The visibility rule (and the page's
 * filters) are part of each walk, so what a reader may not see is never a candidate.
 */
@ApplicationScoped
class SearchCandidates {

    private static final String MATCHES = "s.search_vector @@ cast(:match as tsquery)";
    private static final String TITLE_MATCHES = "ts_filter(s.search_vector, '{a}') @@ cast(:match as tsquery)";
    /** The walk by votes, over the posts the reader may see and the page's filters let through. */
    private static final String BY_VOTES = "(select s.* from suggestion s where %s order by %s limit :scan) s";
    private static final String VOTES_ORDER = "s.vote_count desc, s.id desc";
    /** Within one board, the order of its index {@code suggestion_board_top}: pinned first, then by votes. */
    private static final String BOARD_VOTES_ORDER = "s.pinned desc, s.vote_count desc, s.id desc";
    private static final String COMMENT_MATCHES = "c.search_vector @@ cast(:match as tsquery)";
    private static final String NEWEST_COMMENTS = "(select c.* from comment c order by c.id desc limit :scan) c";

    private final EntityManager em;
    private final SearchConfig config;

    SearchCandidates(EntityManager em, SearchConfig config) {
        this.em = em;
        this.config = config;
    }

    /**
     * Suggestions matching {@code match} that the condition {@code visible} (on alias {@code s}, with its named
     * parameters bound by {@code bind}: the visibility rule and the page's filters) lets through: up to
     * {@code candidates} by each walk, or all of them. The walk reads only rows {@code visible} lets through, so a
     * filter (a board, a status) does not send a common word to the full-text index; {@code oneBoard} when the
     * condition holds to one board, whose own index then leads the walk.
     */
    List<Long> suggestions(String match, String visible, boolean oneBoard, Consumer<Query> bind, int candidates) {
        String all = "select s.id from suggestion s where " + MATCHES + " and " + visible;
        String walk = BY_VOTES.formatted(visible, oneBoard ? BOARD_VOTES_ORDER : VOTES_ORDER);
        // The walk by votes meets the title matches in the order the title walk would: when it already holds a
        // page of them, they are the most-voted title matches and the title walk is skipped. Otherwise the
        // title walk tests the whole vector first, so a row without the word anywhere is rejected before its
        // title words are cut out.
        String sql = """
                with anywhere as materialized (
                  select s.id, %3$s as titled from %1$s where %2$s limit :candidates),
                titled as materialized (
                  select s.id from %1$s
                  where (select count(*) from anywhere) = :candidates
                    and (select count(*) from anywhere where titled) < :page
                    and %2$s and %3$s limit :candidates)
                select id from anywhere
                union select id from titled
                union %5$s and (select count(*) from anywhere) < :candidates
                union select s.id from suggestion s where %3$s and %4$s
                  and (select count(*) from anywhere) = :candidates
                  and (select count(*) from anywhere where titled) < :page
                  and (select count(*) from titled) < :candidates"""
                .formatted(walk, MATCHES, TITLE_MATCHES, visible, all);
        return ids(sql, match, bind.andThen(q -> q.setParameter("page", config.pageSize())), candidates);
    }

    /** Comments matching {@code match} that {@code visible} lets through (aliases {@code c} and {@code s}). */
    List<Long> comments(String match, String visible, Consumer<Query> bind, int candidates) {
        String all = "select c.id from comment c join suggestion s on s.id = c.suggestion_id where " + COMMENT_MATCHES
                + " and " + visible;
        String sql = """
                with newest as materialized (
                  select c.id from %1$s join suggestion s on s.id = c.suggestion_id where %2$s and %3$s
                  limit :candidates)
                select id from newest
                union %4$s and (select count(*) from newest) < :candidates"""
                .formatted(NEWEST_COMMENTS, COMMENT_MATCHES, visible, all);
        return ids(sql, match, bind, candidates);
    }

    @SuppressWarnings("unchecked")
    private List<Long> ids(String sql, String match, Consumer<Query> bind, int candidates) {
        Query q = em.createNativeQuery(sql).setParameter("match", match)
                .setParameter("candidates", candidates).setParameter("scan", Math.max(config.scan(), candidates));
        bind.accept(q);
        return ((List<Number>) q.getResultList()).stream().map(Number::longValue).toList();
    }

    /** Ids as a PostgreSQL array literal, for {@code = any(cast(:ids as bigint[]))}. */
    static String array(List<Long> ids) {
        return ids.stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
    }
}
