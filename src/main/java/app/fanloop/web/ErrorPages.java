package app.fanloop.web;

import java.net.URI;
import java.util.Map;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import app.fanloop.member.NotSignedInException;
import io.quarkus.arc.Arc;
import io.quarkus.arc.InjectableContext;
import io.quarkus.arc.ManagedContext;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.runtime.BlockingOperationControl;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;

/**
 * Every error answers with a page in the reader's language (or JSON for the API), never a stack
 * trace. Unexpected failures are logged with an id the page shows.
 */
public class ErrorPages {

    private static final Logger LOG = Logger.getLogger(ErrorPages.class);

    /** What an error page shows. */
    public record ErrorView(int status, String incident) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance error(ErrorView error);
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
    Uni<Response> webApplication(WebApplicationException e, HttpServerRequest request) {
        int status = e.getResponse().getStatus();
        if (status < 400) {
            return Uni.createFrom().item(e.getResponse());
        }
        if (BlockingOperationControl.isBlockingAllowed()) {
            return Uni.createFrom().item(page(status, null, request));
        }
        // An unknown address fails on the event loop, before any resource is chosen. The page's
        // header names the signed-in member, which may need the database, so it is rendered on a
        // worker thread, inside this request's context.
        ManagedContext context = Arc.container().requestContext();
        InjectableContext.ContextState state = context.getState();
        return Uni.createFrom().item(() -> {
            context.activate(state);
            try {
                Response page = page(status, null, request);
                return page.getEntity() instanceof TemplateInstance html
                        ? Response.fromResponse(page).entity(html.render()).build()
                        : page;
            } finally {
                context.deactivate();
            }
        }).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    @ServerExceptionMapper
    Response forbidden(io.quarkus.security.ForbiddenException e, HttpServerRequest request) {
        return page(403, null, request);
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
