package app.fanloop.web;

import java.net.URI;

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
 * Every error answers with a page in the reader's language (or, on /api, an RFC 9457 problem: see Problem and
 * ApiErrors), never a stack trace. Unexpected failures are logged with an id the page shows.
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
    void fillEmptyErrors(ContainerRequestContext request, ContainerResponseContext response, HttpServerRequest http) {
        int status = response.getStatus();
        if (status < 400 || response.hasEntity()) {
            return;
        }
        if (ApiErrors.isApi(request.getUriInfo().getPath())) {
            // A refusal without a body (a wrong method, a failed CSRF check on a form sent to the API): a problem too.
            Problem problem = Problem.of(ProblemType.forStatus(status), RequestLocale.resolve(http), null);
            response.setEntity(problem, null, Problem.MEDIA);
            if (status == 401) {
                response.getHeaders().putSingle("WWW-Authenticate", ApiErrors.CHALLENGE);
            }
            return;
        }
        if (status == 401) {
            return;
        }
        response.setEntity(Templates.error(new ErrorView(status, null)).render(), null,
                MediaType.valueOf("text/html;charset=UTF-8"));
    }

    @ServerExceptionMapper
    Response notSignedIn(NotSignedInException e, HttpServerRequest request) {
        if (isApi(request)) {
            return ApiErrors.unauthorized(request);
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
        if (isApi(request) && status == 400 && causedBy(e, com.fasterxml.jackson.core.JsonProcessingException.class)) {
            return ApiErrors.malformedBody(request);
        }
        if (isApi(request) && status == 401) {
            return ApiErrors.unauthorized(request);
        }
        return page(status, null, request);
    }

    /** A JSON body that is not JSON, or not of the shape the route reads: 400 on the API. */
    @ServerExceptionMapper
    Response malformedJson(com.fasterxml.jackson.core.JsonProcessingException e, HttpServerRequest request) {
        return isApi(request) ? ApiErrors.malformedBody(request) : page(400, null, request);
    }

    @ServerExceptionMapper
    Response mismatchedJson(com.fasterxml.jackson.databind.exc.MismatchedInputException e, HttpServerRequest request) {
        return malformedJson(e, request);
    }

    /** Bean Validation of a route's parameters (a JSON body marked @Valid, a query value): 422 or 400 by field. */
    @ServerExceptionMapper
    Response violated(jakarta.validation.ConstraintViolationException e, HttpServerRequest request) {
        boolean returned = e.getConstraintViolations().stream().anyMatch(v -> java.util.stream.StreamSupport
                .stream(v.getPropertyPath().spliterator(), false).anyMatch(n -> n.getKind() == jakarta.validation.ElementKind.RETURN_VALUE));
        if (returned) {
            // What a route returned broke its own contract: a bug, not the client's input.
            return unexpected(new IllegalStateException("invalid return value", e), request);
        }
        return isApi(request) ? ApiErrors.violations(e.getConstraintViolations(), request) : page(400, null, request);
    }

    /** A route of the API refused the request with a problem of its own kind (see ApiProblem). */
    @ServerExceptionMapper
    Response apiProblem(ApiProblem e, HttpServerRequest request) {
        if (isApi(request)) {
            return ApiErrors.fields(e.type(), e.fields(), request);
        }
        return page(e.type().status(), null, request);
    }

    /** An API key used beyond its scopes (see member/ApiScopes). */
    @ServerExceptionMapper
    Response insufficientScope(app.fanloop.member.InsufficientScope e, HttpServerRequest request) {
        return ApiErrors.insufficientScope(e.needed(), request);
    }

    @ServerExceptionMapper
    Response forbidden(io.quarkus.security.ForbiddenException e, HttpServerRequest request) {
        return page(403, null, request);
    }

    /** A silenced or banned member: why, and until when. */
    @ServerExceptionMapper
    Response sanctioned(app.fanloop.member.Sanctioned e, HttpServerRequest request) {
        if (isApi(request)) {
            return ApiErrors.sanctioned(e.sanction(), request);
        }
        return Response.status(403).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.sanctioned(e.sanction())).build();
    }

    /** Too many actions: 429 with Retry-After. */
    @ServerExceptionMapper
    Response rateLimited(TooManyRequests e, HttpServerRequest request) {
        if (isApi(request)) {
            return ApiErrors.tooManyRequests(e.retryAfterSeconds(), request);
        }
        Response page = page(429, null, request);
        return Response.fromResponse(page).header("Retry-After", e.retryAfterSeconds()).build();
    }

    @ServerExceptionMapper
    Response invalid(FormInvalid e, HttpServerRequest request) {
        if (isApi(request)) {
            // A service's own check of the input (the same one the pages' forms get): 422 with the fields.
            return ApiErrors.fields(ProblemType.VALIDATION, e.problems(), request);
        }
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
            return incident != null ? ApiErrors.internal(incident, request) : ApiErrors.of(ProblemType.forStatus(status), request);
        }
        return Response.status(status).type(MediaType.TEXT_HTML_TYPE)
                .entity(Templates.error(new ErrorView(status, incident))).build();
    }

    private static boolean isApi(HttpServerRequest request) {
        return ApiErrors.isApi(request);
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 10; t = t.getCause(), depth++) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
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
