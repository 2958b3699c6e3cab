package app.fanloop.web;

import java.util.Locale;

import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.quarkus.qute.i18n.Localized;
import io.quarkus.qute.i18n.MessageBundles;

/**
 * The language a template extension should use: the template's locale attribute when it reaches
 * the extension, else the reader's language during a request, else Chinese.
 */
public final class Locales {
    private Locales() {
    }

    public static Locale of(Object templateAttribute) {
        if (templateAttribute instanceof Locale locale) {
            return locale;
        }
        if (templateAttribute != null) {
            return Locale.forLanguageTag(templateAttribute.toString());
        }
        if (inHttpRequest()) {
            return Arc.container().instance(RequestLocale.class).get().get();
        }
        return RequestLocale.CHINESE;
    }

    /**
     * Whether an HTTP request is being served, so the reader's language is known. A scheduled job
     * or a test method has an active request context but no request.
     */
    static boolean inHttpRequest() {
        return Arc.container() != null && Arc.container().requestContext().isActive()
                && Arc.container().instance(CurrentVertxRequest.class).get().getCurrent() != null;
    }

    /** A message bundle (e.g. {@code SuggestionMessages.class}) in the language {@link #of} finds. */
    public static <T> T messages(Class<T> bundle, Object templateAttribute) {
        return MessageBundles.get(bundle,
                Localized.Literal.of("en".equals(of(templateAttribute).getLanguage()) ? "en" : "zh"));
    }

    /** The shared words (web's bundle) in the language {@link #of} finds. */
    public static WebMessages messages(Object templateAttribute) {
        return messages(WebMessages.class, templateAttribute);
    }
}
