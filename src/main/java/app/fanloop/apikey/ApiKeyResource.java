package app.fanloop.apikey;

import java.net.URI;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.resteasy.reactive.RestCookie;
import org.jboss.resteasy.reactive.RestPath;

import app.fanloop.member.Scope;
import app.fanloop.member.Viewer;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/**
 * /admin/api-keys: admins make a key for an integration (its bot member, role and scopes), see every key with its
 * last use, and revoke one. A new key is shown once: the create form redirects (post-redirect-get) with the key in a
 * short-lived cookie only this page reads, and the page that shows it deletes the cookie.
 */
@Path("/admin/api-keys")
@Produces(MediaType.TEXT_HTML)
public class ApiKeyResource {

    /** Carries a new key from the POST to the page that shows it once. */
    static final String NEW_KEY_COOKIE = "fanloop-new-api-key";
    static final String PATH = "/admin/api-keys";

    /** The list and the form; {@code created} is a key just made (shown once), else null. */
    public record KeysPage(List<ApiKey> keys, ApiKeyForm form, FieldErrors errors, String created) {
        public List<String> roles() {
            return ApiKeyForm.ROLES;
        }

        public List<String> scopes() {
            return Scope.ALL;
        }
    }

    @CheckedTemplate
    static class Templates {
        static native TemplateInstance keys(KeysPage page);
    }

    private final ApiKeyService service;
    private final Viewer viewer;
    private final RequestLocale locale;
    private final boolean secureCookie;

    ApiKeyResource(ApiKeyService service, Viewer viewer, RequestLocale locale,
            @ConfigProperty(name = "quarkus.rest-csrf.cookie-force-secure", defaultValue = "false") boolean secureCookie) {
        this.service = service;
        this.viewer = viewer;
        this.locale = locale;
        this.secureCookie = secureCookie;
    }

    @GET
    public Response list(@RestCookie(NEW_KEY_COOKIE) String created) {
        viewer.requireAdmin();
        String shown = created != null && created.startsWith(ApiKeyService.PREFIX) ? created : null;
        Response.ResponseBuilder page = Response.ok(Templates.keys(new KeysPage(service.list(), ApiKeyForm.empty(),
                FieldErrors.none(), shown)));
        if (created != null) {
            page.cookie(newKeyCookie("", 0));
        }
        // The page may hold a secret: no copy in any cache, nor in the browser's history cache.
        return page.header("Cache-Control", "no-store").build();
    }

    @POST
    public Response create(@BeanParam ApiKeyForm form) {
        try {
            ApiKeyService.Made made = service.create(form);
            return Response.seeOther(URI.create(PATH)).cookie(newKeyCookie(made.secret(), 120)).build();
        } catch (FormInvalid invalid) {
            return Forms.badRequest(Templates.keys(new KeysPage(service.list(), form, locale.errors(invalid), null)));
        }
    }

    @POST
    @Path("{id}/revoke")
    public Response revoke(@RestPath long id) {
        service.revoke(id);
        return Response.seeOther(URI.create(PATH)).build();
    }

    private NewCookie newKeyCookie(String value, int maxAge) {
        return new NewCookie.Builder(NEW_KEY_COOKIE).value(value).path(PATH).maxAge(maxAge).httpOnly(true)
                .secure(secureCookie).sameSite(NewCookie.SameSite.STRICT).build();
    }
}
