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
    }
}
