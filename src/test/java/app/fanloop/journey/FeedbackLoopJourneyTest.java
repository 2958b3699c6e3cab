package app.fanloop.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;


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
 * The feedback loop in a real browser, each member signing in through the dev OpenID Connect
 * server's page: a fan files a suggestion (after a validation error), votes on another and comments;
 * a PM triages it, answers and makes it a feature item; a PM publishes a release that ships a
 * fan's suggestion and the fan sees the bell, the notification and their name in the credits; an
 * admin hides a reported comment.
 */
@QuarkusTest
class FeedbackLoopJourneyTest extends BrowserJourney {

    @Inject
    Fixtures fx;

    @Inject
    NotificationDelivery delivery;

    @Test
    void a_suggestion_goes_from_fan_to_feature_item_with_an_official_answer() {
        Board board = fx.board();
        Member chen = fx.member("chen");
        Suggestion other = fx.suggestion(board, chen, "Chen's idea for the lock screen");
        String title = "Night mode for the gallery " + Fixtures.unique("j");

        // The fan signs in through the provider's page and lands on the board.
        BrowserContext bobs = chromium.context(true);
        Page bob = chromium.signIn(bobs, "bob", "/boards/" + board.slug);
        assertTrue(bob.locator("header .account").innerText().contains("Bob"));
        checkedShot(bob, "01-fan-signed-in-board");

        // Files a suggestion: a one-letter title is refused with the error beside the field, values kept.
        bob.navigate(chromium.url("/boards/" + board.slug + "/new"));
        bob.fill("#title", "X");
        bob.fill("#body", "Please add a **dark** gallery.");
        bob.locator("form.suggestion-form button[type=submit]").click();
        assertTrue(bob.locator(".form-errors").isVisible(), "the form says what is wrong");
        assertTrue(bob.locator(".field.invalid #title").count() == 1, "the title field is marked");
        assertEquals("Please add a **dark** gallery.", bob.inputValue("#body"), "the body is kept");
        checkedShot(bob, "02-fan-validation-error");
        bob.fill("#title", title);
        bob.locator("form.suggestion-form button[type=submit]").click();
        bob.waitForURL(url -> url.matches(".*/suggestions/\\d+$"));
        assertEquals(title, bob.locator("main h1").first().innerText());
        String mine = bob.url().replaceFirst("^.*/suggestions/", "");
        checkedShot(bob, "03-fan-suggestion-filed");

        // Votes on chen's suggestion (htmx swaps the button) and comments on it.
        bob.navigate(chromium.url("/suggestions/" + other.id));
        bob.locator("#vote-" + other.id + " button.vote").click();
        bob.locator("#vote-" + other.id + " button.vote.voted").waitFor();
        assertEquals("1", bob.locator("#vote-" + other.id + " .count").first().innerText());
        bob.fill("#comment-body", "Yes, and a shortcut on the **lock screen** please.");
        bob.locator("#comment-form button[type=submit]").click();
        bob.locator("#comments .comment", new Page.LocatorOptions().setHasText("shortcut on the lock screen")).waitFor();
        checkedShot(bob, "04-fan-voted-and-commented");
        bob.reload();
        assertThat(bob.locator("#vote-" + other.id + " .count").first()).hasText("1");
        assertTrue(bob.locator("#comments").innerText().contains("shortcut on the lock screen"), "the comment is stored");

        // The PM finds it in the triage console and answers from there.
        BrowserContext paulas = chromium.context(true);
        Page paula = chromium.signIn(paulas, "paula", "/triage");
        checkedShot(paula, "05-pm-triage-console");
        paula.navigate(chromium.url("/triage?board=" + board.id));
        paula.locator("li.triage-row:has(input[value='" + mine + "']) details.quick-answer summary").click();
        paula.fill("#answer-" + mine, "Thanks Bob — we are looking at it for the next weekly build.");
        paula.locator("#answer-" + mine).locator("xpath=ancestor::form").locator("button[type=submit]").click();
        assertThat(paula.locator("li.triage-row:has(input[value='" + mine + "']) .answered")).isVisible();
        // Looks for duplicates to merge it into: htmx loads the look-alikes when the row's list is opened.
        var row = paula.locator("li.triage-row:has(input[value='" + mine + "'])");
        row.locator("details.duplicates summary").click();
        row.locator("details.duplicates ul.merge-candidates").waitFor();

        // Selects it in the console and makes a feature item of it.
        paula.navigate(chromium.url("/triage?board=" + board.id));
        paula.locator("input[name=ids][value='" + mine + "']").check();
        paula.locator("#bulk button[name=then][value=feature]").click();
        paula.waitForURL(url -> url.contains("/triage/features/new"));
        paula.fill("#title", "Gallery dark mode");
        paula.fill("#description", "From the fans' suggestion.");
        paula.locator("form[action='/triage/features'] button[type=submit]").click();
        paula.waitForURL(url -> url.matches(".*/triage/features/\\d+$"));
        assertTrue(paula.locator("main").innerText().contains(title), "the feature item lists the suggestion");
        checkedShot(paula, "06-pm-feature-item");

        // Sets the status on the suggestion page.
        paula.navigate(chromium.url("/suggestions/" + mine));
        assertTrue(paula.locator("section.official").innerText().contains("next weekly build"), "the official answer is on top");
        assertTrue(paula.locator("main").innerText().contains("Gallery dark mode"), "staff see the linked feature item");
        paula.selectOption("#status", "UNDER_REVIEW");
        paula.fill("#note", "Collected for the gallery team.");
        paula.locator("#status").locator("xpath=ancestor::form").locator("button[type=submit]").click();
        assertThat(paula.locator("main")).containsText("Collected for the gallery team.");

        // The fan sees the official answer (a backlog feature item is not public until it is planned).
        bob.navigate(chromium.url("/suggestions/" + mine));
        assertTrue(bob.locator("section.official").innerText().contains("next weekly build"));
        checkedShot(bob, "07-fan-sees-answer");
        bobs.close();
        paulas.close();
    }

    @Test
    void an_admin_hides_a_reported_comment() {
        Board board = fx.board();
        Member bobMember = fx.member("bob");
        Suggestion s = fx.suggestion(board, bobMember, "A suggestion with a rude comment");
        long rude = fx.comment(s.id, fx.member("chen"), null, "This is spam, buy cheap phones at example.test", false).id;

        BrowserContext bobs = chromium.context(true);
        Page bob = chromium.signIn(bobs, "bob", "/suggestions/" + s.id);
        bob.locator("#comment-" + rude + " a[href='/comments/" + rude + "/report']").click();
        bob.locator("input[name=reason][value=SPAM]").check();
        bob.fill("#text", "Advertising");
        bob.waitForResponse(response -> "POST".equals(response.request().method()),
                () -> bob.locator("main form button[type=submit]").click());
        bob.waitForLoadState();
        checkedShot(bob, "08-fan-reported-comment");

        BrowserContext alices = chromium.context(true);
        Page alice = chromium.signIn(alices, "alice", "/admin/reports");
        var item = alice.locator("section.card", new Page.LocatorOptions().setHasText("This is spam, buy cheap phones"));
        assertTrue(item.count() >= 1, "the reported comment is in the queue");
        checkedShot(alice, "09-admin-report-queue");
        item.first().locator("summary", new com.microsoft.playwright.Locator.LocatorOptions().setHasText("Hide")).click();
        item.first().locator("input[name=reason]").fill("Spam");
        alice.waitForResponse(response -> response.url().endsWith("/hide"),
                () -> item.first().locator("form[action$='/hide'] button[type=submit]").click());
        alice.waitForLoadState();
        checkedShot(alice, "09b-admin-hid-comment");

        bob.navigate(chromium.url("/suggestions/" + s.id));
        assertTrue(bob.locator("#comment-" + rude).innerText().contains("hidden") || bob.locator("#comment-" + rude).count() == 0,
                "the comment is hidden for fans");
        assertTrue(!bob.locator("#comments").innerText().contains("buy cheap phones"), "its text is gone for fans");
        bobs.close();
        alices.close();
    }

    @Test
    void the_pm_publishes_a_release_and_the_fan_sees_bell_notification_and_credits() {
        Board board = fx.board();
        Member bobMember = fx.member("bob");
        Suggestion idea = fx.suggestion(board, bobMember, "Bigger clock on the always-on display " + Fixtures.unique("j"));
        fx.voteAs(idea.id, fx.member("chen"));
        String feature = "Always-on clock styles " + Fixtures.unique("f");
        fx.featureItem(feature, idea.id);
        String version = Fixtures.unique("OS2.0.300.DEV");

        // The PM writes the week's notes: a head, then a line that ships the feature item, then publishes.
        BrowserContext paulas = chromium.context(true);
        Page paula = chromium.signIn(paulas, "paula", "/triage/releases");
        paula.locator("a[href='/triage/releases/new']").first().click();
        paula.fill("#version", version);
        paula.selectOption("#channel", "DEV");
        paula.fill("#week", "2026-W47");
        paula.fill("#summary", "This week: **always-on display** clocks, from your suggestions.");
        paula.locator("form[action='/triage/releases'] button[type=submit]").click();
        paula.waitForURL(url -> url.matches(".*/triage/releases/\\d+$"));
        String releasePath = paula.url().replaceFirst("^.*/triage", "");
        paula.locator("input[name=section][value=NEW]").check(new com.microsoft.playwright.Locator.CheckOptions().setForce(true));
        paula.fill("#text", "New clock styles for the always-on display");
        paula.locator("#featureItemId").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel(
                paula.locator("#featureItemId option", new Page.LocatorOptions().setHasText(feature)).innerText()));
        paula.locator("#text").locator("xpath=ancestor::form").locator("button[type=submit]").click();
        assertThat(paula.locator("#lines")).containsText("New clock styles for the always-on display");
        checkedShot(paula, "16-pm-release-editor");
        paula.locator("form[action$='/publish'] button[type=submit]").click();
        paula.waitForLoadState();
        assertEquals("PUBLISHED", fx.text("select state from release where version = ?1", version));

        // The notification job runs (every few seconds in production; tests run it themselves).
        assertTrue(delivery.deliverPending() >= 1, "the release event is delivered");

        // The fan sees the bell's count, the notification, and their name in the release's credits.
        BrowserContext bobs = chromium.context(true);
        Page bob = chromium.signIn(bobs, "bob", "/");
        assertThat(bob.locator("header a.bell .bell-count")).isVisible();
        assertTrue(Integer.parseInt(bob.locator("header a.bell .bell-count").innerText().strip()) >= 1);
        checkedShot(bob, "17-fan-bell");
        bob.locator("header a.bell").click();
        bob.waitForURL(url -> url.endsWith("/me/notifications"));
        var notice = bob.locator("li.notification.unread", new Page.LocatorOptions().setHasText(version));
        assertThat(notice).hasCount(1);
        checkedShot(bob, "18-fan-notification");
        notice.locator(".notification-title").click();
        bob.waitForURL(url -> url.endsWith(releasePath));
        assertThat(bob.locator("main h1").first()).containsText(version);
        assertThat(bob.locator("#credits")).containsText("Bob");
        assertThat(bob.locator("main")).containsText("New clock styles for the always-on display");
        checkedShot(bob, "19-fan-credited-in-release");

        // The notification is read now, and the suggestion says it shipped in this release.
        bob.navigate(chromium.url("/me/notifications"));
        assertThat(bob.locator("li.notification.unread", new Page.LocatorOptions().setHasText(version))).hasCount(0);
        bob.navigate(chromium.url("/suggestions/" + idea.id));
        assertThat(bob.locator("main .badge.status-shipped").first()).isVisible();
        assertThat(bob.locator("main")).containsText(version);
        assertEquals("SHIPPED", fx.text("select status from suggestion where id = ?1", idea.id));
        bobs.close();
        paulas.close();
    }
}
