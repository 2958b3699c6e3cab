package app.fanloop.web;

import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import app.fanloop.member.Viewer;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

/**
 * Public pages rendered once and served again for a moment, to visitors and to members (Discourse's
 * anonymous cache, extended to members by leaving their parts open): a board page costs milliseconds of
 * CPU to render (bench/NOTES.md) while its data changes far less often than it is read.
 * <p>
 * Only GETs of pages marked {@link VisitorCached}, without htmx, keyed by audience (visitors or members),
 * language, the programs the member reads (beta testers see their private boards) and address, for {@code fanloop.visitor-cache.ttl} (default two seconds; a vote shows up for
 * others at most that much later). Each node keeps its own copies (derived data; losing them costs one
 * render).
 * <ul>
 * <li>A visitor who already has the CSRF cookie gets the visitors' copy (a first visit renders, so the cookie
 * gets set).</li>
 * <li>A member in good standing without staff powers gets the members' copy with their own parts filled in
 * ({@link PersonalPage}: their votes and follows on the page, name and unread count, in one statement).
 * The copy is made from a member's rendering only if it asked nothing about them beyond its slots
 * ({@link Viewer.Sharing}); a member the page compared with the reader (an author of something on it) and
 * a member a {@link PersonalFacts#guard() guard} singles out (they see their own hidden posts) get their own
 * rendering. Staff and sanctioned members always get their own.</li>
 * </ul>
 * Every member's response, cached or not, has its personal slots filled here. A member who has just
 * changed something (a vote, a comment…) carries a cookie for as long as copies live, and gets their own
 * rendering meanwhile, so they see their change at once, on any node.
 * <p>
 * A page carries the reader's CSRF token (forms, htmx header). The stored copy holds a placeholder in its
 * place and every reader gets their own token back, so one reader's token is never shown to another.
 */
public class PageCache {

    /** Tells whether a page came from the cache ("hit") or was rendered ("miss"). */
    static final String STATUS_HEADER = "X-Fanloop-Cache";
    private static final String KEY = PageCache.class.getName() + ".key";
    private static final String TOKEN = "\u0000fanloop-csrf-token\u0000";
    /** Set on a member's successful change: their pages render for them alone while older copies may live. */
    static final String FRESH_COOKIE = "fanloop-fresh";
    private static final MediaType HTML = MediaType.valueOf("text/html;charset=UTF-8");

    private record Entry(PersonalPage.Parsed page, Set<Long> consulted, long expires) {
    }

    private final Map<String, Entry> pages = new ConcurrentHashMap<>();
    private final VisitorCacheConfig config;
    private final SecurityIdentity identity;
    private final RequestLocale locale;
    private final FormToken token;
    private final Viewer viewer;
    private final PersonalRendering personal;
    private final PersonalPage personalPage;
    private final String csrfCookie;

    PageCache(VisitorCacheConfig config, SecurityIdentity identity, RequestLocale locale, FormToken token, Viewer viewer,
            PersonalRendering personal, PersonalPage personalPage,
            @ConfigProperty(name = "quarkus.rest-csrf.cookie-name") String csrfCookie) {
        this.csrfCookie = csrfCookie;
        this.config = config;
        this.identity = identity;
        this.locale = locale;
        this.token = token;
        this.viewer = viewer;
        this.personal = personal;
        this.personalPage = personalPage;
    }

    /** After the CSRF filter (priority USER), which puts this request's token where {@link FormToken} reads it. */
    @VisitorCached
    @ServerRequestFilter(priority = Priorities.USER + 500)
    public Response serve(ContainerRequestContext request) {
        if (config.ttl().isZero() || !HttpMethod.GET.equals(request.getMethod())
                || request.getHeaderString("HX-Request") != null) {
            return null;
        }
        if (identity.isAnonymous()) {
            return serveVisitor(request);
        }
        if (viewer.isStaff() || viewer.sanction().isPresent() || request.getCookies().containsKey(FRESH_COOKIE)) {
            // Staff see their controls, a sanctioned member their notice, a member who just changed something
            // their change: their pages are their own.
            return null;
        }
        Long me = viewer.id();
        if (me == null) {
            return null;
        }
        // A beta program's tester sees its private board (in the navigation, on its pages): copies are shared only
        // between members who read the same programs (member/Visibility).
        String key = "member " + viewer.visibility().programsKey() + " " + address(request);
        Entry entry = fresh(key);
        if (entry != null && !entry.consulted.contains(me)) {
            PersonalPage.Facts facts = personalPage.load(me, entry.page.subjects(), true, personal);
            if (!facts.guarded()) {
                return hit(entry, facts, request);
            }
        }
        request.setProperty(KEY, key);
        viewer.beginSharing();
        personal.share();
        return null;
    }

    private Response serveVisitor(ContainerRequestContext request) {
        if (request.getHeaderString(HttpHeaders.AUTHORIZATION) != null || !request.getCookies().containsKey(csrfCookie)) {
            // A first visit renders: the CSRF filter sets the visitor's cookie only on rendered pages.
            return null;
        }
        String key = "visitor " + address(request);
        Entry entry = fresh(key);
        if (entry != null) {
            return hit(entry, PersonalPage.Facts.NONE, request);
        }
        request.setProperty(KEY, key);
        return null;
    }

    /** The copy kept under this key, unless it has expired. */
    private Entry fresh(String key) {
        Entry entry = pages.get(key);
        return entry != null && entry.expires - System.nanoTime() > 0 ? entry : null;
    }

    /** A kept copy filled in for this reader: their parts and their CSRF token. */
    private Response hit(Entry entry, PersonalPage.Facts facts, ContainerRequestContext request) {
        String html = PersonalPage.fill(entry.page, facts, personal).replace(TOKEN, currentToken(request));
        return Response.ok(html, HTML).header(STATUS_HEADER, "hit").build();
    }

    private String address(ContainerRequestContext request) {
        var uri = request.getUriInfo().getRequestUri();
        return locale.get().toLanguageTag() + " " + uri.getRawPath() + "?" + (uri.getRawQuery() == null ? "" : uri.getRawQuery());
    }

    private String currentToken(ContainerRequestContext request) {
        // The CSRF filter has not always put this request's token in place yet; without a signature
        // key (this app sets none) the token is the cookie's value.
        if (!token.getValue().isEmpty()) {
            return token.getValue();
        }
        var cookie = request.getCookies().get(csrfCookie);
        return cookie == null ? "" : cookie.getValue();
    }

    /** Keeps a shareable rendering, and fills every member's page in. */
    @ServerResponseFilter
    public void keep(ContainerRequestContext request, ContainerResponseContext response) {
        Object key = request.getProperty(KEY);
        boolean member = !identity.isAnonymous();
        if (member && !HttpMethod.GET.equals(request.getMethod()) && response.getStatus() < 400 && !config.ttl().isZero()) {
            response.getHeaders().add(HttpHeaders.SET_COOKIE, new NewCookie.Builder(FRESH_COOKIE).value("1").path("/")
                    .maxAge((int) Math.max(1, config.ttl().toSeconds() + 1)).httpOnly(true)
                    .sameSite(NewCookie.SameSite.LAX).build());
        }
        if (key == null && !member) {
            return;
        }
        Viewer.Sharing sharing = key != null && member ? viewer.endSharing() : null;
        // A spliced page's shared part is reader-independent: only its shell is filled in (a copy kept for others
        // is kept whole).
        SplicedPage spliced = key == null && response.getEntity() instanceof SplicedPage s ? s : null;
        String html = spliced != null ? spliced.shell() : rendered(response);
        if (html == null) {
            return;
        }
        MediaType type = response.getMediaType() == null ? HTML : response.getMediaType();
        if (key == null && html.indexOf(PersonalRendering.MARK) < 0) {
            response.setEntity(spliced != null ? spliced : html, null, type);
            return;
        }
        String current = token.getValue();
        boolean store = key != null && response.getStatus() == 200 && (sharing == null || !sharing.personal());
        boolean placeholder = store && !current.isEmpty();
        PersonalPage.Parsed page = PersonalPage.parse(placeholder ? html.replace(current, TOKEN) : html);
        // A page rendered before any resource ran (an unknown address) has no member resolved: nothing holds.
        Long me = member ? viewer.id() : null;
        PersonalPage.Facts facts = me == null ? PersonalPage.Facts.NONE
                : personalPage.load(me, page.subjects(), sharing != null, personal);
        if (store && !facts.guarded()) {
            put((String) key, new Entry(page, sharing == null ? Set.of() : Set.copyOf(sharing.consulted()),
                    System.nanoTime() + config.ttl().toNanos()));
            response.getHeaders().putSingle(STATUS_HEADER, "miss");
        }
        String out = PersonalPage.fill(page, facts, personal);
        out = placeholder ? out.replace(TOKEN, current) : out;
        response.setEntity(spliced != null ? spliced.withShell(out) : out, null, type);
    }

    /** Quarkus REST has usually rendered the template by now; render it here if it has not. */
    private static String rendered(ContainerResponseContext response) {
        if (response.getEntity() instanceof String text) {
            return text;
        }
        if (response.getEntity() instanceof TemplateInstance page) {
            return page.render();
        }
        if (response.getEntity() instanceof SplicedPage page) {
            return page.joined();
        }
        return null;
    }

    private void put(String key, Entry entry) {
        if (pages.size() >= config.maxEntries()) {
            evictExpired();
        }
        if (pages.size() < config.maxEntries()) {
            pages.put(key, entry);
        }
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
