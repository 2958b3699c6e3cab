package app.fanloop.web;

import java.net.URI;

import org.jboss.resteasy.reactive.RestQuery;

import io.quarkus.security.Authenticated;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/** Sign-in (through the OpenID Connect provider) and the language switch. */
@Path("/")
public class AccountResource {

    /**
     * Visitors are sent here to sign in; the provider's code flow runs first, then the member
     * returns to where they were.
     */
    @GET
    @Path("login")
    @Authenticated
    public Response login(@RestQuery String to) {
        return Response.seeOther(URI.create(SafeRedirect.localPath(to))).build();
    }

    /** Switches the language and remembers the choice for a year. */
    @GET
    @Path("language/{code}")
    public Response language(@jakarta.ws.rs.PathParam("code") String code, @RestQuery String to) {
        var locale = RequestLocale.supported(code);
        var redirect = Response.seeOther(URI.create(SafeRedirect.localPath(to)));
        if (locale == null) {
            return redirect.build();
        }
        NewCookie cookie = new NewCookie.Builder(RequestLocale.COOKIE)
                .value(locale.toLanguageTag())
                .path("/")
                .maxAge(365 * 24 * 3600)
                .sameSite(NewCookie.SameSite.LAX)
                .httpOnly(true)
                .build();
        return redirect.cookie(cookie).build();
    }
}
