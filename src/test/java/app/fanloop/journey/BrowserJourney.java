package app.fanloop.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URL;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import io.quarkus.test.common.http.TestHTTPResource;

/**
 * What every journey class shares: one real browser for the class (skipped loudly when Chromium is
 * missing), closed at the end, and after each test the check that the browser saw no console
 * error, no page error and no request leaving this machine.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class BrowserJourney {

    @TestHTTPResource("/")
    URL app;

    Chromium chromium;

    /** What axe-core found on the pages this test showed through {@link #shown} (issue 23: WCAG 2.1 A/AA). */
    final List<String> accessibility = new java.util.ArrayList<>();

    @BeforeAll
    void startBrowser() {
        Chromium.assumeInstalled();
        chromium = new Chromium(app.toString());
    }

    @AfterAll
    void stopBrowser() {
        if (chromium != null) {
            chromium.close();
        }
    }

    @AfterEach
    void nothingWentWrongInTheBrowser() {
        if (chromium != null) {
            List<String> problems = chromium.problems();
            chromium.problems.clear();
            assertEquals(List.of(), problems, "console errors, page errors or requests off this machine");
        }
        List<String> violations = List.copyOf(accessibility);
        accessibility.clear();
        assertEquals("", String.join("\n", violations), "WCAG 2.1 A/AA violations (axe-core) on the pages visited");
    }

    /** The screenshot of the page as it is now (when asked) and its axe-core check, for journeys that click through. */
    void checkedShot(com.microsoft.playwright.Page page, String shot) {
        Chromium.shot(page, shot);
        accessibility.addAll(Accessibility.violations(page, shot + " (" + page.url() + ")"));
    }

    /**
     * axe-core on a page shown with JavaScript off. axe is a script and waits forever where scripts are off, so the
     * page's HTML as that browser has it is shown again, at its address, in a browser that refuses the page's own
     * scripts (the stylesheet and pictures load as before), and checked there.
     */
    void checkedWithoutJavaScript(com.microsoft.playwright.Page page, String what) {
        String html = page.content();
        String url = page.url().replaceFirst("#.*$", "");
        com.microsoft.playwright.BrowserContext again = chromium.context(true);
        again.route(url::equals, route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                .setContentType("text/html; charset=utf-8").setBody(html)));
        again.route(u -> u.endsWith(".js"), route -> route.fulfill(new com.microsoft.playwright.Route.FulfillOptions()
                .setContentType("text/javascript").setBody("")));
        com.microsoft.playwright.Page copy = again.newPage();
        copy.navigate(url);
        accessibility.addAll(Accessibility.violations(copy, what + " (" + url + ", without JavaScript)"));
        again.close();
    }

    /** A Chinese-speaking browser of this width (360: a phone) in the light or dark theme. */
    com.microsoft.playwright.BrowserContext context(int width, boolean dark) {
        return context(width, dark, null);
    }

    /** The same, with the cookies and storage of another profile ({@code BrowserContext.storageState()}; null: none). */
    com.microsoft.playwright.BrowserContext context(int width, boolean dark, String storageState) {
        return chromium.context(new com.microsoft.playwright.Browser.NewContextOptions().setLocale("zh-CN")
                .setExtraHTTPHeaders(java.util.Map.of("Accept-Language", "zh-CN,zh"))
                .setColorScheme(dark ? com.microsoft.playwright.options.ColorScheme.DARK
                        : com.microsoft.playwright.options.ColorScheme.LIGHT)
                .setViewportSize(width, width == 360 ? 780 : 900)
                .setStorageState(storageState));
    }

    /** Opens the page, saves its screenshot (when asked), and says if it scrolls sideways, naming what sticks out. */
    java.util.List<String> visit(com.microsoft.playwright.Page page, String path, String shot) {
        page.navigate(chromium.url(path));
        return shown(page, path, shot);
    }

    /**
     * The screenshot and the sideways check of the page as it is now (after a form sent, say); axe-core checks it too,
     * and the test fails after it ends if any page broke a WCAG 2.1 A/AA rule.
     */
    java.util.List<String> shown(com.microsoft.playwright.Page page, String what, String shot) {
        Chromium.shot(page, shot);
        accessibility.addAll(Accessibility.violations(page, what));
        int extra = ((Number) page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")).intValue();
        if (extra <= 0) {
            return java.util.List.of();
        }
        Object culprits = page.evaluate("""
                () => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
                      .slice(-3).map(e => e.tagName + '.' + e.className + ' ' + (e.textContent || '').trim().slice(0, 40)).join(' | ')""");
        return java.util.List.of(what + " scrolls sideways by " + extra + " px: " + culprits);
    }
}
