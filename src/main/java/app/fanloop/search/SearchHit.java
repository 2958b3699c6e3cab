package app.fanloop.search;

import java.util.List;

import app.fanloop.release.Release;
import app.fanloop.search.Highlighter.Part;
import app.fanloop.suggestion.Comment;
import app.fanloop.suggestion.Suggestion;

/**
 * One search result: a suggestion, a comment with the suggestion it belongs to, or a published
 * release; the title (a release's version) and a snippet of the text, with the query's words marked.
 */
public record SearchHit(SearchType type, Suggestion suggestion, Comment comment, Release release, List<Part> title,
        List<Part> snippet) {

    public boolean isComment() {
        return type == SearchType.COMMENT;
    }

    public boolean isRelease() {
        return type == SearchType.RELEASE;
    }

    /** Where the result leads: the suggestion, the comment on its page, or the release notes. */
    public String path() {
        if (release != null) {
            return release.path();
        }
        return comment == null ? suggestion.path() : suggestion.path() + "#comment-" + comment.id;
    }

    /** The title's words without their marks, for the rule that says which language it is in (web/ContentLanguage). */
    public String titleText() {
        return Highlighter.plain(title);
    }

    /** The snippet's words without their marks. */
    public String snippetText() {
        return Highlighter.plain(snippet);
    }

    /** Hidden results are only ever shown to admins and to their author; the page says so. */
    public boolean isHidden() {
        return suggestion != null && (suggestion.hidden || comment != null && comment.hidden);
    }
}
