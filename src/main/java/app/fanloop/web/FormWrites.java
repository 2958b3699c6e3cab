package app.fanloop.web;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Pages change state only through forms: a POST (PUT, DELETE…) outside /api must be a form (whose CSRF field
 * quarkus-rest-csrf checks) or carry the CSRF token header (htmx). This is what quarkus.rest-csrf.require-form-url-encoded
 * did for the whole app; it is off so that the API's JSON writes, where only bearer credentials count and cookies are
 * ignored, need no token. A JSON or text/plain body on a page is refused with 400, as before.
 */
public class FormWrites {

    private final String tokenHeader;

    FormWrites(@org.eclipse.microprofile.config.inject.ConfigProperty(name = "quarkus.rest-csrf.token-header-name") String tokenHeader) {
        this.tokenHeader = tokenHeader;
    }

    @ServerRequestFilter
    Response check(ContainerRequestContext request) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS")
                || ApiErrors.isApi(request.getUriInfo().getPath()) || request.getHeaderString(tokenHeader) != null) {
            return null;
        }
        MediaType type = request.getMediaType();
        if (type != null && (isA(type, MediaType.APPLICATION_FORM_URLENCODED_TYPE) || isA(type, MediaType.MULTIPART_FORM_DATA_TYPE))) {
            return null;
        }
        return Response.status(Response.Status.BAD_REQUEST).build();
    }

    private static boolean isA(MediaType type, MediaType form) {
        return form.getType().equalsIgnoreCase(type.getType()) && form.getSubtype().equalsIgnoreCase(type.getSubtype());
    }
}
