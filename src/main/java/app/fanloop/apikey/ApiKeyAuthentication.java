package app.fanloop.apikey;

import java.util.Set;

import app.fanloop.member.Scope;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.security.identity.request.BaseAuthenticationRequest;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.quarkus.vertx.http.runtime.security.HttpSecurityUtils;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Signs in a request to /api that presents an API key ({@code Authorization: Bearer fl_…}) as the key's bot member,
 * with the key's scopes as an identity attribute (see member/Scope). It runs before the provider's bearer check, which
 * sees every other token; on the pages a key counts for nothing (a bot never uses the site as a browser would). An
 * unknown or revoked key fails the request with 401 (web/ApiAuthFailures).
 */
@ApplicationScoped
public class ApiKeyAuthentication implements HttpAuthenticationMechanism {

    /** Before the OpenID Connect mechanism (1001), so that it never tries to read a key as a token. */
    static final int PRIORITY = 2000;

    @Override
    public Uni<SecurityIdentity> authenticate(RoutingContext rc, IdentityProviderManager identities) {
        String key = presentedKey(rc);
        if (key == null) {
            return Uni.createFrom().nullItem();
        }
        return identities.authenticate(HttpSecurityUtils.setRoutingContextAttribute(new KeyRequest(key), rc));
    }

    /** The API key in the request's Authorization header, when it is a request to /api that carries one. */
    static String presentedKey(RoutingContext rc) {
        String path = rc.normalizedPath();
        if (path == null || !path.startsWith("/api/")) {
            return null;
        }
        String header = rc.request().getHeader("Authorization");
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String token = header.substring(7).strip();
        return token.startsWith(ApiKeyService.PREFIX) ? token : null;
    }

    @Override
    public Uni<ChallengeData> getChallenge(RoutingContext context) {
        // Only on /api; on the pages the provider's mechanism challenges (the redirect to sign in).
        String path = context.normalizedPath();
        return path != null && path.startsWith("/api/")
                ? Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer realm=\"fanloop\""))
                : Uni.createFrom().nullItem();
    }

    @Override
    public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
        return Set.of(KeyRequest.class);
    }

    @Override
    public int getPriority() {
        return PRIORITY;
    }

    /** An API key to check. */
    static final class KeyRequest extends BaseAuthenticationRequest {
        final String key;

        KeyRequest(String key) {
            this.key = key;
        }
    }

    /** Looks the key up (on a worker thread: it reads the database) and makes the bot's identity. */
    @ApplicationScoped
    static class KeyIdentities implements IdentityProvider<KeyRequest> {

        private final ApiKeyService keys;

        KeyIdentities(ApiKeyService keys) {
            this.keys = keys;
        }

        @Override
        public Class<KeyRequest> getRequestType() {
            return KeyRequest.class;
        }

        @Override
        public Uni<SecurityIdentity> authenticate(KeyRequest request, AuthenticationRequestContext context) {
            return context.runBlocking(() -> keys.holder(request.key)
                    .map(holder -> (SecurityIdentity) QuarkusSecurityIdentity.builder()
                            .setPrincipal(new QuarkusPrincipal(holder.subject()))
                            .addAttribute(Scope.ATTRIBUTE, holder.scopes())
                            .addAttribute(Scope.KEY_ATTRIBUTE, holder.keyId())
                            .build())
                    .orElseThrow(() -> new AuthenticationFailedException("unknown or revoked API key")));
        }
    }
}
