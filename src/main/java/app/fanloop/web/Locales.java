package app.fanloop.web;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.quarkus.arc.Arc;
import io.quarkus.arc.ArcContainer;
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
        return bundle(bundle, "en".equals(of(templateAttribute).getLanguage()) ? "en" : "zh");
    }

    /**
     * A message bundle in "zh" or "en". The bundles are stateless beans, so each is looked up once per
     * container and kept: a label in every row of a list used to cost a CDI lookup (bench/NOTES.md,
     * "Rendering without the cache"). Keyed by the container so that a restarted app looks them up afresh.
     */
    public static <T> T bundle(Class<T> bundle, String language) {
        ArcContainer container = Arc.container();
        Bundles known = bundles;
        if (known == null || known.container != container) {
            known = new Bundles(container);
            bundles = known;
        }
        Map<Class<?>, Object> ofLanguage = "en".equals(language) ? known.english : known.chinese;
        return bundle.cast(ofLanguage.computeIfAbsent(bundle,
                b -> MessageBundles.get(b, Localized.Literal.of("en".equals(language) ? "en" : "zh"))));
    }

    private static volatile Bundles bundles;

    private record Bundles(ArcContainer container, Map<Class<?>, Object> chinese, Map<Class<?>, Object> english) {
        Bundles(ArcContainer container) {
            this(container, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }
    }

    /** The shared words (web's bundle) in the language {@link #of} finds. */
    public static WebMessages messages(Object templateAttribute) {
        return messages(WebMessages.class, templateAttribute);
    }
}
