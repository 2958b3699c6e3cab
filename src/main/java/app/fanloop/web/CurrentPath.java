package app.fanloop.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/** The page being shown, encoded for a "come back here" parameter (sign-in, language switch). */
@RequestScoped
@Named("currentPath")
public class CurrentPath {

    private final HttpServerRequest request;

    CurrentPath(HttpServerRequest request) {
        this.request = request;
    }

    public String getValue() {
        String uri = request.method().name().equals("GET") ? request.uri() : "/";
        return URLEncoder.encode(SafeRedirect.localPath(withoutLanguage(uri)), StandardCharsets.UTF_8);
    }

    /**
     * The address without its {@code lang} parameter: coming back from the language switch or from sign-in, the
     * reader's choice (the cookie) decides, not the language the address they left asked for.
     */
    static String withoutLanguage(String uri) {
        int query = uri.indexOf('?');
        if (query < 0) {
            return uri;
        }
        StringBuilder kept = new StringBuilder();
        for (String pair : uri.substring(query + 1).split("&")) {
            String name = pair.contains("=") ? pair.substring(0, pair.indexOf('=')) : pair;
            if (!pair.isEmpty() && !name.equals(RequestLocale.PARAM)) {
                kept.append(kept.length() == 0 ? "" : "&").append(pair);
            }
        }
        return uri.substring(0, query) + (kept.length() == 0 ? "" : "?" + kept);
    }
}
