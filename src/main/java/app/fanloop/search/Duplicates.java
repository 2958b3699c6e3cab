package app.fanloop.search;

import java.util.List;

import app.fanloop.member.Viewer;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.NotFoundException;

/**
 * Possible duplicates of a suggestion, offered to staff as merge candidates (triage merges them). Here in
 * search, which sits above triage and release, so triage needs no search import.
 */
@ApplicationScoped
public class Duplicates {

    /** How many merge candidates the console offers. */
    static final int CANDIDATES = 5;

    private final Viewer viewer;
    private final SearchService search;

    Duplicates(Viewer viewer, SearchService search) {
        this.viewer = viewer;
        this.search = search;
    }

    /** A suggestion and those that look like it (merge candidates), best first. */
    public record Candidates(Suggestion suggestion, List<SearchHit> hits) {
    }

    /**
     * Merge candidates for staff: the suggestions whose titles and texts are most like this one's
     * title (the similarity search behind the new-suggestion hints), same board first among equals.
     */
    public Candidates candidates(long id) {
        viewer.requireStaff();
        Suggestion s = Suggestion.<Suggestion> find("from Suggestion s join fetch s.board where s.id = ?1", id)
                .firstResultOptional().orElseThrow(NotFoundException::new);
        List<SearchHit> hits = s.status == SuggestionStatus.MERGED ? List.of()
                : search.similar(s.title, s.board.id, s.id, CANDIDATES);
        return new Candidates(s, hits);
    }
}
