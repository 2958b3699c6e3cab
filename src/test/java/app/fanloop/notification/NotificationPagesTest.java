package app.fanloop.notification;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.event.DomainEvents;
import app.fanloop.event.EventKind;
import app.fanloop.member.Member;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

@QuarkusTest
class NotificationPagesTest {

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Inject
    DomainEvents events;

    @Test
    @TestSecurity(user = "reader-bell", roles = "fan")
    void the_bell_counts_unread_and_marking_read_clears_it() {
        Member me = fx.member("reader-bell");
        List<Suggestion> about = told(me, 3);

        Document home = html(page().get("/").then().statusCode(200).extract().response());
        assertEquals("3", home.selectFirst("header .bell .bell-count").text());
        assertEquals("/me/notifications", home.selectFirst("header .bell").attr("href"));

        Document list = html(page().get("/me/notifications").then().statusCode(200).extract().response());
        List<String> titles = list.select(".notification .notification-title").eachText();
        assertEquals(3, titles.size());
        assertTrue(titles.get(0).contains(about.get(2).title), "newest first: " + titles);
        assertTrue(titles.get(0).contains("Planned"), "what changed: " + titles.get(0));
        assertEquals(3, list.select(".notification.unread").size());

        Element newest = list.selectFirst(".notification");
        String readPath = newest.selectFirst("form").attr("action");
        assertEquals(303, form().post(readPath).statusCode());
        assertEquals("2", bell());

        // An unread one opens through a form: it is marked read on the way to what it is about.
        Element opener = list.select(".notification").get(1).selectFirst("button.notification-title").closest("form");
        var opened = form().formParam("open", opener.selectFirst("input[name=open]").val()).post(opener.attr("action"));
        assertEquals(303, opened.statusCode());
        assertEquals("/suggestions/" + about.get(1).id, location(opened), "it leads to what it is about");
        assertEquals("1", bell());

        var all = form().post("/me/notifications/read-all");
        assertEquals(303, all.statusCode());
        assertEquals("/me/notifications", location(all));
        assertNull(html(page().get("/").then().extract().response()).selectFirst("header .bell .bell-count"));
        assertEquals(0, html(page().get("/me/notifications").then().extract().response()).select(".notification.unread").size());
    }

    @Test
    @TestSecurity(user = "reader-swap", roles = "fan")
    void htmx_marks_one_read_in_place_with_the_bell_and_what_to_announce() {
        Member me = fx.member("reader-swap");
        List<Suggestion> about = told(me, 2);
        long id = fx.number("select max(id) from notification where member_id = ?1", me.id);

        Document list = html(page().get("/me/notifications").then().statusCode(200).extract().response());
        Element markRead = list.selectFirst("#notification-" + id + " form:not(:has(input[name=open]))");
        assertEquals("closest li", markRead.attr("hx-target"));
        assertEquals("outerHTML", markRead.attr("hx-swap"));

        var swapped = form().header("HX-Request", "true").header("Accept-Language", "en").post(markRead.attr("hx-post"));
        assertEquals(200, swapped.statusCode());
        Document answer = org.jsoup.Jsoup.parseBodyFragment(swapped.asString());
        Element item = answer.selectFirst("li#notification-" + id);
        assertTrue(!item.hasClass("unread"), item.outerHtml());
        assertNull(item.selectFirst("form"), "nothing left to mark");
        assertTrue(item.attr("data-announce").startsWith("Marked read: "), item.attr("data-announce"));
        assertTrue(item.attr("data-announce").contains(about.get(1).title), item.attr("data-announce"));
        Element bell = answer.selectFirst("a#bell");
        assertEquals("true", bell.attr("hx-swap-oob"), "the header's bell is swapped too");
        assertEquals("1", bell.selectFirst(".bell-count").text());
        assertEquals("1", bell());
    }

    @Test
    @TestSecurity(user = "reader-get", roles = "fan")
    void a_get_of_a_notification_leads_on_but_marks_nothing_read() {
        Member me = fx.member("reader-get");
        List<Suggestion> about = told(me, 1);
        long id = fx.number("select max(id) from notification where member_id = ?1", me.id);

        var opened = page().get("/me/notifications/" + id);
        assertEquals(303, opened.statusCode());
        assertEquals("/suggestions/" + about.get(0).id, location(opened));
        assertEquals(0, fx.number("select count(*) from notification where id = ?1 and read_at is not null", id));
        assertEquals("1", bell());

        Document list = html(page().get("/me/notifications").then().statusCode(200).extract().response());
        assertNull(list.selectFirst(".notification.unread a[href=/me/notifications/" + id + "]"),
                "an unread notification is opened by a form, not a link");
        form().post("/me/notifications/" + id + "/read").then().statusCode(303);
        Document after = html(page().get("/me/notifications").then().statusCode(200).extract().response());
        assertEquals("/me/notifications/" + id, after.selectFirst(".notification a.notification-title").attr("href"),
                "a read one is a plain link again");
    }

    @Test
    @TestSecurity(user = "reader-pages", roles = "fan")
    void the_list_is_paginated_and_other_members_notifications_are_not_reachable() {
        Member me = fx.member("reader-pages");
        told(me, 32);
        Member other = fx.someone();
        told(other, 1);
        long theirs = fx.number("select max(id) from notification where member_id = ?1", other.id);

        Document first = html(page().get("/me/notifications").then().statusCode(200).extract().response());
        assertEquals(30, first.select(".notification").size());
        assertNotNull(first.selectFirst(".pager a[rel=next]"));
        Document second = html(page().get("/me/notifications?page=2").then().statusCode(200).extract().response());
        assertEquals(2, second.select(".notification").size());

        assertEquals(404, page().get("/me/notifications/" + theirs).statusCode());
        assertEquals(404, form().post("/me/notifications/" + theirs + "/read").statusCode());
        assertEquals(0, fx.number("select count(*) from notification where id = ?1 and read_at is not null", theirs));
    }

    @Test
    void visitors_are_sent_to_sign_in() {
        var response = page().get("/me/notifications");
        assertEquals(303, response.statusCode());
        assertTrue(location(response).startsWith("/login"));
    }

    private String bell() {
        Element count = html(page().get("/").then().extract().response()).selectFirst("header .bell .bell-count");
        return count == null ? null : count.text();
    }

    /** {@code n} suggestions the member follows, each moved to PLANNED by paula and delivered, oldest first. */
    private List<Suggestion> told(Member member, int n) {
        List<Suggestion> suggestions = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Followed " + i));
            fx.followAs(s.id, member);
            QuarkusTransaction.requiringNew().run(() -> events.suggestion(EventKind.SUGGESTION_STATUS_CHANGED,
                    fx.member("paula"), s.id, null, Map.of("from", "OPEN", "to", "PLANNED")));
            suggestions.add(s);
        }
        rf.deliver();
        return suggestions;
    }
}
