package app.fanloop.web;

import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeIn;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.security.SecuritySchemes;

/**
 * The API's description at /q/openapi: its title and the two credentials every route names in its
 * {@code @SecurityRequirement}: {@link #BEARER} (an access token of the site's OpenID Connect provider, acting as
 * the member) and {@link #API_KEY} (an admin-made key, {@code fl_…}, acting as its bot member within its scopes).
 * Both travel as {@code Authorization: Bearer}; the session cookie of the pages does not count on /api.
 */
@OpenAPIDefinition(info = @Info(title = "Fanloop API", version = "1",
        description = "The JSON API of Fanloop (/api/v1). Errors are RFC 9457 application/problem+json; lists are "
                + "cursor-paginated ({items, next})."))
@SecuritySchemes({
        @SecurityScheme(securitySchemeName = ApiDocs.BEARER, type = SecuritySchemeType.HTTP, scheme = "bearer",
                bearerFormat = "JWT", description = "An access token of the site's OpenID Connect provider: the member themself."),
        @SecurityScheme(securitySchemeName = ApiDocs.API_KEY, type = SecuritySchemeType.HTTP, scheme = "bearer",
                bearerFormat = "fl_…", in = SecuritySchemeIn.HEADER,
                description = "An API key an admin made on /admin/api-keys: acts as its bot member, within the key's scopes (read, write).") })
public final class ApiDocs {

    /** The security scheme of the provider's access tokens. */
    public static final String BEARER = "bearer";
    /** The security scheme of API keys. */
    public static final String API_KEY = "apiKey";

    private ApiDocs() {
    }
}
