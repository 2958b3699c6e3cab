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
        return URLEncoder.encode(SafeRedirect.localPath(uri), StandardCharsets.UTF_8);
    }
}
