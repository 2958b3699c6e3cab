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

        // Every page in two views that between them cover both widths and both themes (desktop light, phone dark);
        // the visitor's pages, the most read, in all four. (Four views of every page took 136 checks and 5.6 minutes
        // of the suite; the colours are the same tokens in every page, the layouts differ by width only.)
        List<String> violations = new ArrayList<>();
        for (int width : new int[] {1280, 360}) {
            for (boolean dark : new boolean[] {false, true}) {
                String view = width + "px " + (dark ? "dark" : "light") + " ";
                BrowserContext visitor = context(width, dark);
                Page page = visitor.newPage();
                for (String path : visitorPages) {
                    page.navigate(chromium.url(path));
                    violations.addAll(Accessibility.violations(page, view + "visitor " + path));
                }
                visitor.close();
                if (dark != (width == 360)) {
                    continue;
                }
                check(violations, view + "fan ", "bob", width, dark, fanPages);
                check(violations, view + "PM ", "paula", width, dark, pmPages);
                check(violations, view + "admin ", "alice", width, dark, adminPages);
            }
        }
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

    private void check(List<String> violations, String who, String user, int width, boolean dark, List<String> paths) {
        BrowserContext context = context(width, dark);
        Page page = chromium.signIn(context, user, paths.get(0));
        for (String path : paths) {
            page.navigate(chromium.url(path));
            violations.addAll(Accessibility.violations(page, who + path));
        }
        context.close();
    }
}
