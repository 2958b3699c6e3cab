package app.fanloop.search;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import app.fanloop.release.Release;
import app.fanloop.release.ReleaseState;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;

/** Turns the rows a search found into results: their posts and releases loaded, titles and snippets highlighted. */
@ApplicationScoped
class SearchHits {

    private final EntityManager em;
    private final Highlighter highlighter;

    SearchHits(EntityManager em, Highlighter highlighter) {
        this.em = em;
        this.highlighter = highlighter;
    }

    /**
     * The rows as results, with their suggestions, boards, authors and comments loaded in three
     * statements, and releases with their lines in two more when there are any.
     */
    List<SearchHit> hits(List<SearchService.Row> rows, SearchTerms terms, boolean snippets) {
        if (rows.isEmpty()) {
            return List.of();
        }
        List<Long> suggestionIds = rows.stream().map(SearchService.Row::suggestionId).filter(id -> id != null).distinct().toList();
        Map<Long, Suggestion> suggestions = suggestionIds.isEmpty() ? Map.of()
                : Suggestion.<Suggestion> find(
                        "from Suggestion s join fetch s.board join fetch s.author where s.id in ?1", suggestionIds)
                        .stream().collect(Collectors.toMap(s -> s.id, Function.identity()));
        List<Long> releaseIds = rows.stream().map(SearchService.Row::releaseId).filter(id -> id != null).toList();
        Map<Long, Release> releases = releaseIds.isEmpty() ? Map.of()
                : Release.<Release> find("from Release r where r.id in ?1 and r.state = ?2", releaseIds,
                        ReleaseState.PUBLISHED).stream().collect(Collectors.toMap(r -> r.id, Function.identity()));
        Map<Long, List<String>> lines = releases.isEmpty() ? Map.of() : releaseLines(releases.keySet());
        List<Long> commentIds = rows.stream().map(SearchService.Row::commentId).filter(id -> id != null).toList();
        Map<Long, Comment> comments = commentIds.isEmpty() ? Map.of()
                : Comment.<Comment> find("from Comment c join fetch c.author where c.id in ?1", commentIds)
                        .stream().collect(Collectors.toMap(c -> c.id, Function.identity()));
        List<SearchHit> hits = new ArrayList<>();
        for (SearchService.Row row : rows) {
            if (row.releaseId() != null) {
                Release r = releases.get(row.releaseId());
                if (r != null) {
                    String text = SearchText.of(r.summary) + " · " + String.join(" · ", lines.getOrDefault(r.id, List.of()));
                    hits.add(new SearchHit(row.type(), null, null, r, highlighter.whole(r.version, terms),
                            snippets ? highlighter.snippet(text, terms) : List.of()));
                }
                continue;
            }
            Suggestion s = suggestions.get(row.suggestionId());
            Comment c = row.commentId() == null ? null : comments.get(row.commentId());
            if (s == null || row.commentId() != null && c == null) {
                continue;
            }
            String text = c != null ? SearchText.of(c.body) : text(s);
            hits.add(new SearchHit(row.type(), s, c, null, highlighter.whole(s.title, terms),
                    snippets ? highlighter.snippet(text, terms) : List.of()));
        }
        return hits;
    }

    /** The lines of the releases' notes as plain text, in the order they are shown. */
    private Map<Long, List<String>> releaseLines(Collection<Long> releaseIds) {
        @SuppressWarnings("unchecked")
        List<Object[]> raw = em.createNativeQuery(
                "select release_id, text from release_item where release_id in (:ids) order by release_id, "
                        + SearchIndex.LINE_ORDER)
                .setParameter("ids", releaseIds).getResultList();
        Map<Long, List<String>> lines = new HashMap<>();
        for (Object[] row : raw) {
            lines.computeIfAbsent(((Number) row[0]).longValue(), ignored -> new ArrayList<>())
                    .add(SearchText.of((String) row[1]));
        }
        return lines;
    }

    /** What a suggestion's snippet is cut from: its text, then a bug report's details, where they may have matched. */
    private static String text(Suggestion s) {
        String body = SearchText.of(s.body);
        if (!s.isBug()) {
            return body;
        }
        return body + " · " + s.deviceModel + " " + s.systemVersion + " · " + SearchText.of(s.steps);
    }
}
