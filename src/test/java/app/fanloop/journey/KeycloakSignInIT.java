package app.fanloop.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Response;
import com.microsoft.playwright.options.Cookie;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;

/**
 * The packaged app in prod mode against a real Keycloak (docker/keycloak/fanloop-realm.json), signed in through
 * Keycloak's own login form in Chromium: a fan, a PM whose role comes from the access token, signing out (which
 * ends the Keycloak session too), and sessions that renew and, once the provider ends them, ask to sign in again.
 * Each test signs in a different demo user, so no test sees another's Keycloak session.
 */
@QuarkusIntegrationTest
@WithTestResource(ProductionWithKeycloak.class)
class KeycloakSignInIT extends BrowserJourney {

    private static final int SHORT_TOKEN_SECONDS = 5;

    private static Keycloak keycloak() {
        return ProductionWithKeycloak.keycloak;
    }

    @Test
    void a_fan_signs_in_on_keycloaks_form_and_sees_his_name_but_no_triage() {
        Page bob = signIn(chromium.context(true), "bob", "/me");

        assertThat(bob.locator(".account .author")).containsText("Bob Li");
        assertThat(bob.locator("nav.topnav a[href='/triage']")).hasCount(0);
        assertEquals(403, bob.request().get(chromium.url("/triage")).status(), "a fan is refused the triage console");
    }

    @Test
    void a_pm_gets_the_triage_console_from_the_roles_in_the_access_token() {
        // The test realm maps the roles into the access token only (ProductionWithKeycloak).
        Page paula = signIn(chromium.context(true), "paula", "/");

        assertThat(paula.locator("nav.topnav a[href='/triage']")).isVisible();
        Response triage = paula.navigate(chromium.url("/triage"));
        assertEquals(200, triage.status());
        assertThat(paula.locator(".account .author")).containsText("Paula Zhou");
    }

    @Test
    void signing_out_ends_the_keycloak_session_so_signing_in_again_asks_for_the_password() {
        BrowserContext browser = chromium.context(true);
        Page chen = signIn(browser, "chen", "/me");
        assertEquals(1, keycloak().sessions("chen"));

        chen.locator("a[href='/logout']").click();
        // Keycloak sends the browser back to the post-logout path, with the state the app asked it to echo.
        chen.waitForURL(url -> url.equals(chromium.url("/")) || url.startsWith(chromium.url("/?")));
        assertThat(chen.locator(".account a[href^='/login']")).isVisible();
        assertEquals(0, keycloak().sessions("chen"), "RP-initiated logout ended the session at Keycloak");

        chen.navigate(chromium.url("/login?to=/me"));
        assertThat(chen.locator("#kc-form-login")).isVisible();
        assertTrue(chen.url().startsWith(keycloak().realmUrl()), chen.url());
    }

    @Test
    void expired_tokens_are_renewed_and_a_session_keycloak_ended_asks_to_sign_in_again_never_an_error() {
        keycloak().updateRealm(Map.of("accessTokenLifespan", SHORT_TOKEN_SECONDS));
        try {
            BrowserContext browser = chromium.context(true);
            List<String> failures = new CopyOnWriteArrayList<>();
            browser.onResponse(response -> {
                if (response.status() >= 400 && response.request().isNavigationRequest()) {
                    failures.add(response.status() + " " + response.url());
                }
            });
            List<String> toKeycloak = new CopyOnWriteArrayList<>();
            browser.onRequest(request -> {
                if (request.url().startsWith(keycloak().realmUrl())) {
                    toKeycloak.add(request.url());
                }
            });
            Page alice = signIn(browser, "alice", "/me");
            String session = sessionCookie(browser);

            // The tokens expire; the next page renews them with the refresh token, the member notices nothing:
            // the app asks Keycloak itself, the browser is not sent there (a silent new sign-in would be).
            alice.waitForTimeout((SHORT_TOKEN_SECONDS + 2) * 1000);
            toKeycloak.clear();
            alice.navigate(chromium.url("/me"));
            assertEquals(chromium.url("/me"), alice.url());
            assertEquals(List.of(), toKeycloak, "renewed without a round trip through Keycloak's pages");
            assertThat(alice.locator(".account .author")).containsText("Alice Wang");
            assertNotEquals(session, sessionCookie(browser), "the session cookie carries renewed tokens");

            // Keycloak ends the session (an admin, or its SSO limits): the refresh token is refused from now on.
            // Even a public page then sends her to sign in again, rather than showing an error or a half-signed-in page.
            keycloak().endSessions("alice");
            alice.waitForTimeout((SHORT_TOKEN_SECONDS + 2) * 1000);
            alice.navigate(chromium.url("/releases"));
            assertTrue(alice.url().startsWith(keycloak().realmUrl()), "sent to Keycloak: " + alice.url());
            assertThat(alice.locator("#kc-form-login")).isVisible();

            // Signing in again leads back to the page the member asked for.
            submitLoginForm(alice, "alice");
            alice.waitForURL(chromium.url("/releases"));
            assertThat(alice.locator(".account .author")).containsText("Alice Wang");
            assertEquals(List.of(), failures, "no error page on the way");
        } finally {
            keycloak().updateRealm(Map.of("accessTokenLifespan", 300));
        }
    }

    /** From the app's sign-in link through Keycloak's login form (username and password) back to the page. */
    private Page signIn(BrowserContext browser, String user, String to) {
        Page page = browser.newPage();
        page.navigate(chromium.url("/login?to=" + to));
        assertTrue(page.url().startsWith(keycloak().realmUrl()), "the app sent the browser to Keycloak: " + page.url());
        submitLoginForm(page, user);
        page.waitForURL(chromium.url(to));
        return page;
    }

    /** Keycloak's own login form, with the demo password of the realm file (README, "Deploy without Docker"). */
    private static void submitLoginForm(Page page, String user) {
        assertThat(page.locator("#kc-form-login")).isVisible();
        page.fill("#username", user);
        page.fill("#password", user + "-demo");
        page.locator("#kc-login").click();
    }

    private static String sessionCookie(BrowserContext browser) {
        return browser.cookies().stream().filter(c -> c.name.equals("q_session")).map((Cookie c) -> c.value).findFirst()
                .orElseThrow(() -> new AssertionError("no session cookie: " + browser.cookies()));
    }
}
