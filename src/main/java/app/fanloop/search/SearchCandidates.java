package app.fanloop.search;

import java.util.List;
import java.util.function.Consumer;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;

/**
 * The first phase of a search: which posts are ranked. Ranking reads every row it ranks, and PostgreSQL's
 * full-text index hands over every match of a word before a single one can be read (for 相机, in a sixth of all
 * suggestions, building that list alone costs 50 ms). So a source's candidates are taken in two steps, in one
 * statement:
 * <ol>
 * <li>walk the source in its order of merit (suggestions by votes, comments newest first) through its b-tree
 * index, testing each row, until {@code candidates} match or {@code scan} rows have been read. A word in
 * more than candidates/scan of the posts (1 in 25 by default) is done here, after a few thousand rows at most;</li>
 * <li>only if the walk found fewer, the word is rarer than that: every match is taken from the full-text index
 * (PostgreSQL skips this part of the statement otherwise) and ranked, exactly as a search of everything would.</li>
 * </ol>
 * Suggestions have two walks: matches anywhere, and matches in the title (the weight-A words of
 * {@code search_vector}, indexed on their own by V52), so that a post saying the word in its title is among
 * the candidates even when a great many more popular posts mention it. The visibility rule (and the page's
 * filters) are part of each walk, so what a reader may not see is never a candidate.
 */
@ApplicationScoped
class SearchCandidates {

    private final EntityManager em;
    private final SearchConfig config;

    SearchCandidates(EntityManager em, SearchConfig config) {
        this.em = em;
        this.config = config;
    }

    /**
     * Suggestions matching {@code match} that the condition {@code visible} (on alias {@code s}, with its named
     * parameters bound by {@code bind}) lets through: up to {@code candidates} by each walk, or all of them.
     */
    List<Long> suggestions(String match, String visible, Consumer<Query> bind, int candidates) {
        String sql = """
                with anywhere as materialized (
                  select s.id from (select s.* from suggestion s order by s.vote_count desc, s.id desc limit :scan) s
                  where s.search_vector @@ cast(:match as tsquery) and %1$s
                  limit :candidates),
                titled as materialized (
                  select s.id from (select s.* from suggestion s order by s.vote_count desc, s.id desc limit :scan) s
                  where ts_filter(s.search_vector, '{a}') @@ cast(:match as tsquery) and %1$s
                  limit :candidates)
                select id from anywhere
                union select id from titled
                union select s.id from suggestion s
                  where (select count(*) from anywhere) < :candidates
                    and s.search_vector @@ cast(:match as tsquery) and %1$s
                union select s.id from suggestion s
                  where (select count(*) from titled) < :candidates
                    and ts_filter(s.search_vector, '{a}') @@ cast(:match as tsquery) and %1$s""".formatted(visible);
        return ids(sql, match, bind, candidates);
    }

    /** Comments matching {@code match} whose thread {@code visible} lets through (aliases {@code c} and {@code s}). */
    List<Long> comments(String match, String visible, Consumer<Query> bind, int candidates) {
        String sql = """
                with newest as materialized (
                  select c.id from (select c.* from comment c order by c.id desc limit :scan) c
                  join suggestion s on s.id = c.suggestion_id
                  where c.search_vector @@ cast(:match as tsquery) and %1$s
                  limit :candidates)
                select id from newest
                union select c.id from comment c join suggestion s on s.id = c.suggestion_id
                  where (select count(*) from newest) < :candidates
                    and c.search_vector @@ cast(:match as tsquery) and %1$s""".formatted(visible);
        return ids(sql, match, bind, candidates);
    }

    @SuppressWarnings("unchecked")
    private List<Long> ids(String sql, String match, Consumer<Query> bind, int candidates) {
        Query q = em.createNativeQuery(sql)
                .setParameter("match", match)
                .setParameter("candidates", candidates)
                .setParameter("scan", Math.max(config.scan(), candidates));
        bind.accept(q);
        return ((List<Number>) q.getResultList()).stream().map(Number::longValue).toList();
    }

    /** Ids as a PostgreSQL array literal, for {@code = any(cast(:ids as bigint[]))}. */
    static String array(List<Long> ids) {
        StringBuilder out = new StringBuilder("{");
        for (Long id : ids) {
            if (out.length() > 1) {
                out.append(',');
            }
            out.append(id);
        }
        return out.append('}').toString();
    }
}
