package app.fanloop.profile;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import app.fanloop.ConcurrentRequests;
import app.fanloop.Fixtures;
import app.fanloop.member.DevTokens;
import app.fanloop.member.Member;
import app.fanloop.web.SiteClock;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Display names: the rules, unique whatever the case, the wait between changes, the history admins see, the token's name. */
@QuarkusTest
class DisplayNameTest {

    @Inject
    Fixtures fx;
    @Inject
    SiteClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    /** A member signed in with a token of their own (their first request creates them). */
    record Signed(String token, long id) {
    }

    static Signed signIn(String username) {
        String token = DevTokens.accessToken(username);
        long id = page().auth().oauth2(token).get("/api/v1/me").then().statusCode(200).extract().jsonPath().getLong("id");
        return new Signed(token, id);
    }

    static Response rename(Signed who, String name) {
        return form().auth().oauth2(who.token()).formParam("name", name).post("/me/name");
    }

    private String nameOf(long id) {
        return fx.text("select name from member where id = ?1", id);
    }

    @Test
    void member_renames_themselves_and_is_found_by_the_name_in_any_case() {
        Signed lin = signIn(unique("lin"));
        String wanted = "Lin_" + unique("x").substring(2, 10);

        Response renamed = rename(lin, wanted);

        assertEquals(303, renamed.statusCode());
        assertEquals("/me?saved=name#name", location(renamed));
        assertEquals(wanted, nameOf(lin.id()));
        Document profile = html(page().get("/members/" + lin.id()).then().statusCode(200).extract().response());
        assertEquals(wanted, profile.selectFirst("main h1").text());
        assertEquals(lin.id(), QuarkusTransaction.requiringNew().call(() -> Member.findByName(wanted.toUpperCase()).orElseThrow().id));
        Document me = html(page().auth().oauth2(lin.token()).get("/me?saved=name").then().statusCode(200).extract().response());
        assertNotNull(me.selectFirst("#name .notice"), "the change is confirmed");
    }

    @Test
    void a_name_someone_has_in_another_case_is_refused_beside_the_field_with_the_value_kept() {
        Member holder = fx.someone();
        String taken = "Taken_" + unique("x").substring(2, 10);
        fx.sql("update member set name = ?1 where id = ?2", taken, holder.id);
        Signed bob = signIn(unique("bob"));
        String before = nameOf(bob.id());

        Response refused = rename(bob, taken.toLowerCase());

        assertEquals(400, refused.statusCode());
        Document doc = html(refused);
        assertEquals("Already taken", doc.selectFirst("#name-error").text());
        assertEquals(taken.toLowerCase(), doc.selectFirst("#name-input").val());
        assertEquals(before, nameOf(bob.id()));
    }

    @Test
    void names_outside_the_rules_are_refused_and_a_chinese_name_is_taken() {
        Signed chen = signIn(unique("chen"));
        String before = nameOf(chen.id());
        for (String bad : List.of("a", "has space", "at@sign", "x".repeat(21), ".dot", "dash-", "<b>x</b>", "")) {
            Response refused = rename(chen, bad);
            assertEquals(400, refused.statusCode(), bad);
            assertNotNull(html(refused).selectFirst("#name-error"), bad);
            assertEquals(before, nameOf(chen.id()), bad);
        }
        String chinese = "米粉" + unique("x").substring(2, 8);
        assertEquals(303, rename(chen, "  " + chinese + " ").statusCode(), "stripped, then within the rules");
        assertEquals(chinese, nameOf(chen.id()));
    }

    @Test
    void a_second_change_waits_for_the_configured_days_on_the_site_clock() {
        Signed mia = signIn(unique("mia"));
        String first = "mia_" + unique("a").substring(2, 10);
        String second = "mia_" + unique("b").substring(2, 10);
        assertEquals(303, rename(mia, first).statusCode());

        Response tooSoon = rename(mia, second);
        assertEquals(400, tooSoon.statusCode());
        assertTrue(html(tooSoon).selectFirst("#name-error").text().contains("30 days"), html(tooSoon).selectFirst("#name-error").text());
        assertEquals(first, nameOf(mia.id()));

        clock.advance(Duration.ofDays(29));
        assertEquals(400, rename(mia, second).statusCode(), "still a day to wait");
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        assertEquals(303, rename(mia, second).statusCode());
        assertEquals(second, nameOf(mia.id()));
    }

    @Test
    void two_members_taking_one_name_at_once_leave_one_holder_and_a_clear_refusal() throws Exception {
        String wanted = "race_" + unique("x").substring(2, 10);
        List<Signed> racers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            racers.add(signIn(unique("racer")));
        }
        List<Callable<Integer>> requests = racers.stream().<Callable<Integer>> map(r -> () -> rename(r, wanted).statusCode()).toList();

        List<Integer> statuses = ConcurrentRequests.runTogether(requests, 21);

        assertEquals(1, statuses.stream().filter(s -> s == 303).count(), statuses.toString());
        assertEquals(3, statuses.stream().filter(s -> s == 400).count(), statuses.toString());
        assertEquals(1, fx.number("select count(*) from member where lower(name) = lower(?1)", wanted));
    }

    @Test
    void the_history_is_on_the_admin_member_page_and_nowhere_public() {
        Signed leo = signIn(unique("leo"));
        String old = nameOf(leo.id());
        String now = "leo_" + unique("x").substring(2, 10);
        assertEquals(303, rename(leo, now).statusCode());

        Document admin = html(page().auth().oauth2(DevTokens.accessToken("alice")).get("/admin/members/" + leo.id())
                .then().statusCode(200).extract().response());
        String history = admin.selectFirst("#name-history").text();
        assertTrue(history.contains(old) && history.contains(now), history);

        page().auth().oauth2(leo.token()).get("/admin/members/" + leo.id()).then().statusCode(403);
        String publicPage = page().get("/members/" + leo.id()).then().statusCode(200).extract().asString();
        assertFalse(publicPage.contains(old), "the old name is not on the public profile");
    }

    @Test
    void an_admin_renames_a_member_without_waiting_and_it_is_audited() {
        Signed jo = signIn(unique("jo"));
        assertEquals(303, rename(jo, "jo_" + unique("a").substring(2, 10)).statusCode());
        String fixed = "jo_" + unique("b").substring(2, 10);

        Response renamed = form().auth().oauth2(DevTokens.accessToken("alice")).formParam("name", fixed)
                .post("/admin/members/" + jo.id() + "/name");

        assertEquals(303, renamed.statusCode());
        assertEquals(fixed, nameOf(jo.id()));
        assertEquals(1, fx.number("select count(*) from audit_entry where action = 'member.rename' and target_id = ?1", jo.id()));
        Document admin = html(page().auth().oauth2(DevTokens.accessToken("alice")).get("/admin/members/" + jo.id())
                .then().statusCode(200).extract().response());
        assertTrue(admin.selectFirst("#name-history").text().contains("changed by an admin"));
        Response refused = form().auth().oauth2(DevTokens.accessToken("alice")).formParam("name", "no spaces allowed")
                .post("/admin/members/" + jo.id() + "/name");
        assertEquals(400, refused.statusCode());
        assertEquals("no spaces allowed", html(refused).selectFirst("#admin-name").val());
        assertNotNull(html(refused).selectFirst("#name-error"));
    }

    @Test
    void the_token_never_overwrites_a_name_the_member_chose() {
        String username = unique("kim");
        Signed kim = signIn(username);
        String chosen = "kim_" + unique("x").substring(2, 10);
        assertEquals(303, rename(kim, chosen).statusCode());

        Signed again = signIn(username);

        assertEquals(kim.id(), again.id());
        assertEquals(chosen, nameOf(kim.id()));
    }

    @Test
    void a_name_nobody_chose_follows_the_token() {
        String username = unique("ren");
        Member made = fx.member(username);
        fx.sql("update member set name = ?1 where id = ?2", username + "_old", made.id);

        signIn(username);

        // The dev provider names the user after the login name, capitalized.
        assertEquals(username.toLowerCase(), nameOf(made.id).toLowerCase());
    }

    @Test
    void a_first_sign_in_whose_token_name_someone_has_gets_a_number() {
        String username = unique("sam");
        Member holder = fx.someone();
        fx.sql("update member set name = ?1 where id = ?2", username.toUpperCase(), holder.id);

        Signed sam = signIn(username);

        // The dev provider's token names the member as its user name, capitalized.
        assertEquals((username + "_2").toLowerCase(), nameOf(sam.id()).toLowerCase());
        assertEquals(username.toUpperCase(), nameOf(holder.id));
    }

    @Test
    void the_bio_is_plain_text_on_the_public_profile_and_limited_to_300() {
        Signed ana = signIn(unique("ana"));
        String bio = "<script>alert(1)</script> **not bold**\nsecond line";

        assertEquals(303, form().auth().oauth2(ana.token()).formParam("bio", bio).post("/me/bio").statusCode());

        Document profile = html(page().get("/members/" + ana.id()).then().statusCode(200).extract().response());
        assertTrue(profile.select("main script").isEmpty(), "no script from the bio");
        assertTrue(profile.select(".bio strong").isEmpty(), "no Markdown either");
        assertEquals(bio.replace("\n", " "), profile.selectFirst(".bio").text());
        assertEquals(bio, page().get("/api/v1/members/" + ana.id()).then().statusCode(200).extract().jsonPath().getString("bio"));

        Response tooLong = form().auth().oauth2(ana.token()).formParam("bio", "字".repeat(301)).post("/me/bio");
        assertEquals(400, tooLong.statusCode());
        assertEquals("At most 300 characters", html(tooLong).selectFirst("#bio-error").text());
        assertEquals("字".repeat(301), html(tooLong).selectFirst("#bio-input").text());
        assertEquals(303, form().auth().oauth2(ana.token()).formParam("bio", "字".repeat(300)).post("/me/bio").statusCode());
        assertNull(html(page().auth().oauth2(ana.token()).get("/me").then().extract().response()).selectFirst("#bio-error"));
    }
}
