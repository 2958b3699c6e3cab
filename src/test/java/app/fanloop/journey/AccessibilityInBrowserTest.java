package app.fanloop.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
 * WCAG 2.1 AA and axe's best practice on the main pages, the product managers' console and every admin page, checked by
 * axe-core in a real browser: as a visitor, a fan, a product manager and an admin, on a desktop and a 360 px phone, in
 * the light and the dark theme.
 */
@QuarkusTest
class AccessibilityInBrowserTest extends BrowserJourney {

    @Inject
    Fixtures fx;

    @Test
    void the_main_pages_pass_wcag_21_aa_for_every_role_width_and_theme() {
        Board board = fx.board();
        Member chen = fx.member("chen");
        Suggestion s = fx.suggestion(board, chen, "夜景模式 Night mode for the camera");
        fx.comment(s.id, chen, null, "Please, with a tripod mode too.", false);

        List<String> visitorPages = List.of("/", "/boards/" + board.slug, "/suggestions/" + s.id, "/releases", "/roadmap",
                "/search?q=night", "/honours", "/beta");
        List<String> fanPages = List.of("/", "/suggestions/" + s.id, "/boards/" + board.slug + "/new", "/me",
                "/me/notifications");
        List<String> pmPages = List.of("/triage", "/triage/needs-answer", "/triage/features", "/triage/features/new",
                "/triage/releases", "/triage/releases/new", "/triage/beta", "/triage/devices", "/triage/insights",
                "/suggestions/" + s.id + "/duplicates");
        List<String> adminPages = List.of("/admin/reports", "/admin/members", "/admin/members/" + chen.id, "/admin/audit",
                "/admin/boards", "/admin/boards/new", "/admin/search", "/admin/api-keys", "/admin/webhooks", "/admin/mail",
                "/suggestions/" + s.id);

        // Each role's pages go round the four views (1280 and 360 px, light and dark), so every role is seen in every
        // view and every page in one; the other journeys see many of the same pages in other views. (Four views of every
        // page took 136 checks and 5.6 minutes of the suite; the colours are the same tokens on every page.)
        List<String> violations = new ArrayList<>();
        check(violations, "visitor ", null, visitorPages);
        check(violations, "fan ", "bob", fanPages);
        check(violations, "PM ", "paula", pmPages);
        check(violations, "admin ", "alice", adminPages);
        assertEquals("", String.join("\n", violations.stream().distinct().toList()), "WCAG 2.1 A/AA violations (axe-core)");
    }

    @Test
    void the_check_names_a_violation_when_a_page_has_one() {
        BrowserContext visitor = context(1280, false);
        Page page = visitor.newPage();
        page.navigate(chromium.url("/"));
        page.evaluate("() => { const p = document.createElement('p'); p.id = 'faint'; p.textContent = 'faint grey text';"
                + " p.style.color = '#cccccc'; document.querySelector('main').append(p); }");
        List<String> found = Accessibility.violations(page, "home with faint text");
        visitor.close();
        assertEquals(1, found.size(), String.join("\n", found));
        assertTrue(found.get(0).contains("color-contrast") && found.get(0).contains("#faint"), found.get(0));
    }

    /**
     * Checks each path in the next of the four views, signed in as {@code user} (null: a visitor). The member signs in
     * once, in the first view; the other views are new browser profiles with that session's cookies.
     */
    private void check(List<String> violations, String who, String user, List<String> paths) {
        String session = null;
        for (int view = 0; view < 4; view++) {
            int width = view < 2 ? 1280 : 360;
            boolean dark = view % 2 == 1;
            BrowserContext context = context(width, dark, session);
            Page page = user == null || session != null ? context.newPage() : chromium.signIn(context, user, "/");
            if (user != null && session == null) {
                session = context.storageState();
            }
            for (int i = view; i < paths.size(); i += 4) {
                page.navigate(chromium.url(paths.get(i)));
                if (user != null) {
                    assertTrue(page.locator("header a[href='/logout']").count() > 0, "signed in as " + user + " on " + paths.get(i));
                }
                violations.addAll(Accessibility.violations(page, width + "px " + (dark ? "dark " : "light ") + who + paths.get(i)));
            }
            context.close();
        }
    }
}
