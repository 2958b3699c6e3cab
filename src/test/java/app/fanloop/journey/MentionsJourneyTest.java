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
 * Issue 21's journey: bob renames himself on /me, adds his phone, files a bug report whose device fields his phone fills
 * in one choice, and @mentions chen in it, picking her name from the autocomplete while typing; chen sees it in the
 * bell and opens it; chen turns off mention e-mails on /me. Desktop and 360 px screenshots (journey-25-*.png with
 * -Dfanloop.screenshots=true). bob's name and devices are given back at the end, as other tests know him as "bob".
 */
@QuarkusTest
class MentionsJourneyTest extends BrowserJourney {

    @Inject
    Fixtures fx;

    @Inject
    NotificationDelivery delivery;

    @Test
    void bob_renames_himself_adds_his_phone_files_a_bug_with_it_mentions_chen_who_sees_it_and_turns_off_mention_mail() {
        Member bobMember = fx.member("bob");
        String before = fx.text("select name from member where id = ?1", bobMember.id);
        boolean chosen = "true".equals(fx.text("select name_chosen::text from member where id = ?1", bobMember.id));
        try {
            journey(bobMember);
        } finally {
            // As he was, name chosen or not (an unchosen name follows the token again, as other tests expect).
            fx.sql("update member set name = ?2, name_chosen = ?3 where id = ?1", bobMember.id, before, chosen);
            fx.sql("delete from member_name_change where member_id = ?1", bobMember.id);
            fx.sql("delete from member_device where member_id = ?1", bobMember.id);
        }
    }

    private void journey(Member bobMember) {
        Board board = fx.board(true, true);
        List<String> sideways = new java.util.ArrayList<>();
        fx.sql("delete from member_name_change where member_id = ?1", bobMember.id);
        fx.sql("delete from member_device where member_id = ?1", bobMember.id);
        String newName = "bob_" + Fixtures.unique("x").substring(2, 8);

        // chen has signed in once (her name is the one the provider gave her).
        BrowserContext chens = context(360, false);
        Page chen = chromium.signIn(chens, "chen", "/");
        String chenName = fx.member("chen").name;

        // bob renames himself and adds his phone on /me.
        BrowserContext bobs = context(1280, false);
        Page bob = chromium.signIn(bobs, "bob", "/me");
        bob.fill("#name-input", newName);
        bob.locator("#name-form button[type=submit]").click();
        bob.waitForURL(java.util.regex.Pattern.compile(".*/me\\?saved=name#name$"));
        assertThat(bob.locator("main h1").first()).hasText(newName);
        bob.fill("#device-model", "Xiaomi 14 Pro");
        bob.fill("#device-version", "HyperOS 2.0.105");
        bob.locator("#device-form button[type=submit]").click();
        bob.waitForURL(java.util.regex.Pattern.compile(".*/me\\?saved=devices#devices$"));
        assertThat(bob.locator("#my-devices .my-device")).hasCount(1);
        sideways.addAll(shown(bob, "/me after renaming", "25-desktop-bob-renamed-with-phone"));

        // He files a bug report: one choice of his phone fills the device fields; typing "@" and the start of chen's
        // name offers it.
        bob.navigate(chromium.url("/boards/" + board.slug + "/new?kind=BUG"));
        bob.locator("#myDevice").selectOption(new com.microsoft.playwright.options.SelectOption()
                .setLabel("Xiaomi 14 Pro · HyperOS 2.0.105"));
        assertThat(bob.locator("#deviceModel")).hasValue("Xiaomi 14 Pro");
        assertThat(bob.locator("#systemVersion")).hasValue("HyperOS 2.0.105");
        String title = "Camera freezes on night mode " + Fixtures.unique("j");
        bob.fill("#title", title);
        bob.selectOption("#frequency", "ALWAYS");
        bob.fill("#steps", "1. Open the camera\n2. Night mode\n3. Shutter");
        bob.locator("#body").click();
        bob.keyboard().type("It happens to my friend too, @" + chenName.substring(0, 2));
        var pick = bob.locator("#body-mentions button.mention-pick[data-name='" + chenName + "']");
        pick.waitFor();
        sideways.addAll(shown(bob, "the new bug form", "25-desktop-mention-autocomplete"));
        pick.click();
        assertTrue(bob.inputValue("#body").endsWith("@" + chenName + " "), bob.inputValue("#body"));
        bob.locator("form.suggestion-form > .actions button[type=submit]").click();
        bob.waitForURL(url -> url.matches(".*/suggestions/\\d+$"));
        assertEquals("Xiaomi 14 Pro HyperOS 2.0.105",
                fx.text("select device_model || ' ' || system_version from suggestion where title = ?1", title));
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
        assertThat(notice).containsText(newName + " 在「" + title + "」中提到了你");
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
