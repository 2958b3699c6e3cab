package app.fanloop.journey;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.microsoft.playwright.Page;

import app.fanloop.Fixtures;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/**
 * The JSON-LD on a suggestion page in a real browser under the app's content security policy: read as data, no
 * policy violation reported, and a title made to escape the element runs nothing.
 */
@QuarkusTest
class SearchTagsInBrowserTest extends BrowserJourney {

    @Inject
    Fixtures fx;

    @Test
    void structured_data_passes_the_content_security_policy_and_a_hostile_title_runs_nothing() throws Exception {
        String title = "Break </script><script>alert(1)</script>";
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), title);
        Page visitor = context(1280, false).newPage();
        List<String> seen = new ArrayList<>();
        visitor.onConsoleMessage(message -> seen.add(message.type() + ": " + message.text()));
        visitor.onDialog(dialog -> {
            seen.add("dialog: " + dialog.message());
            dialog.dismiss();
        });
        visitor.navigate(chromium.url("/suggestions/" + s.id));
        visitor.waitForLoadState();
        String json = (String) visitor.evaluate(
                "() => document.querySelector('script[type=\"application/ld+json\"]').textContent");
        JsonNode data = new ObjectMapper().readTree(json);
        assertEquals("DiscussionForumPosting", data.get("@type").asText());
        assertEquals(title, data.get("headline").asText());
        assertEquals(1, ((Number) visitor.evaluate(
                "() => document.querySelectorAll('script[type=\"application/ld+json\"]').length")).intValue());
        assertEquals(List.of(), seen, "no console message (a CSP violation is one), no dialog");
    }
}
