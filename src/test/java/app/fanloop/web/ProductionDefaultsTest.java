package app.fanloop.web;

import static app.fanloop.web.Browser.page;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Base64;
import java.util.Map;
import java.util.Properties;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanloop.member.DevTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.Cookie;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * What production sets in application.properties (%prod.…), switched on here in a test profile: the
 * management interface, proxy forwarding from trusted proxies only, Secure cookies, and a bearer-token
 * audience this profile's tokens do not carry.
 */
@QuarkusTest
@TestProfile(ProductionDefaultsTest.ProductionLike.class)
class ProductionDefaultsTest {

    public static class ProductionLike implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.ofEntries(
                    Map.entry("quarkus.management.enabled", "true"),
                    Map.entry("quarkus.management.test-port", "0"),
                    Map.entry("quarkus.http.proxy.proxy-address-forwarding", "true"),
                    Map.entry("quarkus.http.proxy.allow-x-forwarded", "true"),
                    // The tests' client (this host) is no trusted proxy here.
                    Map.entry("quarkus.http.proxy.trusted-proxies", "192.0.2.1"),
                    Map.entry("quarkus.rest-csrf.cookie-force-secure", "true"),
                    Map.entry("quarkus.oidc.authentication.cookie-force-secure", "true"),
                    Map.entry("quarkus.oidc.token.audience", "another-api"),
                    Map.entry("fanloop.rate-limit.actions.search.count", "1"),
                    Map.entry("fanloop.rate-limit.actions.search.window", "PT1M"));
        }
    }

    @TestHTTPResource(value = "/", management = true)
    URL management;

    @Inject
    javax.sql.DataSource dataSource;

    @BeforeEach
    void freshCounters() throws SQLException {
        try (var c = dataSource.getConnection(); var delete = c.createStatement()) {
            delete.executeUpdate("delete from rate_window");
        }
    }

    @Test
    void metrics_health_and_openapi_answer_on_the_management_port_only() {
        for (String path : new String[] { "/q/metrics", "/q/health", "/q/health/ready", "/q/openapi" }) {
            assertEquals(404, page().get(path).statusCode(), "public port: " + path);
        }
        // The injected URL includes the management root path (/q/); only its port matters here.
        String base = management.getProtocol() + "://" + management.getHost() + ":" + management.getPort();
        given().get(base + "/q/health/ready").then().statusCode(200);
        assertTrue(given().get(base + "/q/metrics").then().statusCode(200).extract().asString().contains("jvm_"));
        assertTrue(given().get(base + "/q/openapi").then().statusCode(200).extract().asString().contains("Fanloop API"));
    }

    @Test
    void production_switches_these_on_in_application_properties() throws IOException {
        Properties props = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            props.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
        }
        assertEquals("true", props.getProperty("%prod.quarkus.management.enabled"));
        assertEquals("true", props.getProperty("%prod.quarkus.http.proxy.proxy-address-forwarding"));
        assertNotNull(props.getProperty("%prod.quarkus.http.proxy.trusted-proxies"), "only listed proxies are believed");
        assertEquals("true", props.getProperty("%prod.quarkus.rest-csrf.cookie-force-secure"));
        assertEquals("true", props.getProperty("%prod.quarkus.oidc.authentication.cookie-force-secure"));
        assertEquals("${quarkus.oidc.client-id}", props.getProperty("quarkus.oidc.token.audience"));
        assertEquals(null, props.getProperty("%prod.quarkus.oidc.token.audience"), "production checks the client id");
    }

    @Test
    void a_bearer_token_meant_for_another_audience_is_refused() {
        String token = DevTokens.accessToken("bob");
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        // Found out here: the dev OIDC server's access tokens carry no audience at all (its ID tokens carry the
        // client id), which is why dev and test set the audience to "any" and production to the client id.
        assertFalse(payload.contains("\"aud\""), payload);

        Response refused = page().header("Authorization", "Bearer " + token).get("/me");
        assertEquals(401, refused.statusCode());
    }

    @Test
    void a_forwarded_address_from_an_untrusted_client_is_ignored_by_the_limits() {
        page().header("X-Forwarded-For", "203.0.113.7").queryParam("q", "one").get("/search").then().statusCode(200);
        Response dodged = page().header("X-Forwarded-For", "203.0.113.8").queryParam("q", "two").get("/search");
        assertEquals(429, dodged.statusCode(), "counted by the real address, not the header");
    }

    @Test
    void csrf_and_sign_in_cookies_are_secure() {
        Cookie csrf = page().get("/").then().statusCode(200).extract().detailedCookie(Browser.CSRF_COOKIE);
        assertNotNull(csrf);
        assertTrue(csrf.isSecured(), csrf.toString());

        Response signIn = page().get("/login");
        assertEquals(302, signIn.statusCode());
        var state = signIn.getDetailedCookies().asList().stream().filter(c -> c.getName().startsWith("q_auth")).findFirst();
        assertTrue(state.isPresent() && state.get().isSecured(), signIn.getDetailedCookies().toString());
    }
}
