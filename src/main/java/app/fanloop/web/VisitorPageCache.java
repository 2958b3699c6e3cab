package app.fanloop.web;

import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Visitors' pages rendered once and served again for a moment (Discourse's anonymous cache): most
 * forum traffic is people reading without signing in, and a board page costs ~3 ms of CPU to render
 * (bench/NOTES.md) while its data changes far less often than it is read.
 * <p>
 * Only GETs of pages marked {@link VisitorCached}, only for anonymous requests without htmx from a
 * visitor who already has the CSRF cookie (a first visit renders, so the cookie gets set), keyed by
 * the address and the reader's language, for {@code fanloop.visitor-cache.ttl} (default two seconds; a
 * vote shows up for visitors at most that much later). Signed-in members always get a fresh page.
 * Each node keeps its own copies (derived data; losing them costs one render).
 * <p>
 * A page carries the reader's CSRF token (forms, htmx header). The stored copy holds a placeholder in
 * its place and every reader gets their own token back, so one visitor's token is never shown to
 * another.
 */
public class VisitorPageCache {

    /** Tells whether a visitor's page came from the cache ("hit") or was rendered ("miss"). */
    static final String STATUS_HEADER = "X-Fanloop-Cache";
    private static final String KEY = VisitorPageCache.class.getName() + ".key";
    private static final String PLACEHOLDER = "\u0000fanloop-csrf-token\u0000";
    private static final MediaType HTML = MediaType.valueOf("text/html;charset=UTF-8");

    private record Entry(String html, long expires) {
    }

    private final Map<String, Entry> pages = new ConcurrentHashMap<>();
    private final VisitorCacheConfig config;
    private final SecurityIdentity identity;
    private final RequestLocale locale;
    private final FormToken token;
    private final String csrfCookie;

    VisitorPageCache(VisitorCacheConfig config, SecurityIdentity identity, RequestLocale locale, FormToken token,
            @ConfigProperty(name = "quarkus.rest-csrf.cookie-name") String csrfCookie) {
        this.csrfCookie = csrfCookie;
        this.config = config;
        this.identity = identity;
        this.locale = locale;
        this.token = token;
    }

    /** After the CSRF filter (priority USER), which puts this request's token where {@link FormToken} reads it. */
    @VisitorCached
    @ServerRequestFilter(priority = Priorities.USER + 500)
    public Response serve(ContainerRequestContext request) {
        if (config.ttl().isZero() || !HttpMethod.GET.equals(request.getMethod()) || !identity.isAnonymous()
                || request.getHeaderString("HX-Request") != null
                || request.getHeaderString(HttpHeaders.AUTHORIZATION) != null
                || !request.getCookies().containsKey(csrfCookie)) {
            // A first visit renders: the CSRF filter sets the visitor's cookie only on rendered pages.
            return null;
        }
        String key = locale.get().toLanguageTag() + " " + request.getUriInfo().getRequestUri().getRawPath() + "?"
                + (request.getUriInfo().getRequestUri().getRawQuery() == null ? ""
                        : request.getUriInfo().getRequestUri().getRawQuery());
        Entry entry = pages.get(key);
        if (entry != null && entry.expires - System.nanoTime() > 0) {
            // The CSRF filter has not always put this request's token in place yet; without a signature
            // key (this app sets none) the token is the cookie's value.
            String current = token.getValue().isEmpty() ? request.getCookies().get(csrfCookie).getValue() : token.getValue();
            return Response.ok(entry.html.replace(PLACEHOLDER, current), HTML).header(STATUS_HEADER, "hit").build();
        }
        request.setProperty(KEY, key);
        return null;
    }

    @VisitorCached
    @ServerResponseFilter
    public void keep(ContainerRequestContext request, ContainerResponseContext response) {
        Object key = request.getProperty(KEY);
        if (key == null || response.getStatus() != 200) {
            return;
        }
        // Quarkus REST has usually rendered the template by now; render it here if it has not.
        String html;
        if (response.getEntity() instanceof String rendered) {
            html = rendered;
        } else if (response.getEntity() instanceof TemplateInstance page) {
            html = page.render();
        } else {
            return;
        }
        response.getHeaders().putSingle(STATUS_HEADER, "miss");
        String current = token.getValue();
        String stored = current.isEmpty() ? html : html.replace(current, PLACEHOLDER);
        if (pages.size() >= config.maxEntries()) {
            evictExpired();
        }
        if (pages.size() < config.maxEntries()) {
            pages.put((String) key, new Entry(stored, System.nanoTime() + config.ttl().toNanos()));
        }
        response.setEntity(html, null, HTML);
    }

    private void evictExpired() {
        long now = System.nanoTime();
        for (Iterator<Entry> it = pages.values().iterator(); it.hasNext();) {
            if (it.next().expires - now <= 0) {
                it.remove();
            }
        }
    }
}
