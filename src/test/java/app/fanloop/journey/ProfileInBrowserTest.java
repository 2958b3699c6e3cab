package app.fanloop.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Profiles and devices in a real browser (issue 21): bob renames himself on /me, adds his phone, and files a bug report
 * whose device fields one choice of "my devices" fills (devices.js); /me fits a 360 px phone. bob's name and devices are
 * given back at the end, as other tests know him as "bob". With -Dfanloop.screenshots=true /me and the filled bug form
 * are saved.
 */
@QuarkusTest
class ProfileInBrowserTest extends BrowserJourney {

    @Inject
    Fixtures fx;

    @Test
    void bob_renames_himself_adds_his_phone_and_files_a_bug_with_it_in_one_click() {
        Member bobMember = fx.member("bob");
        String before = fx.text("select name from member where id = ?1", bobMember.id);
        boolean chosen = "true".equals(fx.text("select name_chosen::text from member where id = ?1", bobMember.id));
        Board board = fx.board();
        String newName = "bob_" + Fixtures.unique("x").substring(2, 8);
        String title = Fixtures.unique("锁屏卡顿 lock screen lag");
        try {
            fx.sql("delete from member_name_change where member_id = ?1", bobMember.id);
            fx.sql("delete from member_device where member_id = ?1", bobMember.id);
            BrowserContext bobs = chromium.context(true);
            Page bob = chromium.signIn(bobs, "bob", "/me");

            bob.fill("#name-input", newName);
            bob.locator("#name-form button[type=submit]").click();
            bob.waitForURL(Pattern.compile(".*/me\\?saved=name#name$"));
            assertThat(bob.locator("main h1").first()).hasText(newName);

            bob.fill("#device-model", "Xiaomi 15 Pro");
            bob.fill("#device-version", "HyperOS 2.0.8");
            bob.locator("#device-form button[type=submit]").click();
            bob.waitForURL(Pattern.compile(".*/me\\?saved=devices#devices$"));
            assertThat(bob.locator("#my-devices .my-device")).hasCount(1);

            List<String> sideways = new ArrayList<>();
            BrowserContext phone = context(360, false);
            Page small = chromium.signIn(phone, "bob", "/me");
            sideways.addAll(shown(small, "/me", "profile-me-360"));

            bob.navigate(chromium.url("/boards/" + board.slug + "/new?kind=BUG"));
            bob.locator("#myDevice").selectOption(new com.microsoft.playwright.options.SelectOption().setLabel("Xiaomi 15 Pro · HyperOS 2.0.8"));
            assertThat(bob.locator("#deviceModel")).hasValue("Xiaomi 15 Pro");
            assertThat(bob.locator("#systemVersion")).hasValue("HyperOS 2.0.8");
            bob.fill("#title", title);
            bob.fill("#body", "解锁后锁屏动画卡顿。The lock screen animation stutters.");
            bob.locator("#frequency").selectOption("OFTEN");
            bob.fill("#steps", "Lock, unlock, watch the animation.");
            Chromium.shot(bob, "profile-bug-form-filled");
            bob.locator("form.suggestion-form > .actions button[type=submit]").click();
            bob.waitForURL(Pattern.compile(".*/suggestions/\\d+$"));
            assertThat(bob.locator("main h1").first()).hasText(title);
            assertEquals("Xiaomi 15 Pro HyperOS 2.0.8",
                    fx.text("select device_model || ' ' || system_version from suggestion where title = ?1", title));
            assertEquals(List.of(), sideways);
        } finally {
            // As he was, name chosen or not (an unchosen name follows the token again, as other tests expect).
            fx.sql("update member set name = ?2, name_chosen = ?3 where id = ?1", bobMember.id, before, chosen);
            fx.sql("delete from member_name_change where member_id = ?1", bobMember.id);
            fx.sql("delete from member_device where member_id = ?1", bobMember.id);
        }
    }
}
