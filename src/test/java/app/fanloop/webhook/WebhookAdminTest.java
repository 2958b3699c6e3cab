package app.fanloop.webhook;

import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static app.fanloop.web.Browser.location;
import static app.fanloop.web.Browser.page;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** /admin/webhooks: admins add endpoints (the secret shown once), test, switch off and on; nobody else may. */
@QuarkusTest
class WebhookAdminTest {

    @Inject
    Fixtures fx;

    @Inject
    WebhookFixtures wf;

    @Inject
    WebhookDeliveryJob job;

    Receiver receiver;

    @BeforeEach
    void start() throws Exception {
        wf.switchAllOff();
        receiver = new Receiver();
    }

    @AfterEach
    void stop() {
        receiver.close();
        wf.switchAllOff();
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void admin_adds_an_endpoint_and_sees_its_secret_once_and_the_receiver_verifies_with_it() throws Exception {
        String url = receiver.url("/added?source=fanloop");

        Response created = form().formParam("url", url).formParam("description", "Tracker bot")
                .formParam("events", "comment.created").formParam("events", "suggestion.created").post("/admin/webhooks");

        assertEquals(303, created.statusCode());
        String path = location(created);
        assertTrue(path.matches("/admin/webhooks/\\d+"), path);
        String cookie = created.getCookie(WebhookAdminResource.SECRET_COOKIE);
        assertNotNull(cookie, "the secret travels to the next page in a sealed cookie");
        assertFalse(cookie.contains("whsec_"), "the cookie does not carry the secret in clear");
        long id = Long.parseLong(path.substring(path.lastIndexOf('/') + 1));
        WebhookEndpoint endpoint = wf.reload(id);
        assertEquals(List.of("suggestion.created", "comment.created"), endpoint.eventList());
        assertEquals("Tracker bot", endpoint.description);
        assertFalse(endpoint.secretSealed.contains("whsec_"), "stored sealed, never in clear");

        Response shown = page().cookie(WebhookAdminResource.SECRET_COOKIE, cookie).get(path);
        assertEquals(200, shown.statusCode());
        String secret = html(shown).selectFirst("#webhook-secret").text();
        assertTrue(secret.startsWith("whsec_") && secret.length() > 40, secret);
        assertEquals("no-store", shown.getHeader("Cache-Control"));
        assertEquals("", shown.getDetailedCookie(WebhookAdminResource.SECRET_COOKIE).getValue(), "the cookie is spent");
        assertNull(html(page().get(path)).selectFirst("#webhook-secret"), "not shown again");
        assertNull(html(page().cookie(WebhookAdminResource.SECRET_COOKIE, endpoint.secretSealed).get(path))
                .selectFirst("#webhook-secret"), "a sealed secret from the database reveals nothing");

        // The test-event button: queued by the page, sent by the job, verified with the secret shown.
        Response test = form().post(path + "/test");
        assertEquals(303, test.statusCode());
        assertEquals(path + "?test=queued", location(test));
        assertTrue(receiver.received().isEmpty(), "the button makes no call itself");
        job.deliverDue();
        Receiver.Received r = receiver.received().get(0);
        assertEquals("/added?source=fanloop", r.path());
        assertEquals("webhook.test", r.header("Fanloop-Event"));
        assertTrue(WebhookDeliveryTest.verify(secret, r.header("Fanloop-Signature"), r.body(),
                java.time.Instant.now().getEpochSecond(), 300));
        Document after = html(page().get(path + "?test=queued"));
        assertNotNull(after.selectFirst("#test-queued"));
        assertEquals("Delivered", after.selectFirst(".deliveries tbody tr .delivery-status").text());
        assertEquals("200", after.selectFirst(".deliveries tbody tr .delivery-code").text());
        assertEquals("1", after.selectFirst(".deliveries tbody tr .delivery-attempts").text());
        assertTrue(after.selectFirst(".deliveries tbody tr .delivery-ms").text().endsWith("ms"));
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void an_invalid_endpoint_is_refused_with_errors_beside_the_fields_and_the_values_kept() {
        long before = fx.number("select count(*) from webhook_endpoint");

        Response refused = form().formParam("url", "ftp://files.example.com/drop").formParam("description", "Kept note")
                .post("/admin/webhooks");

        assertEquals(400, refused.statusCode());
        Document doc = html(refused);
        assertEquals("Choose at least one", doc.selectFirst("#events-error").text());
        assertEquals("ftp://files.example.com/drop", doc.selectFirst("input#url").val());
        assertEquals("Kept note", doc.selectFirst("input#description").val());
        assertNotNull(doc.selectFirst(".form-errors"));

        Response scheme = form().formParam("url", "ftp://files.example.com/drop").formParam("events", "release.published")
                .post("/admin/webhooks");
        assertEquals(400, scheme.statusCode());
        assertEquals("Only http:// and https:// addresses", html(scheme).selectFirst("#url-error").text());
        assertEquals("release.published", html(scheme).selectFirst("input[name=events][checked]").val());
        Response credentials = form().formParam("url", "https://user:pw@example.com/x").formParam("events", "release.published")
                .post("/admin/webhooks");
        assertEquals(400, credentials.statusCode());
        assertNotNull(html(credentials).selectFirst("#url-error"));
        assertEquals(before, fx.number("select count(*) from webhook_endpoint"), "nothing stored");
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void admin_switches_an_endpoint_off_and_on_and_the_list_says_so() {
        WebhookEndpoint endpoint = wf.endpoint(receiver.url("/toggle"), "release.published");

        assertEquals(303, form().post(endpoint.disablePath()).statusCode());
        WebhookEndpoint off = wf.reload(endpoint.id);
        assertFalse(off.enabled);
        assertEquals(WebhookEndpoint.OFF_BY_ADMIN, off.disabledReason);
        Document list = html(page().get("/admin/webhooks").then().statusCode(200).extract().response());
        assertEquals("Off", list.selectFirst("#webhook-" + endpoint.id + " .webhook-state").text());
        assertEquals(1, fx.number("select count(*) from audit_entry where action = 'webhook.disable' and target_id = ?1", endpoint.id));

        assertEquals(303, form().post(endpoint.enablePath()).statusCode());
        assertTrue(wf.reload(endpoint.id).enabled);
        list = html(page().get("/admin/webhooks").then().statusCode(200).extract().response());
        assertEquals("On", list.selectFirst("#webhook-" + endpoint.id + " .webhook-state").text());
        Document zh = html(io.restassured.RestAssured.given().header("Accept-Language", "zh-CN").get("/admin/webhooks"));
        assertEquals("已启用", zh.selectFirst("#webhook-" + endpoint.id + " .webhook-state").text());
    }

    @Test
    @TestSecurity(user = "chen")
    void a_fan_may_not_see_or_change_webhooks() {
        WebhookEndpoint endpoint = wf.endpoint(receiver.url("/fan"), "release.published");

        assertEquals(403, page().get("/admin/webhooks").statusCode());
        assertEquals(403, page().get(endpoint.path()).statusCode());
        assertEquals(403, form().formParam("url", receiver.url("/x")).formParam("events", "release.published")
                .post("/admin/webhooks").statusCode());
        assertEquals(403, form().post(endpoint.testPath()).statusCode());
        assertEquals(403, form().post(endpoint.disablePath()).statusCode());
        assertTrue(wf.reload(endpoint.id).enabled);
        assertEquals(0, wf.deliveries(endpoint.id).size());
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void a_pm_may_not_see_webhooks() {
        assertEquals(403, page().get("/admin/webhooks").statusCode());
    }

    @Test
    void a_visitor_is_sent_to_sign_in() {
        Response response = page().get("/admin/webhooks");
        assertEquals(303, response.statusCode());
        assertTrue(location(response).startsWith("/login"), location(response));
    }
}
