package app.fanloop.journey;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * What every visitor's browser must get right: actions without JavaScript, phone-width pages
 * without horizontal scrolling, no console errors, nothing fetched from outside this machine.
 */
@QuarkusTest
class PagesInBrowserTest extends BrowserJourney {

    @Inject
    Fixtures fx;

    @Test
    void voting_and_commenting_work_with_javascript_disabled() {
        Board board = fx.board();
        Suggestion s = fx.suggestion(board, fx.member("chen"), "Works without scripts");

        BrowserContext noScript = chromium.context(false);
        Page bob = chromium.signIn(noScript, "bob", "/suggestions/" + s.id);
        bob.locator("#vote-" + s.id + " button.vote").click();
        assertThat(bob.locator("#vote-" + s.id + " button.vote.voted .count")).hasText("1");

        bob.fill("#comment-body", "Posted by a plain form, no htmx.");
        bob.locator("#comment-form button[type=submit]").click();
        assertThat(bob.locator("#comments")).containsText("Posted by a plain form, no htmx.");
        Chromium.shot(bob, "10-no-javascript-vote-and-comment");
        checkedWithoutJavaScript(bob, "voted and commented");

        bob.locator("#vote-" + s.id + " button.vote").click();
        assertThat(bob.locator("#vote-" + s.id + " button.vote:not(.voted) .count")).hasText("0");
        noScript.close();
    }

    @Test
    void pages_fit_a_360_pixel_phone_without_horizontal_scrolling() {
        Board board = fx.board();
        Member chen = fx.member("chen");
        Suggestion s = fx.suggestion(board, chen, "一个很长很长的标题：希望相机增加夜景人像模式并且支持自定义快捷方式和更多的滤镜效果 with a_very_long_unbroken_identifier_that_could_overflow_the_layout");
        fx.comment(s.id, chen, null, "https://example.test/a/very/long/link/that/should/wrap/instead/of/overflowing/the/phone/screen/width", false);

        BrowserContext phone = chromium.context(true);
        Page visitor = phone.newPage();
        visitor.setViewportSize(360, 780);
        List<String> paths = List.of("/", "/boards/" + board.slug, "/suggestions/" + s.id, "/roadmap",
                "/boards/" + board.slug + "?sort=new");
        List<String> overflowing = new ArrayList<>();
        for (String path : paths) {
            visitor.navigate(chromium.url(path));
            overflowing.addAll(overflow(visitor, path));
        }
        checkedShot(visitor, "11-phone-suggestion");

        Page bob = chromium.signIn(phone, "bob", "/boards/" + board.slug + "/new");
        bob.setViewportSize(360, 780);
        overflowing.addAll(overflow(bob, "/boards/" + board.slug + "/new"));
        for (String path : List.of("/suggestions/" + s.id, "/me")) {
            bob.navigate(chromium.url(path));
            overflowing.addAll(overflow(bob, path));
        }
        Page paula = chromium.signIn(chromium.context(true), "paula", "/triage");
        paula.setViewportSize(360, 780);
        overflowing.addAll(overflow(paula, "/triage"));
        paula.navigate(chromium.url("/triage/features"));
        overflowing.addAll(overflow(paula, "/triage/features"));
        Page alice = chromium.signIn(chromium.context(true), "alice", "/admin/reports");
        alice.setViewportSize(360, 780);
        overflowing.addAll(overflow(alice, "/admin/reports"));
        alice.navigate(chromium.url("/admin/search"));
        overflowing.addAll(overflow(alice, "/admin/search"));
        checkedShot(alice, "12-phone-admin-search");
        // A failing mail whose error is one long word: the table scrolls in its own box, the page does not.
        fx.sql("""
                insert into mail_failure (member_id, kind, attempts, first_failed_at, last_attempt_at, next_attempt_at,
                                          last_error, gave_up_at)
                values (?1, 'IMMEDIATE', 12, now(), now(), now(), ?2, now())""", chen.id,
                "SMTPException:_connection_refused_by_smtp.example.invalid:25_after_a_very_long_unbroken_server_answer");
        alice.navigate(chromium.url("/admin/mail"));
        overflowing.addAll(overflow(alice, "/admin/mail"));
        checkedShot(alice, "13-phone-admin-mail");
        fx.sql("update mail_failure set resolved_at = now() where member_id = ?1 and resolved_at is null", chen.id);
        assertEquals(List.of(), overflowing, "pages wider than the phone");
        paula.context().close();
        alice.context().close();
        phone.close();
    }

    private static List<String> overflow(Page page, String path) {
        Object wide = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth");
        int extra = ((Number) wide).intValue();
        return extra > 0 ? List.of(path + " scrolls sideways by " + extra + " px") : List.of();
    }
}
