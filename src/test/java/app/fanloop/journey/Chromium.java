package app.fanloop.journey;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Assumptions;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;

/**
 * Debian's headless Chromium driven by Playwright, never a downloaded browser. Every page it opens is
 * watched: console errors, uncaught exceptions and requests to any host but this machine are
 * collected, and the journeys assert that there were none.
 *
 * <p>One browser process serves every journey class of a test JVM (started by the first, ended with the JVM): each
 * class gets its own {@code Chromium} with its own watch and fresh browser profiles (contexts), closed with it, so no
 * cookie, page or problem is carried from one class to the next.
 */
final class Chromium implements AutoCloseable {

    static final Path EXECUTABLE = Paths.get(System.getProperty("fanloop.chromium", "/usr/bin/chromium"));
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]", "::1");
    private static final Path SCREENSHOTS = Paths.get("docs", "screenshots");

    /** The one Playwright driver and browser of this JVM, started by the first journey class. */
    private static Playwright playwright;
    private static Browser browser;

    private final String base;
    private final List<BrowserContext> contexts = new ArrayList<>();
    final List<String> problems = new CopyOnWriteArrayList<>();

    /** Skips the calling test class, loudly, when Chromium is not installed. */
    static void assumeInstalled() {
        boolean present = Files.isExecutable(EXECUTABLE);
        if (!present) {
            System.err.println("""

                    *** JOURNEYS SKIPPED: %s not found. The real-browser journeys need Debian's chromium \
                    (apt-get install chromium); .ci/run installs it. ***
                    """.formatted(EXECUTABLE));
        }
        Assumptions.assumeTrue(present, "Real-browser journeys skipped: " + EXECUTABLE + " not found (apt-get install chromium)");
    }

    Chromium(String base) {
        this.base = base.replaceAll("/$", "");
        startBrowser();
    }

    private static synchronized void startBrowser() {
        if (browser != null && browser.isConnected()) {
            return;
        }
        if (playwright == null) {
            playwright = Playwright.create(new Playwright.CreateOptions()
                    .setEnv(java.util.Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
            Runtime.getRuntime().addShutdownHook(new Thread(Chromium::stopBrowser));
        }
        browser = playwright.chromium().launch(new BrowserType.LaunchOptions()
                .setExecutablePath(EXECUTABLE)
                .setHeadless(true)
                .setArgs(List.of("--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage")));
    }

    private static synchronized void stopBrowser() {
        try {
            browser.close();
            playwright.close();
        } catch (RuntimeException alreadyGone) {
            // the JVM is ending: the driver and the browser go with it
        }
    }

    String url(String path) {
        return base + path;
    }

    /** A fresh browser profile (cookies, storage) in English, with JavaScript on or off. */
    BrowserContext context(boolean javaScript) {
        return context(new Browser.NewContextOptions()
                .setLocale("en-US")
                .setJavaScriptEnabled(javaScript)
                .setViewportSize(1280, 900));
    }

    /** A fresh browser profile with these options (language, viewport, colour scheme), watched like every other. */
    BrowserContext context(Browser.NewContextOptions options) {
        BrowserContext context = browser.newContext(options);
        contexts.add(context);
        context.setDefaultTimeout(15_000);
        context.onRequest(request -> {
            String host = URI.create(request.url()).getHost();
            if (request.url().startsWith("http") && !LOCAL_HOSTS.contains(host)) {
                problems.add("request left this machine: " + request.method() + " " + request.url());
            }
        });
        context.onPage(this::watch);
        return context;
    }

    private void watch(Page page) {
        // Only the app's own pages: the dev sign-in server (another port, test-only) has no favicon.
        page.onConsoleMessage(message -> {
            // A form re-rendered with its errors is answered 400 on purpose; Chromium logs every 4xx.
            boolean invalidForm = message.text().contains("status of 400 (Bad Request)");
            if ("error".equals(message.type()) && page.url().startsWith(base) && !invalidForm) {
                problems.add("console error on " + page.url() + ": " + message.text());
            }
        });
        page.onPageError(error -> problems.add("uncaught error on " + page.url() + ": " + error));
    }

    /** A signed-in browser: the app's sign-in entry, then the user's button on the dev provider's page. */
    Page signIn(BrowserContext context, String user, String to) {
        Page page = context.newPage();
        page.navigate(url("/login?to=" + to));
        page.locator("button[name='predefined-" + user + "']").click();
        page.waitForURL(url(to));
        return page;
    }

    /** Saves a screenshot to docs/screenshots/ when the run asks for it (-Dfanloop.screenshots=true). */
    static void shot(Page page, String name) {
        if (Boolean.getBoolean("fanloop.screenshots")) {
            page.screenshot(new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve("journey-" + name + ".png")).setFullPage(true));
        }
    }

    List<String> problems() {
        return new ArrayList<>(problems);
    }

    /** Closes every browser profile this class opened; the browser stays for the next class. */
    @Override
    public void close() {
        for (BrowserContext context : contexts) {
            context.close();
        }
        contexts.clear();
    }
}
