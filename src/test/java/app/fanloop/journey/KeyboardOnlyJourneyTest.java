package app.fanloop.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.notification.NotificationDelivery;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * A fan without a mouse (issue 23): signs in, files a suggestion, votes, comments and reads a notification with Tab,
 * Enter and typing only. Every page on the way passes axe-core (WCAG 2.1 A/AA).
 */
@QuarkusTest
class KeyboardOnlyJourneyTest extends BrowserJourney {

    @Inject
    Fixtures fx;

    @Inject
    NotificationDelivery delivery;

    private final List<String> violations = new ArrayList<>();

    @Test
    void a_fan_signs_in_files_votes_comments_and_reads_a_notification_with_the_keyboard_only() {
        Board board = fx.board();
        Member chen = fx.member("chen");
        Suggestion other = fx.suggestion(board, chen, "Chen's idea for the lock screen");
        String title = "Keyboard shortcuts for the gallery " + Fixtures.unique("k");

        // Signs in: the provider's page, the fan's button reached by Tab.
        BrowserContext bobs = context(1280, false);
        Page bob = bobs.newPage();
        String form = "/boards/" + board.slug + "/new";
        bob.navigate(chromium.url("/login?to=" + form));
        tabTo(bob, "button[name='predefined-bob']");
        bob.keyboard().press("Enter");
        bob.waitForURL(chromium.url(form));
        checked(bob, "the suggestion form");

        // The skip link is the first stop on every page and jumps to the main content.
        bob.keyboard().press("Tab");
        assertEquals("skip-link", bob.evaluate("() => document.activeElement.className"));
        bob.keyboard().press("Enter");
        assertEquals("main", bob.evaluate("() => document.activeElement.id"));

        // Files a suggestion.
        tabTo(bob, "#title");
        bob.keyboard().type(title);
        tabTo(bob, "#body");
        bob.keyboard().type("Arrow keys to move between photos, please.");
        tabTo(bob, "form.suggestion-form button[type=submit]");
        bob.keyboard().press("Enter");
        bob.waitForURL(url -> url.matches(".*/suggestions/\\d+$"));
        assertEquals(title, bob.locator("main h1").first().innerText());
        String mine = bob.url().replaceFirst("^.*/suggestions/", "");
        checked(bob, "the filed suggestion");

        // Votes on chen's suggestion: the button says it is pressed, keeps the focus, and the live region says so.
        bob.navigate(chromium.url("/suggestions/" + other.id));
        tabTo(bob, "#vote-button-" + other.id);
        bob.keyboard().press("Enter");
        assertThat(bob.locator("#vote-button-" + other.id)).hasAttribute("aria-pressed", "true");
        assertThat(bob.locator("#live-status")).containsText("1");
        assertEquals("vote-button-" + other.id, bob.evaluate("() => document.activeElement.id"), "the focus stays on the vote");
        checked(bob, "a voted suggestion");

        // Comments on it.
        tabTo(bob, "#comment-body");
        bob.keyboard().type("Yes, and with a keyboard shortcut.");
        tabTo(bob, "#comment-form button[type=submit]");
        bob.keyboard().press("Enter");
        bob.locator("#comments .comment", new Page.LocatorOptions().setHasText("with a keyboard shortcut")).waitFor();
        checked(bob, "a commented suggestion");

        // A PM changes the status of the fan's suggestion (with a mouse: only the fan is keyboard-only).
        BrowserContext paulas = chromium.context(true);
        Page paula = chromium.signIn(paulas, "paula", "/suggestions/" + mine);
        paula.selectOption("#status", "UNDER_REVIEW");
        paula.fill("#note", "Collected for the gallery team.");
        paula.locator("#status").locator("xpath=ancestor::form").locator("button[type=submit]").click();
        assertThat(paula.locator("main")).containsText("Collected for the gallery team.");
        paulas.close();
        assertTrue(delivery.deliverPending() >= 1, "the status change is delivered");

        // The fan reaches the bell, then the notification, by keyboard.
        bob.navigate(chromium.url("/"));
        tabTo(bob, "header a.bell");
        bob.keyboard().press("Enter");
        bob.waitForURL(url -> url.endsWith("/me/notifications"));
        checked(bob, "the notifications");
        tabTo(bob, "li.notification.unread .notification-title");
        bob.keyboard().press("Enter");
        bob.waitForURL(url -> url.contains("/suggestions/" + mine));
        assertThat(bob.locator("main")).containsText("Collected for the gallery team.");
        bobs.close();
        assertEquals("", String.join("\n", violations), "WCAG 2.1 A/AA violations (axe-core)");
    }

    private void checked(Page page, String what) {
        violations.addAll(Accessibility.violations(page, what));
    }

    /** Presses Tab until the focus is on what the selector names (at most 80 times): no mouse, no focus() call. */
    private static void tabTo(Page page, String selector) {
        for (int i = 0; i < 80; i++) {
            page.keyboard().press("Tab");
            Object here = page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector);
            if (Boolean.TRUE.equals(here)) {
                return;
            }
        }
        fail("Tab never reached " + selector + " on " + page.url());
    }
}
