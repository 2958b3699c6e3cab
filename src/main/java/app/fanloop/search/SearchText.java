package app.fanloop.search;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.text.TextContentRenderer;

/** The words of a Markdown text, without its markup: what is indexed and what snippets are cut from. */
final class SearchText {

    private static final Parser PARSER = Parser.builder().build();
    private static final TextContentRenderer RENDERER = TextContentRenderer.builder().build();

    private SearchText() {
    }

    static String of(String markdown) {
        if (markdown == null || markdown.isBlank()) {
            return "";
        }
        return RENDERER.render(PARSER.parse(markdown)).strip();
    }
}
