package app.fanloop.search;

import java.util.List;

import app.fanloop.search.Highlighter.Part;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;

/**
 * One search result: a suggestion, or a comment with the suggestion it belongs to; the title and
 * a snippet of the text, with the query's words marked.
 */
public record SearchHit(SearchType type, Suggestion suggestion, Comment comment, List<Part> title,
        List<Part> snippet) {

    public boolean isComment() {
        return type == SearchType.COMMENT;
    }

    /** Where the result leads: the suggestion, or the comment on its page. */
    public String path() {
        return comment == null ? suggestion.path() : suggestion.path() + "#comment-" + comment.id;
    }

    /** Hidden results are only ever shown to admins and to their author; the page says so. */
    public boolean isHidden() {
        return suggestion.hidden || comment != null && comment.hidden;
    }
}
