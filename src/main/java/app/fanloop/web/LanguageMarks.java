package app.fanloop.web;

import io.quarkus.qute.RawString;
import io.quarkus.qute.TemplateExtension;

/**
 * {@code <h1{s.title.lang}>}: the lang attribute for an element that shows what a member wrote, when its language
 * ({@link ContentLanguage}) differs from the page's; nothing otherwise. Every template marks member text this one way.
 * Computed at render (a title costs well under a microsecond, see README "Accessibility"), so nothing is stored.
 */
@TemplateExtension
public class LanguageMarks {

    private static final RawString NONE = new RawString("");
    private static final RawString CHINESE = new RawString(" lang=\"" + ContentLanguage.CHINESE.tag + "\"");
    private static final RawString ENGLISH = new RawString(" lang=\"" + ContentLanguage.ENGLISH.tag + "\"");

    static RawString lang(String text, @TemplateExtension.TemplateAttribute("locale") Object locale) {
        String tag = ContentLanguage.of(text).differingFrom(Locales.of(locale));
        if (tag == null) {
            return NONE;
        }
        // Only the two constant attributes above are ever written: no member text reaches this markup.
        return tag.equals(ContentLanguage.CHINESE.tag) ? CHINESE : ENGLISH;
    }
}
