package app.fanloop.search;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import app.fanloop.suggestion.SuggestionKind;
import app.fanloop.suggestion.SuggestionStatus;
import app.fanloop.web.Pages;

/**
 * A search as asked in the page's address: the words, the filters (board, status, kind, type) and
 * the page. Anything malformed is read as "no filter" or page 1, never as an error.
 */
public record SearchQuery(String q, String board, SuggestionStatus status, SuggestionKind kind, SearchType type,
        int page) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,59}");

    public static SearchQuery of(String q, String board, String status, String kind, String type, String page,
            SearchConfig config) {
        return new SearchQuery(words(q, config.maxQueryLength()),
                board != null && SLUG.matcher(board.strip()).matches() ? board.strip() : null,
                SuggestionStatus.parse(status), SuggestionKind.parse(kind), SearchType.parse(type),
                page(page, config.maxPage()));
    }

    /** The words, trimmed and cut to the longest query searched (never inside a surrogate pair). */
    static String words(String q, int max) {
        if (q == null) {
            return "";
        }
        String words = q.strip();
        if (words.length() > max) {
            int end = Character.isHighSurrogate(words.charAt(max - 1)) ? max - 1 : max;
            words = words.substring(0, end).strip();
        }
        return words;
    }

    private static int page(String page, int max) {
        try {
            return Pages.clamp(page == null ? null : Integer.valueOf(page.strip()), max);
        } catch (NumberFormatException notANumber) {
            return 1;
        }
    }

    public boolean isAsked() {
        return !q.isEmpty();
    }

    public boolean isFiltered() {
        return board != null || status != null || kind != null || type != null;
    }

    public String statusParam() {
        return status == null ? "" : status.name();
    }

    public String kindParam() {
        return kind == null ? "" : kind.name();
    }

    public String typeParam() {
        return type == null ? "" : type.param();
    }

    public String boardParam() {
        return board == null ? "" : board;
    }

    /** This search's address without its page number, for the pager: {@code /search?q=…&page=}. */
    public String pageBase() {
        StringBuilder out = new StringBuilder("/search?q=").append(encode(q));
        param(out, "board", board);
        param(out, "status", status == null ? null : status.name());
        param(out, "kind", kind == null ? null : kind.name());
        param(out, "type", type == null ? null : type.param());
        return out.append("&page=").toString();
    }

    /** The same words without any filter. */
    public String unfilteredPath() {
        return "/search?q=" + encode(q);
    }

    private static void param(StringBuilder out, String name, String value) {
        if (value != null) {
            out.append('&').append(name).append('=').append(encode(value));
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
