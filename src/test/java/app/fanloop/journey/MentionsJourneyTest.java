package app.fanloop.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.notification.NotificationDelivery;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Issue 21's journey, the part of @mentions and notification choices: bob files a bug report that @mentions chen,
 * picking her name from the autocomplete while typing; chen sees it in the bell and opens it; chen turns off mention
 * e-mails on /me. Desktop and 360 px screenshots (journey-25-*.png with -Dfanloop.screenshots=true).
 */
@QuarkusTest
class MentionsJourneyTest extends BrowserJourney {

    @Inject
    Fixtures fx;

    @Inject
    NotificationDelivery delivery;

    @Test
    void bob_mentions_chen_in_a_bug_report_she_sees_it_in_the_bell_and_turns_off_mention_mail() {
        Board board = fx.board(true, true);
        List<String> sideways = new java.util.ArrayList<>();

        // chen has signed in once (her name is the one the provider gave her).
        BrowserContext chens = context(360, false);
        Page chen = chromium.signIn(chens, "chen", "/");
        String chenName = fx.member("chen").name;

        // bob files a bug report and names chen: typing "@" and the start of her name offers it.
        BrowserContext bobs = context(1280, false);
        Page bob = chromium.signIn(bobs, "bob", "/boards/" + board.slug + "/new");
        bob.locator("input[name=kind][value=BUG]").check();
        String title = "Camera freezes on night mode " + Fixtures.unique("j");
        bob.fill("#title", title);
        bob.fill("#deviceModel", "Xiaomi 14 Pro");
        bob.fill("#systemVersion", "HyperOS 2.0.105");
        bob.selectOption("#frequency", "ALWAYS");
        bob.fill("#steps", "1. Open the camera\n2. Night mode\n3. Shutter");
        bob.locator("#body").click();
        bob.keyboard().type("It happens to my friend too, @" + chenName.substring(0, 2));
        var pick = bob.locator("#body-mentions button.mention-pick[data-name='" + chenName + "']");
        pick.waitFor();
        sideways.addAll(shown(bob, "the new bug form", "25-desktop-mention-autocomplete"));
        pick.click();
        assertTrue(bob.inputValue("#body").endsWith("@" + chenName + " "), bob.inputValue("#body"));
        bob.locator("form.suggestion-form button[type=submit]").click();
        bob.waitForURL(url -> url.matches(".*/suggestions/\\d+$"));
        long id = Long.parseLong(bob.url().replaceFirst("^.*/suggestions/", ""));
        Member chenMember = fx.member("chen");
        assertThat(bob.locator("article .prose a[href='/members/" + chenMember.id + "']")).hasText("@" + chenName);
        sideways.addAll(shown(bob, "the bug report", "25-desktop-bug-with-mention"));

        // chen sees it in the bell and opens it.
        delivery.deliverPending();
        chen.navigate(chromium.url("/"));
        assertThat(chen.locator("header a.bell .bell-count")).isVisible();
        sideways.addAll(visit(chen, "/me/notifications", "25-360-chen-notifications"));
        var notice = chen.locator("main li", new Page.LocatorOptions().setHasText(title));
        assertThat(notice).containsText("提到了你");
        notice.locator("button, a").first().click();
        chen.waitForURL(url -> url.contains("/suggestions/" + id));

        // chen turns off mention e-mails: mentions stay in the bell only.
        sideways.addAll(visit(chen, "/me#notification-choices", "25-360-chen-notification-choices"));
        chen.selectOption("#choice-mentions", "BELL");
        chen.locator("#notification-choices button[type=submit]").click();
        chen.waitForURL(url -> url.contains("saved=choices"));
        assertThat(chen.locator("#notification-choices .notice")).isVisible();
        assertEquals("BELL", chen.locator("#choice-mentions").inputValue());
        assertEquals("MENTIONS:BELL", fx.text(
                "select category || ':' || channel from notification_choice where member_id = ?1", chenMember.id));
        sideways.addAll(shown(chen, "/me after saving", "25-360-chen-choices-saved"));

        // The same pages at desktop width.
        BrowserContext chenDesk = context(1280, false);
        Page chenWide = chromium.signIn(chenDesk, "chen", "/me");
        sideways.addAll(visit(chenWide, "/me#notification-choices", "25-desktop-chen-notification-choices"));
        sideways.addAll(visit(chenWide, "/me/notifications", "25-desktop-chen-notifications"));
        // And bob's form at phone width.
        BrowserContext bobPhone = context(360, false);
        Page bobSmall = chromium.signIn(bobPhone, "bob", "/suggestions/" + id);
        sideways.addAll(shown(bobSmall, "the bug report on a phone", "25-360-bug-with-mention"));

        assertEquals(List.of(), sideways, "nothing scrolls sideways");
        chens.close();
        bobs.close();
        chenDesk.close();
        bobPhone.close();
    }
}
