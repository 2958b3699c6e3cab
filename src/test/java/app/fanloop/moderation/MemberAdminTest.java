package app.fanloop.moderation;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.member.Member;
import app.fanloop.suggestion.Suggestion;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

@QuarkusTest
class MemberAdminTest {

    @Inject
    Fixtures fx;

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void admins_find_members_and_see_their_posts_reports_and_sanctions() {
        Member m = fx.member(unique("findme"));
        Suggestion s = fx.suggestion(fx.board(), m, unique("Their post"));
        fx.report(s.id, null, fx.someone());

        Document list = html(page().queryParam("q", m.subject).get("/admin/members").then().statusCode(200).extract().response());
        assertEquals(1, list.select(".row").size());
        Document show = html(page().get("/admin/members/" + m.id).then().statusCode(200).extract().response());
        assertTrue(show.text().contains(s.title));
        assertTrue(show.select(".report-list").text().contains("Spam"));

        form().formParam("kind", "SILENCE").formParam("until", "2099-01-01").formParam("reason", "cool off")
                .post("/admin/members/" + m.id + "/sanctions").then().statusCode(303);
        assertEquals(400, form().formParam("kind", "BAN").formParam("until", "").formParam("reason", "")
                .post("/admin/members/" + m.id + "/sanctions").statusCode());
        long sanction = fx.number("select id from sanction where member_id = ?1", m.id);
        form().post("/admin/members/" + m.id + "/sanctions/" + sanction + "/lift").then().statusCode(303);
        assertEquals(1, fx.number("select count(*) from sanction where member_id = ?1 and lifted_at is not null", m.id));
        assertEquals(1, fx.number("select count(*) from audit_entry where action = 'silence' and target_id = ?1", m.id));
        assertEquals(1, fx.number("select count(*) from audit_entry where action = 'lift' and target_id = ?1", m.id));
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void an_admin_cannot_remove_their_own_admin_grant() {
        Member alice = fx.member("alice");
        fx.grant(alice, "admin");
        assertEquals(403, form().formParam("role", "admin").formParam("granted", "false")
                .post("/admin/members/" + alice.id + "/roles").statusCode());
        assertTrue(fx.text("select array_to_string(local_roles, ',') from member where id = ?1", alice.id).contains("admin"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void a_granted_role_works_on_the_next_request() {
        Member m = fx.member("grant-me");
        form().formParam("role", "pm").formParam("granted", "true").post("/admin/members/" + m.id + "/roles")
                .then().statusCode(303);
        assertEquals("pm", fx.text("select array_to_string(local_roles, ',') from member where id = ?1", m.id));
        assertEquals(1, fx.number("select count(*) from audit_entry where action = 'role.grant' and target_id = ?1", m.id));
    }

    @Test
    @TestSecurity(user = "grant-me", roles = "fan")
    void the_member_with_the_grant_reaches_the_console() {
        Member m = fx.member("grant-me");
        fx.grant(m, "pm");
        page().get("/triage").then().statusCode(200);
        fx.revoke(m, "pm");
        assertEquals(403, page().get("/triage").statusCode());
    }

    @Test
    @TestSecurity(user = "bob", roles = "fan")
    void fans_get_403_on_every_admin_page_and_action() {
        Member m = fx.someone();
        for (String path : new String[] { "/admin/reports", "/admin/members", "/admin/members/" + m.id, "/admin/audit" }) {
            assertEquals(403, page().get(path).statusCode(), path);
        }
        assertEquals(403, form().formParam("kind", "BAN").formParam("permanent", "true").formParam("reason", "x")
                .post("/admin/members/" + m.id + "/sanctions").statusCode());
        assertEquals(403, form().formParam("role", "admin").formParam("granted", "true")
                .post("/admin/members/" + m.id + "/roles").statusCode());
        assertEquals(0, fx.number("select count(*) from sanction where member_id = ?1", m.id));
    }
}
