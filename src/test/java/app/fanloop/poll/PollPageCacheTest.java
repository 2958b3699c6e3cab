package app.fanloop.poll;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;

import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.poll.PollFixtures.Fan;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.PageCacheOn;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;

/**
 * With the page cache on, a page with a poll is rendered for each member (it holds their own choices): no member is
 * shown another's ballot from a shared copy.
 */
@QuarkusTest
@TestProfile(PageCacheOn.class)
class PollPageCacheTest {

    @Inject
    Fixtures fx;

    @Inject
    PollFixtures polls;

    @Test
    void each_member_sees_their_own_ballot_never_a_shared_one() {
        Fan bob = polls.fan("bob");
        Fan chen = polls.fan("chen");
        Fan dana = polls.fan("dana");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Cached poll"));
        List<Long> options = polls.poll(s.id, false, false, null, "Left", "Right");
        form().auth().oauth2(bob.token()).formParam("option", options.get(0)).post("/suggestions/" + s.id + "/poll/ballot")
                .then().statusCode(303);
        form().auth().oauth2(chen.token()).formParam("option", options.get(1)).post("/suggestions/" + s.id + "/poll/ballot")
                .then().statusCode(303);

        for (int round = 0; round < 2; round++) {
            assertEquals("You voted for: Left", mine(bob, s.id).text());
            assertEquals("You voted for: Right", mine(chen, s.id).text());
            assertNull(mine(dana, s.id), "dana has not voted");
        }
        var response = page().auth().oauth2(dana.token()).get("/suggestions/" + s.id);
        assertNotEquals("hit", response.header("X-Fanloop-Cache"), "a page with a poll is not shared among members");
    }

    private static Element mine(Fan fan, long suggestionId) {
        return html(page().auth().oauth2(fan.token()).get("/suggestions/" + suggestionId).then().statusCode(200).extract()
                .response()).selectFirst("section#poll .poll-mine");
    }
}
