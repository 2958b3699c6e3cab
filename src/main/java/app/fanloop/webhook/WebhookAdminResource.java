package app.fanloop.webhook;

import java.net.URI;
import java.util.List;

import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;

import app.fanloop.web.FieldErrors;
import app.fanloop.web.FormInvalid;
import app.fanloop.web.Forms;
import app.fanloop.web.RequestLocale;
import io.quarkus.qute.CheckedTemplate;
import io.quarkus.qute.TemplateInstance;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** /admin/webhooks: admins add endpoints, read their deliveries, send test events, switch them on and off. */
@Path("/admin/webhooks")
@Produces(MediaType.TEXT_HTML)
public class WebhookAdminResource {

    /** Carries a new endpoint's sealed secret across the redirect to the one page that shows it. */
    static final String SECRET_COOKIE = "fanloop-webhook-secret";

    /** What an endpoint's page shows. */
    public record EndpointPage(WebhookEndpoint endpoint, List<WebhookDelivery> deliveries, String secret, boolean testQueued,
            String error) {
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance list(List<WebhookEndpoint> endpoints, WebhookForm form, FieldErrors errors,
                List<String> eventTypes);

        static native TemplateInstance endpoint(EndpointPage page);
    }

    private final WebhookService service;
    private final RequestLocale locale;

    WebhookAdminResource(WebhookService service, RequestLocale locale) {
        this.service = service;
        this.locale = locale;
    }

    @GET
    public TemplateInstance list() {
        return Templates.list(service.endpoints(), WebhookForm.empty(), FieldErrors.none(), WebhookEventType.wireNames());
    }

    @POST
    public Response create(@BeanParam WebhookForm form, @Context UriInfo uri) {
        WebhookService.Created created;
        try {
            created = service.create(form);
        } catch (FormInvalid invalid) {
            return Forms.badRequest(Templates.list(service.endpoints(), form, locale.errors(invalid), WebhookEventType.wireNames()));
        }
        NewCookie reveal = new NewCookie.Builder(SECRET_COOKIE)
                .value(service.revealCookie(created))
                .path(created.endpoint().path())
                .maxAge((int) WebhookService.REVEAL_FOR.toSeconds())
                .sameSite(NewCookie.SameSite.STRICT)
                .httpOnly(true)
                .secure("https".equals(uri.getRequestUri().getScheme()))
                .build();
        return Response.seeOther(URI.create(created.endpoint().path())).cookie(reveal).build();
    }

    @GET
    @Path("{id}")
    public Response endpoint(@RestPath long id, @RestQuery String test, @RestCookie(SECRET_COOKIE) String reveal) {
        WebhookEndpoint endpoint = service.endpoint(id);
        String secret = service.revealedSecret(id, reveal).orElse(null);
        Response.ResponseBuilder page = Response.ok(Templates.endpoint(new EndpointPage(endpoint, service.recentDeliveries(id),
                secret, "queued".equals(test), null)));
        if (reveal != null) {
            // Shown once: the cookie goes with this answer, and the page is not kept by any cache.
            page.cookie(new NewCookie.Builder(SECRET_COOKIE).value("").path(endpoint.path()).maxAge(0).httpOnly(true)
                    .sameSite(NewCookie.SameSite.STRICT).build());
            page.header("Cache-Control", "no-store");
        }
        return page.build();
    }

    @POST
    @Path("{id}/enable")
    public Response enable(@RestPath long id) {
        try {
            service.setEnabled(id, true);
        } catch (FormInvalid invalid) {
            WebhookEndpoint endpoint = service.endpoint(id);
            return Forms.badRequest(Templates.endpoint(new EndpointPage(endpoint, service.recentDeliveries(id), null, false,
                    locale.errors(invalid).get("url"))));
        }
        return backTo(id, null);
    }

    @POST
    @Path("{id}/disable")
    public Response disable(@RestPath long id) {
        service.setEnabled(id, false);
        return backTo(id, null);
    }

    @POST
    @Path("{id}/test")
    public Response test(@RestPath long id) {
        service.sendTest(id);
        return backTo(id, "queued");
    }

    private static Response backTo(long id, String test) {
        return Response.seeOther(URI.create("/admin/webhooks/" + id + (test == null ? "" : "?test=" + test))).build();
    }
}
