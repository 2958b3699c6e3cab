package app.fanloop.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import app.fanloop.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The admin's integration pages in a real browser: alice creates an API key (shown once) and a webhook endpoint
 * (its secret shown once), on a desktop and a 360 px phone, light and dark, without sideways scrolling. With
 * -Dfanloop.screenshots=true the pages are saved for the README.
 */
@QuarkusTest
class IntegrationsInBrowserTest extends BrowserJourney {

    @Inject
    Fixtures fx;

    @Test
    void admin_creates_an_api_key_and_a_webhook_on_desktop_and_phone() {
        List<String> problems = new ArrayList<>();
        for (boolean dark : List.of(false, true)) {
            for (int width : List.of(1280, 360)) {
                String suffix = (width == 360 ? "-360" : "") + (dark ? "-dark" : "");
                BrowserContext context = context(width, dark);
                Page alice = chromium.signIn(context, "alice", "/admin/api-keys");

                alice.locator("#name").fill(Fixtures.unique("发版机器人 Release bot"));
                alice.locator("#role").selectOption("pm");
                alice.locator("input[name=scopes][value=write]").check();
                alice.locator("#name").evaluate("e => e.form.requestSubmit()");
                alice.waitForURL(chromium.url("/admin/api-keys"));
                assertTrue(alice.locator("#new-api-key").textContent().startsWith("fl_"), "the key is shown once");
                problems.addAll(shown(alice, "/admin/api-keys", "20-api-key-created" + suffix));
                alice.reload();
                assertEquals(0, alice.locator("#new-api-key").count(), "and only once");

                problems.addAll(visit(alice, "/admin/webhooks", "21-webhooks" + suffix));
                alice.locator("#url").fill("http://127.0.0.1:9/fanloop-hook-from-the-browser-journey?source=" + width);
                alice.locator("#description").fill("研发群机器人 · tracker bridge");
                alice.locator("input[name=events]").first().check();
                alice.locator("#url").evaluate("e => e.form.requestSubmit()");
                alice.waitForURL(java.util.regex.Pattern.compile(".*/admin/webhooks/[0-9]+.*"));
                assertTrue(alice.locator(".secret").count() > 0, "the secret is shown once: " + alice.url());
                problems.addAll(shown(alice, alice.url(), "21-webhook-created" + suffix));
                context.close();
            }
        }
        assertEquals(List.of(), problems);
    }
}
