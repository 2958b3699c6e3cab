package app.fanloop.web;

import java.util.List;
import java.util.Locale;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The reader's language: the one an address asks for ({@code ?lang=en}, the language alternates search engines
 * are given, see {@link PageMetas}), else the one they chose (a cookie), else the browser's preference, else
 * simplified Chinese.
 */
@RequestScoped
@Named("locale")
public class RequestLocale {

    public static final String COOKIE = "fanloop-lang";
    /** The query parameter that asks for a language on one address (zh or en); it is not remembered. */
    public static final String PARAM = "lang";
    public static final Locale CHINESE = Locale.forLanguageTag("zh");
    public static final Locale ENGLISH = Locale.forLanguageTag("en");
    static final List<Locale> SUPPORTED = List.of(CHINESE, ENGLISH);

    private final HttpServerRequest request;
    private Locale locale;

    RequestLocale(HttpServerRequest request) {
        this.request = request;
    }

    public Locale get() {
        if (locale == null) {
            locale = resolve();
        }
        return locale;
    }

    public boolean isEnglish() {
        return get().equals(ENGLISH);
    }

    /** The shared words (web's bundle) in the reader's language, for texts made in Java (e.g. form errors). */
    public WebMessages messages() {
        return messages(WebMessages.class);
    }

    /** A message bundle (e.g. {@code SuggestionMessages.class}) in the reader's language. */
    public <T> T messages(Class<T> bundle) {
        return Locales.bundle(bundle, get().getLanguage());
    }

    /** A failed form's problems as texts in the reader's language, to show beside the fields. */
    public FieldErrors errors(FormInvalid invalid) {
        return FieldErrors.of(invalid, messages());
    }

    private Locale resolve() {
        return resolve(request);
    }

    /** The reader's language for a request, outside any request scope too. */
    public static Locale resolve(HttpServerRequest request) {
        Locale asked = supported(request.getParam(PARAM));
        if (asked != null) {
            return asked;
        }
        Cookie cookie = request.getCookie(COOKIE);
        if (cookie != null) {
            Locale chosen = supported(cookie.getValue());
            if (chosen != null) {
                return chosen;
            }
        }
        String header = request.getHeader("Accept-Language");
        if (header != null) {
            try {
                for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                    Locale match = supported(range.getRange());
                    if (match != null) {
                        return match;
                    }
                }
            } catch (IllegalArgumentException malformed) {
                // A malformed header falls back to the default language.
            }
        }
        return CHINESE;
    }

    static Locale supported(String tag) {
        if (tag == null) {
            return null;
        }
        String language = tag.toLowerCase(Locale.ROOT);
        if (language.startsWith("zh")) {
            return CHINESE;
        }
        if (language.startsWith("en")) {
            return ENGLISH;
        }
        return null;
    }
}
