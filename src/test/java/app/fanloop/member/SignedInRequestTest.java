package app.fanloop.member;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.SiteClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/**
 * Being signed in costs one statement per request (the member, the sanction in force, the bell and the remembered
 * language, MemberService + ViewerPart), writes nothing when nothing changed, and is never stale: a ban, a silence
 * or a role granted in the app applies on the very next request.
 */
@QuarkusTest
class SignedInRequestTest {

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Inject
    SiteClock clock;

    @Inject
    SessionFactory sessionFactory;

    @AfterEach
    void lift() {
        clock.reset();
        fx.liftAll("next-request-fan");
    }

    @Test
    @TestSecurity(user = "next-request-fan", roles = "fan")
    void a_ban_or_a_silence_applies_on_the_very_next_request() {
        Member me = fx.member("next-request-fan");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Followed"));
        page().get("/").then().statusCode(200); // signed in, in good standing
        assertEquals(303, form().formParam("on", "true").post("/suggestions/" + s.id + "/follow").statusCode());

        fx.sanction(me, "SILENCE", null, "cool off");
        assertEquals(403, form().formParam("on", "true").post("/suggestions/" + s.id + "/vote").statusCode(),
                "silenced at once");
        assertEquals(303, form().formParam("on", "false").post("/suggestions/" + s.id + "/follow").statusCode(),
                "a silence leaves following");

        fx.sanction(me, "BAN", null, "spam ring");
        var refused = form().formParam("on", "true").post("/suggestions/" + s.id + "/follow");
        assertEquals(403, refused.statusCode(), "banned at once");
        assertTrue(html(refused).text().contains("spam ring"), "the ban outweighs the silence");

        fx.liftAll("next-request-fan");
        assertEquals(303, form().formParam("on", "true").post("/suggestions/" + s.id + "/follow").statusCode(),
                "lifted at once");
    }

    @Test
    @TestSecurity(user = "next-request-grant", roles = "fan")
    void a_role_granted_in_the_app_applies_on_the_next_request_and_a_revoked_one_is_gone_on_the_next() {
        Member me = fx.member("next-request-grant");
        page().get("/triage").then().statusCode(403);

        fx.grant(me, Role.PM);
        page().get("/triage").then().statusCode(200);

        fx.revoke(me, Role.PM);
        page().get("/triage").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "bell-counter", roles = "fan")
    void the_bell_counts_only_notifications_about_posts_the_member_may_see() {
        Member me = fx.member("bell-counter");
        Suggestion stays = told(me);
        Suggestion hidden = told(me);
        Suggestion own = fx.suggestion(fx.board(), me, unique("Mine"));
        fx.followAs(own.id, me);
        rf.statusChanged(own, "PLANNED");
        assertEquals("3", bell());

        fx.hide(hidden.id);
        fx.hide(own.id);
        assertEquals("2", bell(), "a hidden post leaves the bell, except for its author");

        fx.hide(stays.id);
        assertEquals("1", bell());
    }

    @Test
    @TestSecurity(user = "statement-counter", roles = "fan")
    void a_signed_in_page_costs_one_statement_for_the_viewer_and_writes_nothing_when_nothing_changed() {
        Member me = fx.member("statement-counter");
        told(me);
        fx.sanction(fx.member("statement-counter"), "SILENCE", null, "quiet");
        page().get("/releases").then().statusCode(200); // the first request may refresh the member and the language
        String before = rowVersions(me);

        Statistics stats = sessionFactory.getStatistics();
        stats.clear();
        Element notice = html(page().get("/releases").then().statusCode(200).extract().response())
                .selectFirst(".sanction-notice");
        long signedIn = stats.getPrepareStatementCount();
        String[] queries = stats.getQueries();
        long lookups = Arrays.stream(queries).filter(q -> q.contains("from member m left join lateral"))
                .mapToLong(q -> stats.getQueryStatistics(q).getExecutionCount()).sum();

        assertEquals(1, lookups, "one statement resolves the viewer: " + String.join("\n---\n", queries));
        assertTrue(notice != null && notice.text().contains("quiet"), "the sanction was read");
        assertEquals("1", bell(), "the bell was read");
        assertTrue(Arrays.stream(queries).noneMatch(q -> q.contains("from sanction") && !q.contains("from member m")),
                "no sanction query of its own");
        assertEquals(before, rowVersions(me), "nothing written: the member and the language are as they were");

        fx.liftAll("statement-counter");
        for (int i = 0; i < 3; i++) {
            told(me);
        }
        stats.clear();
        page().get("/releases").then().statusCode(200);
        assertEquals(signedIn, stats.getPrepareStatementCount(), "the same count with more notifications and no sanction");
    }

    @Test
    @TestSecurity(user = "seen-later", roles = "fan")
    void last_seen_is_written_only_after_its_resolution() {
        Member me = fx.member("seen-later");
        page().get("/releases").then().statusCode(200);
        String before = rowVersions(me);
        page().get("/releases").then().statusCode(200);
        assertEquals(before, rowVersions(me));

        clock.advance(java.time.Duration.ofMinutes(11));
        page().get("/releases").then().statusCode(200);
        assertTrue(!before.equals(rowVersions(me)), "last_seen_at refreshed after ten minutes");
    }

    @Test
    void a_visitor_costs_no_member_statement() {
        Statistics stats = sessionFactory.getStatistics();
        stats.clear();
        page().get("/releases").then().statusCode(200);
        assertTrue(Arrays.stream(stats.getQueries()).noneMatch(q -> q.contains("from member m left join lateral")));
        assertNull(html(page().get("/").then().extract().response()).selectFirst("header .bell"));
    }

    /** The row versions (xmin) of the member and their notification preference: any write changes them. */
    private String rowVersions(Member me) {
        return fx.text("select (select xmin::text from member where id = ?1) || '/' || coalesce((select xmin::text"
                + " from notification_preference where member_id = ?1), '-')", me.id);
    }

    private Suggestion told(Member me) {
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Followed"));
        fx.followAs(s.id, me);
        rf.statusChanged(s, "PLANNED");
        return s;
    }

    private String bell() {
        Element count = html(page().get("/").then().extract().response()).selectFirst("header .bell .bell-count");
        return count == null ? null : count.text();
    }
}
