package app.fanloop.web;

import java.net.URI;
import java.util.Map;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import app.fanloop.member.NotSignedInException;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/**
 * Every error answers with a page in the reader's language (or JSON for the API), never a stack
 * trace. Unexpected failures are logged with an id the page shows.
 */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    private final DatabaseOutage outage;

    ErrorPages(DatabaseOutage outage) {
        this.outage = outage;
    }

    /** What an error page shows. */
    public record ErrorView(int status, String incident) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(ErrorView error);

        static native TemplateInstance sanctioned(app.fanloop.member.ActiveSanction sanction);

        /** For a body too large, refused before any resource or request scope exists: no layout beans. */
        static native TemplateInstance tooLarge();
    }

    /**
     * Some refusals come without a body (a failed CSRF check, a wrong method): they get the same
     * localized page as every other error.
     */
    @ServerResponseFilter
    void fillEmptyErrors(ContainerRequestContext request, ContainerResponseContext response) {
        int status = response.getStatus();
        if (status < 400 || status == 401 || response.hasEntity() || request.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        response.setEntity(Templates.error(new ErrorView(status, null)).render(), null,
                MediaType.valueOf("text/html;charset=UTF-8"));
    }

    @ServerExceptionMapper
    Response notSignedIn(NotSignedInException e, HttpServerRequest request) {
        if (isApi(request)) {
            return json(401, null);
        }
        String back = request.method().name().equals("GET") ? request.uri() : refererPath(request);
        URI login = UriBuilder.fromPath("/login").queryParam("to", back).build();
        if (request.getHeader("HX-Request") != null) {
            // htmx cannot follow a redirect to the provider; it navigates the whole page instead.
            return Response.status(401).header("HX-Redirect", login.toString()).build();
        }
        return Response.seeOther(login).build();
    }

    @ServerExceptionMapper
    Response webApplication(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return e.getResponse();
        }
        return page(status, null, request);
    }

    @ServerExceptionMapper
    Response forbidden(io.quarkus.security.ForbiddenException e, HttpServerRequest request) {
        return page(403, null, request);
    }

    /** A silenced or banned member: why, and until when. */
    @ServerExceptionMapper
    Response sanctioned(app.fanloop.member.Sanctioned e, HttpServerRequest request) {
        if (isApi(request)) {
            return json(403, null);
        }
        return Response.status(403).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.sanctioned(e.sanction())).build();
    }

    /** Too many actions: 429 with Retry-After. */
    @ServerExceptionMapper
    Response rateLimited(TooManyRequests e, HttpServerRequest request) {
        Response page = page(429, null, request);
        return Response.fromResponse(page).header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    Response invalid(FormInvalid e, HttpServerRequest request) {
        return page(400, null, request);
    }

    @ServerExceptionMapper
    Response unexpected(RuntimeException e, HttpServerRequest request) {
        if (e instanceof io.quarkus.security.AuthenticationException
                || e instanceof io.quarkus.security.UnauthorizedException) {
            throw e;
        }
        if (DatabaseOutage.isCause(e)) {
            return outage.answer(e, request);
        }
        String incident = Long.toString(System.nanoTime() & 0xffffffffL, 36);
        LOG.errorf(e, "Unexpected failure %s on %s %s", incident, request.method(), request.path());
        return page(500, incident, request);
    }

    private static Response page(int status, String incident, HttpServerRequest request) {
        if (isApi(request)) {
            return json(status, incident);
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(new ErrorView(status, incident))).build();
    }

    private static Response json(int status, String incident) {
        var body = incident == null ? Map.of("status", status, "error", Response.Status.fromStatusCode(status) == null
                ? "error" : Response.Status.fromStatusCode(status).getReasonPhrase())
                : Map.of("status", status, "error", "Internal Server Error", "incident", incident);
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
    }

    private static boolean isApi(HttpServerRequest request) {
        return request.path().startsWith("/api/");
    }

    private static String refererPath(HttpServerRequest request) {
        String referer = request.getHeader("Referer");
        if (referer == null) {
            return "/";
        }
        try {
            URI uri = URI.create(referer);
            String host = request.authority() == null ? null : request.authority().host();
            if (uri.getHost() != null && !uri.getHost().equals(host)) {
                return "/";
            }
            String path = uri.getRawPath() == null ? "/" : uri.getRawPath();
            return SafeRedirect.localPath(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
        } catch (IllegalArgumentException malformed) {
            return "/";
        }
    }
}
