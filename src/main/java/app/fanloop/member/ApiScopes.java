package app.fanloop.member;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * The one place an API key's scopes are enforced: before any /api resource runs, a read-only key may only read
 * (GET, HEAD, OPTIONS) and a write-only key only write. Routes need not know about scopes; what the key's bot may
 * do at all is still the permission words' business ({@link Viewer#requireStaff()} and the others).
 */
public class ApiScopes {

    private final SecurityIdentity identity;

    ApiScopes(SecurityIdentity identity) {
        this.identity = identity;
    }

    @ServerRequestFilter
    void check(ContainerRequestContext request) {
        if (!Scope.isApiKey(identity) || !request.getUriInfo().getPath().startsWith("/api/")) {
            return;
        }
        String needed = Scope.neededFor(request.getMethod());
        if (!Scope.of(identity).contains(needed)) {
            throw new InsufficientScope(needed);
        }
    }
}
