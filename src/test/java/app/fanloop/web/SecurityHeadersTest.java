package app.fanloop.web;

import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

/** Every answer carries the headers that keep pages from being framed, sniffed or scripted from elsewhere. */
@QuarkusTest
class SecurityHeadersTest {

    @Test
    void pages_errors_redirects_and_static_files_carry_the_security_headers() {
        List<Response> responses = List.of(
                page().get("/"),
                page().get("/boards/no-such-board"),
                page().get("/language/en?to=/"),
                form().post("/suggestions/1/vote"),
                page().get("/static/fanloop.css"),
                page().get("/_static/htmx.org/dist/htmx.min.js"));

        for (Response response : responses) {
            String policy = response.getHeader("Content-Security-Policy");
            assertNotNull(policy, "CSP on a " + response.statusCode());
            Map<String, List<String>> directives = directives(policy);
            List<String> scripts = directives.getOrDefault("script-src", directives.get("default-src"));
            assertEquals(List.of("'self'"), scripts, policy);
            assertFalse(policy.contains("'unsafe-inline'"), policy);
            assertFalse(policy.contains("'unsafe-eval'"), policy);
            assertEquals(List.of("'none'"), directives.get("frame-ancestors"));
            assertEquals(List.of("'none'"), directives.get("object-src"));
            // Images: ours, and https ones (a member's picture from their sign-in provider); never plain http.
            assertEquals(List.of("'self'", "data:", "https:"), directives.get("img-src"), policy);
            assertEquals("DENY", response.getHeader("X-Frame-Options"));
            assertEquals("nosniff", response.getHeader("X-Content-Type-Options"));
            assertEquals("strict-origin-when-cross-origin", response.getHeader("Referrer-Policy"));
            assertEquals("max-age=31536000; includeSubDomains", response.getHeader("Strict-Transport-Security"));
            assertEquals("'self'", directives.get("form-action").get(0), policy);
        }
    }

    @Test
    void forms_may_lead_on_to_the_sign_in_provider_and_nowhere_else() {
        // A visitor's vote (a form POST) goes to /login and on to the provider: Chrome checks form-action on
        // each redirect after a POST, so the provider's origin must be allowed, and only it.
        Response vote = form().post("/suggestions/1/vote");
        assertEquals(303, vote.statusCode());
        Response login = page().get(Browser.location(vote));
        assertEquals(302, login.statusCode());
        java.net.URI provider = java.net.URI.create(login.getHeader("Location"));
        String origin = provider.getScheme() + "://" + provider.getHost() + ":" + provider.getPort();

        List<String> formAction = directives(vote.getHeader("Content-Security-Policy")).get("form-action");
        assertEquals(List.of("'self'", origin), formAction);
    }

    @Test
    void the_page_itself_needs_no_inline_script_or_style() {
        String html = page().get("/").then().statusCode(200).extract().asString();
        var doc = org.jsoup.Jsoup.parse(html);

        assertTrue(doc.select("script:not([src])").isEmpty(), "inline scripts would be blocked by the policy");
        assertTrue(doc.select("style, [style]").isEmpty(), "inline styles would be blocked by the policy");
        assertTrue(doc.getAllElements().stream().flatMap(e -> e.attributes().asList().stream())
                .noneMatch(a -> a.getKey().startsWith("on")), "inline event handlers would be blocked");
        assertTrue(html.contains("\"allowEval\":false"), "htmx is told not to eval");
    }

    private static Map<String, List<String>> directives(String policy) {
        return Arrays.stream(policy.split(";")).map(String::strip).filter(d -> !d.isEmpty())
                .map(d -> d.split("\\s+"))
                .collect(Collectors.toMap(parts -> parts[0], parts -> List.of(parts).subList(1, parts.length)));
    }
}
