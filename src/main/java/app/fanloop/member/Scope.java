package app.fanloop.member;

import java.util.List;
import java.util.Set;

import io.quarkus.security.identity.SecurityIdentity;

/**
 * What a credential may do on the JSON API. A member's own credentials (the provider's access token, the session on
 * the pages) may do everything their roles allow; an API key only what the admin gave it: {@link #READ} (safe
 * methods: GET, HEAD, OPTIONS) and/or {@link #WRITE} (every other method). The role of the key's bot member is the
 * ceiling of its powers, the scopes choose which of them the key may use; both are checked, each in one place
 * (the permission words of {@link Viewer}, and {@link ApiScopes}).
 */
public final class Scope {

    public static final String READ = "read";
    public static final String WRITE = "write";
    /** Every scope, in the order forms and answers list them. */
    public static final List<String> ALL = List.of(READ, WRITE);

    /** The identity attribute an API key's sign-in carries: the key's scopes, a {@code Set<String>}. */
    public static final String ATTRIBUTE = "fanloop.api-key.scopes";
    /** The identity attribute with the key's id (a {@code Long}). */
    public static final String KEY_ATTRIBUTE = "fanloop.api-key.id";

    private Scope() {
    }

    /** Whether the identity signed in with an API key (rather than the provider's token or session). */
    public static boolean isApiKey(SecurityIdentity identity) {
        return identity.getAttribute(KEY_ATTRIBUTE) != null;
    }

    /** The scopes of the identity's credential: an API key's own, everything for a member's credentials. */
    public static Set<String> of(SecurityIdentity identity) {
        Set<String> scopes = identity.getAttribute(ATTRIBUTE);
        return scopes != null ? scopes : Set.copyOf(ALL);
    }

    /** The scope a request with this HTTP method needs. */
    public static String neededFor(String method) {
        return switch (method) {
            case "GET", "HEAD", "OPTIONS" -> READ;
            default -> WRITE;
        };
    }
}
