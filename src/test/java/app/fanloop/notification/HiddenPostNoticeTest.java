package app.fanloop.notification;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.member.Member;
import app.fanloop.release.ReleaseFixtures;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/** The author of a post hidden by reports or by an admin is told, with the reason and how to appeal. */
@QuarkusTest
class HiddenPostNoticeTest {

    @Inject
    Fixtures fx;

    @Inject
    ReleaseFixtures rf;

    @Inject
    NotificationMailer mailer;

    @Inject
    MockMailbox mailbox;

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void the_author_of_a_post_an_admin_hid_is_told_the_reason_and_where_to_appeal() {
        Member author = rf.withEmail("hidden-author");
        rf.emailMode(author, EmailMode.IMMEDIATE, "en");
        Suggestion s = fx.suggestion(fx.board(), author, unique("Hidden by admin"));
        rf.deliver();
        mailbox.clear();

        form().formParam("reason", "Advertising a shop").post("/admin/reports/suggestion/" + s.id + "/hide").then()
                .statusCode(303);
        rf.deliver();

        assertEquals(List.of("CONTENT_HIDDEN"), rf.kinds(author, s.id));
        assertEquals(0, fx.number("select count(*) from notification where kind = 'CONTENT_HIDDEN' and suggestion_id = ?1"
                + " and actor_id is not null", s.id), "the moderator is not named");
        mailer.sendImmediate();
        Mail mail = mailbox.getMailsSentTo(author.email).get(0);
        assertEquals("Your post \"" + s.title + "\" was hidden", mail.getSubject());
        assertTrue(mail.getText().contains("A moderator hid it. Reason: Advertising a shop"), mail.getText());
        assertTrue(mail.getText().contains("appeal"), mail.getText());

        Document appeal = html(page().get("/appeal").then().statusCode(200).extract().response());
        assertTrue(appeal.text().contains("How to appeal a hidden post"), appeal.text());
        assertNotNull(appeal.selectFirst("#appeal a[href^=/members/]"), "lists the admins to write to");
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void the_author_of_a_post_hidden_by_reports_sees_why_in_the_bell() {
        Member author = fx.member(unique("reported-author"));
        Suggestion s = fx.suggestion(fx.board(), author, unique("Hidden by reports"));
        fx.report(s.id, null, fx.someone());
        fx.report(s.id, null, fx.someone());
        form().formParam("reason", "SPAM").post("/suggestions/" + s.id + "/report").then().statusCode(303);
        rf.deliver();

        assertEquals(List.of("CONTENT_HIDDEN"), rf.kinds(author, s.id));
        Notification n = Notification.withText(List.of(fx.number(
                "select id from notification where member_id = ?1 and kind = 'CONTENT_HIDDEN'", author.id))).get(0);
        assertEquals("Your post \"" + s.title + "\" was hidden", NotificationText.headline(n, java.util.Locale.ENGLISH));
        assertTrue(NotificationText.detail(n, java.util.Locale.ENGLISH).startsWith("Several members reported it"));
        assertEquals("/appeal", NotificationText.targetPath(n));
    }

    @Test
    @TestSecurity(user = "hidden-bell-reader", roles = "fan")
    void the_notice_shows_in_the_authors_list_with_the_reason() {
        Member author = fx.member("hidden-bell-reader");
        Suggestion s = fx.suggestion(fx.board(), author, unique("Hidden listed"));
        fx.sql("""
                insert into domain_event (kind, suggestion_id, payload) values ('CONTENT_HIDDEN', ?1,
                    cast('{"target":"SUGGESTION","byReports":false,"reason":"Off topic"}' as jsonb))""", s.id);
        long event = fx.number("select max(id) from domain_event where suggestion_id = ?1", s.id);
        fx.sql("insert into domain_event_audience (event_id, member_id, reason) values (?1, ?2, 'FOLLOWER')", event, author.id);
        fx.hide(s.id);
        rf.deliver();

        Document list = html(page().get("/me/notifications").then().statusCode(200).extract().response());
        Element item = list.select("li").stream().filter(li -> li.text().contains(s.title)).findFirst().orElseThrow();
        assertTrue(item.text().contains("Reason: Off topic") || item.text().contains("原因：Off topic"), item.text());
    }
}
