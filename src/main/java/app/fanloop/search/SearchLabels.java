package app.fanloop.search;

import app.fanloop.web.Locales;
import io.quarkus.qute.TemplateExtension;

/** {type.label} in the reader's language. */
@TemplateExtension
public class SearchLabels {

    static String label(SearchType type, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        SearchMessages msg = Locales.messages(SearchMessages.class, locale);
        return switch (type) {
            case SUGGESTION -> msg.search_type_suggestion();
            case COMMENT -> msg.search_type_comment();
            case RELEASE -> msg.search_type_release();
        };
    }
}
