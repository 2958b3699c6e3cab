package app.fanloop.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Page;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.suggestion.SuggestionKind;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * Text at 200% loses nothing and the pages reflow (WCAG 1.4.4 and 1.4.10, issue 23): for every page the journeys visit,
 * as a visitor, a fan, a PM and an admin, zoomed three ways ({@link Zoom}), the page does not scroll sideways, no text
 * is cut off, spills out of its box or sits off-screen, and the main controls (sign in, vote, the form's submit) are
 * shown, on-screen and not covered.
 */
@QuarkusTest
class ZoomInBrowserTest extends BrowserJourney {

    @Inject
    Fixtures fx;

    @Test
    void every_page_keeps_its_text_and_controls_at_200_percent_zoom() {
        Board board = fx.board();
        Member chen = fx.member("chen");
        // Long words and a long address: they must wrap, not widen the page or vanish behind an edge.
        String title = "夜景模式 Night mode needs https://example.com/camera/night-mode/tripod-long-exposure-settings";
        Suggestion s = fx.suggestion(board, chen, SuggestionKind.BUG, title,
                "Supercalifragilisticexpialidocious-long-exposure-without-a-tripod-is-blurry, see "
                        + "https://example.com/a/very/long/path/that/never/breaks/by/itself/at/all/photo.jpg\n\n"
                        + "```\nadb logcat -s CameraService:V CameraProvider:V | grep --line-buffered night_mode_long_exposure\n```",
                java.time.Instant.now());
        fx.comment(s.id, chen, null, "同样的问题 on my phone: aVeryLongUnbrokenWordThatKeepsGoingAndGoingAndGoingForever.", false);
        fx.topTrending(s.id);

        String sign = ".account a[href^='/login']";
        Map<String, List<String>> visitor = new LinkedHashMap<>();
        visitor.put("/", List.of(sign));
        visitor.put("/boards/" + board.slug, List.of(sign, ".list .vote"));
        visitor.put("/suggestions/" + s.id, List.of(sign, ".suggestion-head .vote"));
        visitor.put("/search?q=night", List.of(sign, ".search-row button[type=submit]"));
        visitor.put("/releases", List.of(sign));
        visitor.put("/roadmap", List.of(sign));
        visitor.put("/honours", List.of(sign));
        visitor.put("/members/" + chen.id, List.of(sign));
        Map<String, List<String>> fan = new LinkedHashMap<>();
        fan.put("/suggestions/" + s.id, List.of(".suggestion-head .vote", "#comment-form button[type=submit]"));
        fan.put("/boards/" + board.slug + "/new", List.of(".suggestion-form button[type=submit]"));
        fan.put("/me", List.of(".account a[href='/logout']"));
        fan.put("/me/notifications", List.of(".bell"));
        Map<String, List<String>> pm = Map.of("/triage", List.of(".triage-row"));
        Map<String, List<String>> admin = new LinkedHashMap<>();
        admin.put("/admin/reports", List.of(".account a[href='/logout']"));
        admin.put("/admin/audit", List.of(".filters button[type=submit]"));

        List<String> problems = new ArrayList<>();
        for (Zoom.Mode mode : Zoom.MODES) {
            problems.addAll(check(mode, null, visitor));
            problems.addAll(check(mode, "bob", fan));
            problems.addAll(check(mode, "paula", pm));
            problems.addAll(check(mode, "alice", admin));
        }
        assertEquals("", String.join("\n", problems), "lost at 200% zoom (WCAG 1.4.4, 1.4.10)");
    }

    @Test
    void the_check_names_text_that_is_cut_off_or_does_not_grow() {
        BrowserContext context = chromium.context(Zoom.TEXT_200_PHONE.options());
        Page page = context.newPage();
        page.navigate(chromium.url("/"));
        // A px font size (a reader's setting cannot grow it) in a box that clips a line that does not wrap.
        page.evaluate("() => { const p = document.createElement('p'); p.id = 'tight'; p.textContent = 'a line far too long to fit "
                + "in a box of eighty pixels'; Object.assign(p.style, { width: '80px', overflow: 'hidden', whiteSpace: 'nowrap',"
                + " fontSize: '15px' }); document.querySelector('main').append(p); }");
        List<String> stuck = Zoom.zoomText(page, Zoom.TEXT_200_PHONE);
        List<String> lost = Zoom.problems(page, List.of("#no-such-control"));
        context.close();
        assertTrue(stuck.stream().anyMatch(p -> p.contains("p \"a line far too long")), String.join("\n", stuck));
        assertTrue(lost.contains("control missing: #no-such-control"), String.join("\n", lost));
        assertTrue(lost.stream().anyMatch(p -> p.startsWith("text cut off: p \"a line far too long")), String.join("\n", lost));
    }

    /** Each member's session after signing in once (the cookies), for the other zoom modes' browser profiles. */
    private final Map<String, String> sessions = new java.util.HashMap<>();

    private List<String> check(Zoom.Mode mode, String user, Map<String, List<String>> pages) {
        BrowserContext context = chromium.context(mode.options().setStorageState(user == null ? null : sessions.get(user)));
        Page page;
        String first = pages.keySet().iterator().next();
        if (user == null || sessions.containsKey(user)) {
            page = context.newPage();
        } else {
            page = chromium.signIn(context, user, first);
            sessions.put(user, context.storageState());
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, List<String>> entry : pages.entrySet()) {
            page.navigate(chromium.url(entry.getKey()));
            String what = mode.name() + ", " + (user == null ? "visitor" : user) + " " + entry.getKey() + ": ";
            List<String> found = new ArrayList<>(Zoom.zoomText(page, mode));
            found.addAll(Zoom.problems(page, entry.getValue()));
            found.forEach(p -> problems.add(what + p));
            shot(page, mode, user, entry.getKey());
        }
        context.close();
        return problems;
    }

    /** docs/screenshots/zoom-200-*.png of a few pages, when the run asks for screenshots. */
    private static void shot(Page page, Zoom.Mode mode, String user, String path) {
        String name = switch (path.replaceAll("/\\d+$", "/{id}").replaceAll("/b-[0-9a-f]{8}", "/{slug}")) {
            case "/" -> "home";
            case "/suggestions/{id}" -> user == null ? "suggestion" : null;
            case "/boards/{slug}/new" -> "new-suggestion";
            case "/triage" -> "triage";
            default -> null;
        };
        if (name == null || !Boolean.getBoolean("fanloop.screenshots")) {
            return;
        }
        String how = mode == Zoom.BROWSER_200 ? "browser" : mode == Zoom.TEXT_200_PHONE ? "text-360" : "text-1280";
        // Text zoom: the window only. A full-page shot resizes the window through Chromium's device emulation, which
        // puts the default font size back to 16 px before it paints.
        page.screenshot(new Page.ScreenshotOptions().setFullPage(mode == Zoom.BROWSER_200)
                .setPath(Paths.get("docs", "screenshots", "zoom-200-" + how + "-" + name + ".png")));
    }
}
