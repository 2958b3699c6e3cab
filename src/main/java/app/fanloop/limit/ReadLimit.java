package app.fanloop.limit;

import java.sql.SQLException;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import app.fanloop.web.DatabaseOutage;
import io.quarkus.security.identity.SecurityIdentity;
import io.vertx.core.http.HttpServerRequest;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;

/**
 * Limits on reading: every GET that reaches a resource costs queries, so each counts in a sliding window
 * ({@link RequestLimit}) — in its own bucket when marked {@link AbuseLimited} (search, hints, feed), in
 * "page" otherwise. A page the visitor cache serves never gets here (its filter runs first).
 * <p>
 * The key is the authenticated identity, never a cookie's name: a signed-in member (session or bearer
 * token the sign-in checked) is counted per member, with the bucket's member-count; everyone else per
 * IP address (the forwarded one only when it comes from a trusted proxy, see quarkus.http.proxy.*).
 */
public class ReadLimit {

    /** The bucket of every page, fragment and feed without a bucket of its own. */
    public static final String PAGE = "page";

    private static final Logger LOG = Logger.getLogger(ReadLimit.class);

    private final RequestLimit counter;
    private final RateLimitConfig config;
    private final SecurityIdentity identity;

    ReadLimit(RequestLimit counter, RateLimitConfig config, SecurityIdentity identity) {
        this.counter = counter;
        this.config = config;
        this.identity = identity;
    }

    /** After the visitor cache (priority USER + 500): only pages that are rendered count. */
    @ServerRequestFilter(priority = Priorities.USER + 600)
    public void limit(ContainerRequestContext request, SimpleResourceInfo resource, HttpServerRequest http) {
        String method = request.getMethod();
        if (!HttpMethod.GET.equals(method) && !HttpMethod.HEAD.equals(method)) {
            return;
        }
        String bucket = resource.getMethodName() == null ? PAGE : bucket(resource);
        RateLimitConfig.Limit limit = config.actions().get(bucket);
        if (limit == null) {
            return;
        }
        boolean member = !identity.isAnonymous();
        if (member && PAGE.equals(bucket)) {
            // Members are accountable and their pages are the hot path (no write per page view); only
            // their searches, hints and feeds are counted. Visitors are counted per address on every page.
            return;
        }
        String subject = member ? "m:" + identity.getPrincipal().getName() : "ip:" + address(http);
        int allowed = member ? limit.memberCount().orElse(limit.count()) : limit.count();
        long retryAfter;
        try {
            retryAfter = counter.hit(bucket, subject, allowed, limit.window());
        } catch (SQLException e) {
            if (DatabaseOutage.isCause(e)) {
                // The page behind would wait for the database a second time: the outage page answers now.
                throw new IllegalStateException("read limit: database unavailable", e);
            }
            // A limit must not lock everyone out when the database hiccups; the page itself will say so then.
            LOG.warn("Read limit unavailable", e);
            return;
        }
        if (retryAfter > 0) {
            throw new RateLimited(retryAfter);
        }
    }

    /** Each resource method's bucket, looked up once. */
    private static final java.util.Map<String, String> BUCKETS = new java.util.concurrent.ConcurrentHashMap<>();

    private static String bucket(SimpleResourceInfo resource) {
        String key = resource.getResourceClass().getName() + "#" + resource.getMethodName()
                + java.util.Arrays.toString(resource.parameterTypes());
        return BUCKETS.computeIfAbsent(key, ignored -> {
            try {
                AbuseLimited marked = resource.getResourceClass()
                        .getMethod(resource.getMethodName(), resource.parameterTypes()).getAnnotation(AbuseLimited.class);
                return marked == null ? PAGE : marked.value();
            } catch (NoSuchMethodException e) {
                return PAGE;
            }
        });
    }

    static String address(HttpServerRequest http) {
        return http.remoteAddress() == null ? "unknown" : http.remoteAddress().hostAddress();
    }
}
