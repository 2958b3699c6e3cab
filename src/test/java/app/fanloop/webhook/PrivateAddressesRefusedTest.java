package app.fanloop.webhook;

import static app.fanloop.web.Browser.form;
import static app.fanloop.web.Browser.html;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/**
 * With {@code fanloop.webhooks.allow-private-addresses} off (production's default), a webhook cannot reach the
 * internal network: a loopback or private URL is refused when saved, and when sent (an endpoint saved earlier, or a
 * name that resolves to an internal address by the time of sending), on the address the name resolves to.
 */
@QuarkusTest
@TestProfile(PrivateAddressesRefusedTest.SwitchOff.class)
class PrivateAddressesRefusedTest {

    public static class SwitchOff implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("fanloop.webhooks.allow-private-addresses", "false");
        }
    }

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
    void loopback_private_and_metadata_urls_are_refused_when_saved() {
        long before = fx.number("select count(*) from webhook_endpoint");
        for (String url : List.of(receiver.url("/in"), "http://localhost:" + receiver.port() + "/in", "http://10.1.2.3/hook",
                "http://192.168.0.10:8080/", "http://169.254.169.254/latest/meta-data/", "http://[::1]/hook", "http://0.0.0.0/")) {
            Response refused = form().formParam("url", url).formParam("events", "suggestion.created").post("/admin/webhooks");

            assertEquals(400, refused.statusCode(), url);
            assertEquals("This address is private, loopback or reserved: it cannot receive webhooks",
                    html(refused).selectFirst("#url-error").text(), url);
            assertEquals(url, html(refused).selectFirst("input#url").val());
        }
        assertEquals(before, fx.number("select count(*) from webhook_endpoint"), "nothing stored");
    }

    @Test
    void an_endpoint_that_resolves_to_loopback_by_the_time_of_sending_gets_nothing() {
        // As if saved while the name was public (or before the switch was turned off): the check at sending stops it.
        WebhookEndpoint byName = wf.endpoint("http://localhost:" + receiver.port() + "/rebound", "suggestion.created");
        WebhookEndpoint byAddress = wf.endpoint(receiver.url("/direct"), "suggestion.created");
        wf.queueTest(byName.id);
        wf.queueTest(byAddress.id);

        job.deliverDue();

        assertEquals(List.of(), receiver.received(), "no request reached the loopback receiver");
        for (WebhookEndpoint endpoint : List.of(byName, byAddress)) {
            WebhookDelivery refused = wf.deliveries(endpoint.id).get(0);
            assertEquals(WebhookDelivery.Status.PENDING, refused.status, "a failed attempt, retried later");
            assertEquals(null, refused.lastStatusCode);
            assertTrue(refused.lastError.startsWith("refused: ") && refused.lastError.contains("not a public address"),
                    refused.lastError);
        }
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void switching_a_stored_internal_endpoint_back_on_is_refused() {
        WebhookEndpoint endpoint = wf.endpoint(receiver.url("/again"), "suggestion.created");
        form().post(endpoint.disablePath()).then().statusCode(303);

        Response refused = form().post(endpoint.enablePath());

        assertEquals(400, refused.statusCode());
        assertEquals("This address is private, loopback or reserved: it cannot receive webhooks",
                html(refused).selectFirst("#enable-error").text());
        assertEquals(false, wf.reload(endpoint.id).enabled);
    }
}
