package app.fanloop.web;

import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Named;

/**
 * The CSRF token for forms and htmx requests. Pages answered before the CSRF filter ran (an
 * unknown URL's 404 page) have no token and no forms, so they get an empty one instead of failing.
 */
@RequestScoped
@Named("formToken")
public class FormToken {

    /** Where quarkus-rest-csrf keeps the request's token. */
    static final String ATTRIBUTE = "csrf_token";

    private final RoutingContext context;

    FormToken(RoutingContext context) {
        this.context = context;
    }

    public String getValue() {
        Object token = context.get(ATTRIBUTE);
        return token == null ? "" : token.toString();
    }
}
