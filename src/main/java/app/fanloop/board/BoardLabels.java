package app.fanloop.board;

import java.util.Locale;

import app.fanloop.web.Locales;
import io.quarkus.qute.TemplateExtension;

/** {board.label} and {board.about}: the board's name and description in the reader's language. */
@TemplateExtension
public class BoardLabels {

    static String label(Board board, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return board.name(asLocale(locale));
    }

    static String about(Board board, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        return board.description(asLocale(locale));
    }

    private static Locale asLocale(Object locale) {
        return Locales.of(locale);
    }
}
