package app.fanloop.release;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

@QuarkusTest
class ReleasePagesTest {

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Test
    void the_list_shows_published_releases_newest_first_and_filters_by_channel() {
        Release older = rf.draft(ReleaseChannel.DEV, unique("OS-older"), null);
        Release stable = rf.draft(ReleaseChannel.STABLE, unique("OS-stable"), null);
        Release newer = rf.draft(ReleaseChannel.DEV, unique("OS-newer"), null);
        Release draft = rf.draft(ReleaseChannel.DEV, unique("OS-unpublished"), null);
        rf.publish(older.id);
        rf.publish(stable.id);
        rf.publish(newer.id);

        List<String> all = versions(html(page().get("/releases").then().statusCode(200).extract().response()));
        assertTrue(all.indexOf(newer.version) >= 0 && all.indexOf(newer.version) < all.indexOf(stable.version)
                && all.indexOf(stable.version) < all.indexOf(older.version), all.toString());
        assertFalse(all.contains(draft.version));

        List<String> dev = versions(html(page().get("/releases?channel=dev").then().statusCode(200).extract().response()));
        assertTrue(dev.contains(newer.version) && dev.contains(older.version));
        assertFalse(dev.contains(stable.version));
        List<String> stableOnly = versions(html(page().get("/releases?channel=STABLE").then().extract().response()));
        assertTrue(stableOnly.contains(stable.version));
        assertFalse(stableOnly.contains(newer.version));
    }

    @Test
    void the_home_page_shows_the_latest_release_with_its_credits() {
        Member author = fx.member(unique("Credited"));
        Suggestion s = fx.suggestion(fx.board(), author, unique("Home credit"));
        Release release = rf.draft(ReleaseChannel.DEV, unique("OS-home"), null, s.id);
        rf.publish(release.id);
        // Other tests leave releases published at clock-shifted (even future) times: make this one the newest.
        fx.sql("update release set published_at = (select max(published_at) from release) + interval '1 second' where id = ?1",
                release.id);

        Document home = html(page().get("/").then().statusCode(200).extract().response());
        Element latest = home.selectFirst("#latest-release");
        assertNotNull(latest);
        assertEquals(release.version, latest.selectFirst(".release-version").text());
        assertEquals(release.path(), latest.selectFirst(".release-version").attr("href"));
        assertNotNull(latest.selectFirst("a[href=/members/" + author.id + "]"), "the credited fan");
    }

    @Test
    void a_published_release_is_public_and_links_its_suggestions() {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Linked from notes"));
        Release release = rf.draft(ReleaseChannel.STABLE, unique("OS-public"), null, s.id);
        rf.publish(release.id);

        Document page = html(page().get(release.path()).then().statusCode(200).extract().response());
        assertEquals(release.version, page.selectFirst("h1.release-version").text());
        assertTrue(page.select(".release-section h2").text().contains("New"));
        assertNotNull(page.selectFirst(".line-links a[href=/suggestions/" + s.id + "]"));
        assertNotNull(page.selectFirst("link[type=application/atom+xml]"), "feed autodiscovery");
        assertEquals(404, page().get("/releases/999999999").statusCode());
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void a_fan_follows_and_unfollows_a_channel() {
        var followed = form().formParam("channel", "STABLE").formParam("on", "true").formParam("to", "/releases")
                .post("/releases/follow");
        assertEquals(303, followed.statusCode());
        assertEquals("/releases", location(followed));
        assertEquals(1, fx.number("""
                select count(*) from channel_follow f join member m on m.id = f.member_id
                where m.subject = 'bob' and f.channel = 'STABLE'"""));
        Element button = html(page().get("/releases").then().extract().response())
                .selectFirst("form.follow-row:has(input[value=STABLE]) button");
        assertEquals("Following", button.text());

        form().formParam("channel", "STABLE").formParam("on", "false").post("/releases/follow").then().statusCode(303);
        assertEquals(0, fx.number("""
                select count(*) from channel_follow f join member m on m.id = f.member_id
                where m.subject = 'bob' and f.channel = 'STABLE'"""));
        assertEquals(404, form().formParam("channel", "NIGHTLY").post("/releases/follow").statusCode());
    }

    private static List<String> versions(Document page) {
        return page.select(".release-card .release-version").eachText();
    }
}
