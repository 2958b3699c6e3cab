package app.fanloop.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import app.fanloop.Fixtures;
import app.fanloop.event.EventKind;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.notification.NotificationDelivery;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.narayana.jta.QuarkusTransaction;
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

    @Inject
    app.fanloop.poll.PollFixtures polls;

    @Inject
    app.fanloop.event.DomainEvents events;

    @Inject
    app.fanloop.search.SearchFixtures search;

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

    /**
     * Every pop-out the app has, with the keyboard only: the admin's moderation panel and its hide/move/purge
     * pop-outs, a reply form, the @name autocomplete (a listbox the textarea controls) and the similar-suggestion
     * hints. Each is reached by Tab, opens with Enter or Space, closes with Escape giving the focus back to its
     * opener, and lets Tab go on past it. (The bell and the account links are plain links; the app has no modal
     * dialog, no menu widget and no picture lightbox: pictures open as plain links.)
     */
    @Test
    void pop_outs_open_close_with_escape_and_never_trap_the_keyboard() {
        Board board = fx.board();
        Member chen = fx.member("chen");
        StringBuilder letters = new StringBuilder("qz");
        java.util.concurrent.ThreadLocalRandom.current().ints(10, 'a', 'z' + 1).forEach(c -> letters.append((char) c));
        String word = letters.append('x').toString();
        Suggestion s = search.suggestion(board, chen, "Lockscreen clock " + word + " styles", "With seconds.");
        fx.comment(s.id, chen, null, "A bigger clock, please.", false);

        BrowserContext alices = context(1280, false);
        Page alice = chromium.signIn(alices, "alice", "/suggestions/" + s.id);
        String chenName = fx.member("chen").name;

        // The moderation panel: Enter opens it, Space opens its "hide" pop-out, Escape closes one level at a time.
        tabTo(alice, "details.admin-panel > summary");
        alice.keyboard().press("Enter");
        assertThat(alice.locator("details.admin-panel")).hasAttribute("open", "");
        tabTo(alice, "details.admin-panel details.inline-details > summary");
        alice.keyboard().press("Space");
        tabTo(alice, "#hide-" + s.id);
        alice.keyboard().press("Escape");
        assertThat(alice.locator("details.admin-panel details.inline-details").first()).not().hasAttribute("open", "");
        assertTrue(focusedMatches(alice, "details.admin-panel details.inline-details > summary"), "back on the hide summary");
        alice.keyboard().press("Escape");
        assertThat(alice.locator("details.admin-panel")).not().hasAttribute("open", "");
        assertTrue(focusedMatches(alice, "details.admin-panel > summary"), "back on the panel's summary");
        // Open, Tab runs through it and out of it: no trap.
        alice.keyboard().press("Enter");
        tabOutOf(alice, "details.admin-panel");

        // A reply form: Enter opens it, Tab reaches its textarea, Escape closes it and the focus is on "reply" again.
        tabTo(alice, "details.reply-form > summary");
        alice.keyboard().press("Enter");
        tabTo(alice, "details.reply-form textarea");
        alice.keyboard().press("Escape");
        assertThat(alice.locator("details.reply-form").first()).not().hasAttribute("open", "");
        assertTrue(focusedMatches(alice, "details.reply-form > summary"));

        // The @name autocomplete: the focus stays in the textarea; the arrows choose, Enter puts the name in.
        tabTo(alice, "#comment-body");
        assertThat(alice.locator("#comment-body")).hasAttribute("aria-autocomplete", "list");
        assertThat(alice.locator("#comment-body")).hasAttribute("aria-controls", "comment-mentions");
        alice.keyboard().type("Agreed @" + chenName.substring(0, 2));
        alice.locator("#comment-mentions [role=listbox] [role=option]").first().waitFor();
        assertThat(alice.locator("#live-status")).containsText("可以提到的名字");
        int offered = alice.locator("#comment-mentions [role=option]").count();
        alice.keyboard().press("ArrowDown");
        assertThat(alice.locator("#comment-body")).hasAttribute("aria-activedescendant", "mention-option-0");
        assertThat(alice.locator("#mention-option-0")).hasAttribute("aria-selected", "true");
        alice.keyboard().press("ArrowUp");
        assertThat(alice.locator("#comment-body")).hasAttribute("aria-activedescendant", "mention-option-" + (offered - 1));
        assertThat(alice.locator("#mention-option-" + (offered - 1))).hasAttribute("aria-selected", "true");
        assertThat(alice.locator("#comment-mentions [role=option][aria-selected=true]")).hasCount(1);
        alice.keyboard().press("ArrowDown");
        String chosen = alice.locator("#mention-option-0").getAttribute("data-name");
        alice.keyboard().press("Enter");
        assertEquals("comment-body", focusedId(alice));
        assertTrue(alice.inputValue("#comment-body").endsWith("@" + chosen + " "), alice.inputValue("#comment-body"));
        assertThat(alice.locator("#comment-mentions [role=option]")).hasCount(0);
        assertEquals(null, alice.locator("#comment-body").getAttribute("aria-activedescendant"));
        // With an offer open, Tab leaves the textarea past it; back in it, Escape closes the offer and keeps the text.
        alice.keyboard().type("and @" + chenName.substring(0, 2));
        alice.locator("#comment-mentions [role=option]").first().waitFor();
        alice.keyboard().press("Tab");
        assertTrue(!focusedMatches(alice, "#comment-body, #comment-mentions *"), "Tab leaves the textarea");
        alice.keyboard().press("Shift+Tab");
        assertEquals("comment-body", focusedId(alice));
        alice.keyboard().press("Escape");
        assertThat(alice.locator("#comment-mentions [role=option]")).hasCount(0);
        assertEquals("comment-body", focusedId(alice));
        assertTrue(alice.inputValue("#comment-body").endsWith("and @" + chenName.substring(0, 2)), "Escape keeps the text");
        checked(alice, "the suggestion with the moderation panel and reply form");
        alices.close();

        // The similar-suggestion hints under the title of a new suggestion: Tab reaches them, Escape closes them.
        BrowserContext bobs = context(1280, false);
        Page bob = chromium.signIn(bobs, "bob", "/boards/" + board.slug + "/new");
        tabTo(bob, "#title");
        assertThat(bob.locator("#title")).hasAttribute("aria-controls", "similar");
        bob.keyboard().type("Lockscreen clock " + word);
        bob.locator("#similar .similar a.row-title").first().waitFor();
        assertThat(bob.locator("#live-status")).containsText("相似");
        tabTo(bob, "#similar a.row-title");
        bob.keyboard().press("Escape");
        assertThat(bob.locator("#similar *")).hasCount(0);
        assertEquals("title", focusedId(bob));
        checked(bob, "the new suggestion form after the hints");
        bobs.close();
        assertEquals("", String.join("\n", violations), "WCAG 2.1 A/AA violations (axe-core)");
    }

    /**
     * Following, commenting (with a refused comment first) and a poll ballot, by keyboard: htmx swaps each in place,
     * the page's live region says what happened, and the focus stays on the control the member used (a refused
     * comment: on the field, which names its error through aria-describedby).
     */
    @Test
    void htmx_swaps_say_what_changed_and_keep_the_focus() {
        Board board = fx.board();
        Member chen = fx.member("chen");
        Suggestion s = fx.suggestion(board, chen, "Dual clock on the lockscreen " + Fixtures.unique("d"));
        polls.poll(s.id, false, false, null, "Clock", "Weather");

        BrowserContext bobs = context(1280, false);
        Page bob = chromium.signIn(bobs, "bob", "/suggestions/" + s.id);

        // Follow and unfollow.
        String follow = "#follow-button-" + s.id;
        tabTo(bob, follow);
        bob.keyboard().press("Enter");
        assertThat(bob.locator(follow)).hasAttribute("aria-pressed", "true");
        assertThat(bob.locator("#live-status")).containsText("已关注");
        assertEquals("follow-button-" + s.id, focusedId(bob));
        bob.keyboard().press("Enter");
        assertThat(bob.locator(follow)).hasAttribute("aria-pressed", "false");
        assertThat(bob.locator("#live-status")).containsText("已取消关注");
        assertEquals("follow-button-" + s.id, focusedId(bob));

        // A comment of blanks is refused: the error is said, tied to the field, and the focus is back on the field.
        tabTo(bob, "#comment-body");
        bob.keyboard().type("   ");
        tabTo(bob, "#comment-submit");
        bob.keyboard().press("Enter");
        bob.locator("#comments #body-error").waitFor();
        String error = bob.locator("#body-error").innerText().trim();
        assertTrue(!error.isEmpty());
        assertThat(bob.locator("#live-status")).hasText(error);
        assertThat(bob.locator("#comment-body")).hasAttribute("aria-describedby", "body-error");
        assertThat(bob.locator("#comment-body")).hasAttribute("aria-invalid", "true");
        assertEquals("comment-body", focusedId(bob));
        checked(bob, "a refused comment");

        // A real one: the new comment is said, and the focus stays on the button.
        bob.keyboard().press("Control+A");
        bob.keyboard().type("A second clock for the home city.");
        tabTo(bob, "#comment-submit");
        bob.keyboard().press("Enter");
        bob.locator("#comments .comment", new Page.LocatorOptions().setHasText("second clock for the home city")).waitFor();
        assertThat(bob.locator("#live-status")).hasText("评论已发布 · 共 1 条评论");
        assertEquals("comment-submit", focusedId(bob));
        assertEquals(null, bob.locator("#comment-body").getAttribute("aria-invalid"));

        // A poll ballot: Space picks an option, Enter sends it, the result is said and the focus stays.
        tabTo(bob, "#poll input[name=option]");
        bob.keyboard().press("Space");
        tabTo(bob, "#poll-submit");
        bob.keyboard().press("Enter");
        assertThat(bob.locator("#poll .poll-mine")).containsText("Clock");
        assertThat(bob.locator("#live-status")).containsText("你投给了： Clock");
        assertThat(bob.locator("#live-status")).containsText("Clock: 1 票 · 100%");
        assertEquals("poll-submit", focusedId(bob));
        checked(bob, "a poll after a ballot");
        // Withdrawn: said, and the focus goes to the poll (its withdraw button is gone).
        tabTo(bob, "#poll-withdraw");
        bob.keyboard().press("Enter");
        assertThat(bob.locator("#live-status")).containsText("你的投票已撤回");
        assertEquals("poll", focusedId(bob));

        // A notification marked read in the list: the item is swapped in place, said, focused, and the bell counts one less.
        fx.followAs(s.id, fx.member("bob"));
        QuarkusTransaction.requiringNew().run(() -> events.suggestion(EventKind.SUGGESTION_STATUS_CHANGED,
                fx.member("paula"), s.id, null, java.util.Map.of("from", "OPEN", "to", "PLANNED")));
        // This change's own notification: the delivery job may be claiming the event at the same moment (and older
        // events other tests left pending go out with it), so wait for this one rather than take bob's newest.
        String told = null;
        for (int i = 0; i < 50 && told == null; i++) {
            delivery.deliverPending();
            told = fx.text("""
                    select max(id)::text from notification
                    where member_id = ?1 and suggestion_id = ?2 and kind = 'STATUS_CHANGED'""", fx.member("bob").id, s.id);
            if (told == null) {
                bob.waitForTimeout(200);
            }
        }
        assertNotNull(told, "the status change is delivered to bob");
        bob.navigate(chromium.url("/me/notifications"));
        int unread = Integer.parseInt(bob.locator("header .bell .bell-count").innerText().trim());
        assertThat(bob.locator("#notification-" + told + " button.link")).hasCount(1);
        tabTo(bob, "#notification-" + told + " button.link");
        bob.keyboard().press("Enter");
        assertThat(bob.locator("#notification-" + told)).not().hasClass(java.util.regex.Pattern.compile(".*\\bunread\\b.*"));
        assertThat(bob.locator("#live-status")).containsText("已标为已读：");
        assertEquals("notification-" + told, focusedId(bob));
        if (unread > 1) {
            assertThat(bob.locator("header .bell .bell-count")).hasText(String.valueOf(unread - 1));
        } else {
            assertThat(bob.locator("header .bell .bell-count")).hasCount(0);
        }
        checked(bob, "the notifications after one was marked read");
        bobs.close();
        assertEquals("", String.join("\n", violations), "WCAG 2.1 A/AA violations (axe-core)");
    }

    private static String focusedId(Page page) {
        return (String) page.evaluate("() => document.activeElement.id");
    }

    private static boolean focusedMatches(Page page, String selector) {
        return Boolean.TRUE.equals(page.evaluate("s => document.activeElement.matches(s)", selector));
    }

    /** Presses Tab from inside the element until the focus is out of it (at most 40 times): no keyboard trap. */
    private static void tabOutOf(Page page, String selector) {
        for (int i = 0; i < 40; i++) {
            page.keyboard().press("Tab");
            if (Boolean.FALSE.equals(page.evaluate("s => !!document.activeElement.closest(s)", selector))) {
                return;
            }
        }
        fail("Tab never left " + selector + " on " + page.url());
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
