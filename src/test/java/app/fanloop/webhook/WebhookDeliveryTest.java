package app.fanloop.webhook;

import static app.fanloop.Fixtures.unique;
import static app.fanloop.web.Browser.form;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.Member;
import app.fanloop.notification.NotificationDelivery;
import app.fanloop.suggestion.Suggestion;
import app.fanloop.web.SiteClock;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;

/** Events reach a real receiver on loopback: signed, retried, once per event, and only what visitors may see. */
@QuarkusTest
class WebhookDeliveryTest {

    @Inject
    Fixtures fx;

    @Inject
    WebhookFixtures wf;

    @Inject
    WebhookDeliveryJob job;

    @Inject
    NotificationDelivery notifications;

    @Inject
    SiteClock clock;

    @Inject
    app.fanloop.release.ReleaseFixtures rf;

    @Inject
    WebhookConfig config;

    @Inject
    ObjectMapper json;

    @Inject
    app.fanloop.ProgramFixtures programs;

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
        clock.reset();
    }

    @Test
    @TestSecurity(user = "bob")
    void a_new_suggestion_arrives_signed_and_the_receiver_verifies_it_with_the_documented_recipe() throws Exception {
        WebhookEndpoint endpoint = wf.endpoint(receiver.url("/hooks/fanloop"), "suggestion.created");
        Board board = fx.board();
        String title = unique("Signed 日落");

        form().formParam("kind", "SUGGESTION").formParam("title", title).formParam("body", "Body of a signed event")
                .post("/boards/" + board.slug + "/suggestions").then().statusCode(303);
        assertTrue(receiver.received().isEmpty(), "nothing is sent inside the request");
        job.deliverDue();

        List<Receiver.Received> got = receiver.received();
        assertEquals(1, got.size());
        Receiver.Received r = got.get(0);
        assertEquals("/hooks/fanloop", r.path());
        assertEquals("suggestion.created", r.header("Fanloop-Event"));
        assertNotNull(r.header("Fanloop-Delivery"));
        assertTrue(verify(WebhookFixtures.SECRET, r.header("Fanloop-Signature"), r.body(), clock.now().getEpochSecond(), 300),
                "the README's recipe accepts the signature: " + r.header("Fanloop-Signature"));
        assertFalse(verify(WebhookFixtures.SECRET, r.header("Fanloop-Signature"), r.body() + " ", clock.now().getEpochSecond(), 300),
                "a changed body fails");
        assertFalse(verify("whsec_another", r.header("Fanloop-Signature"), r.body(), clock.now().getEpochSecond(), 300),
                "another secret fails");
        assertFalse(verify(WebhookFixtures.SECRET, r.header("Fanloop-Signature"), r.body(), clock.now().getEpochSecond() + 301, 300),
                "a replay after the tolerance window is refused");

        JsonNode payload = json.readTree(r.body());
        assertEquals("suggestion.created", payload.get("type").asText());
        assertEquals(title, payload.at("/data/suggestion/title").asText());
        assertEquals("bob", payload.at("/data/suggestion/author/name").asText());
        assertEquals(board.slug, payload.at("/data/suggestion/board/slug").asText());
        assertTrue(payload.at("/data/suggestion/url").asText().endsWith("/suggestions/" + payload.at("/data/suggestion/id").asLong()));
        WebhookDelivery delivery = wf.deliveries(endpoint.id).get(0);
        assertEquals(WebhookDelivery.Status.DELIVERED, delivery.status);
        assertEquals(200, delivery.lastStatusCode);
        assertEquals(r.header("Fanloop-Delivery"), delivery.deliveryUuid.toString());
        assertEquals(payload.get("id").asText(), delivery.eventUuid.toString());
    }

    @Test
    @TestSecurity(user = "bob")
    void no_event_about_a_beta_programs_post_or_release_is_sent() {
        WebhookEndpoint endpoint = wf.endpoint(receiver.url("/hooks/beta"), "suggestion.created", "comment.created",
                "release.published");
        app.fanloop.ProgramFixtures.Program program = programs.program();
        programs.grant(fx.member("bob"), program);
        String title = unique("Beta-only crash");

        form().formParam("kind", "SUGGESTION").formParam("title", title).formParam("body", "Only for testers")
                .post("/boards/" + program.slug() + "/suggestions").then().statusCode(303);
        long id = fx.number("select id from suggestion where title = ?1", title);
        form().formParam("body", "A tester's comment").post("/suggestions/" + id + "/comments").then().statusCode(303);
        app.fanloop.release.Release release = rf.draft(app.fanloop.release.ReleaseChannel.DEV, unique("OS-beta"), null);
        fx.sql("update release set program_id = ?1 where id = ?2", program.id(), release.id);
        rf.publish(release.id);
        job.deliverDue();

        assertTrue(receiver.received().isEmpty(), "nothing about the program reaches an integration");
        assertTrue(wf.deliveries(endpoint.id).stream().noneMatch(d -> d.status == WebhookDelivery.Status.DELIVERED));
    }

    @Test
    @TestSecurity(user = "bob")
    void a_receiver_answering_500_gets_a_retry_after_the_backoff_and_the_delivery_ends_delivered() {
        WebhookEndpoint endpoint = wf.endpoint(receiver.url("/flaky"), "comment.created");
        receiver.answering(500);
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Flaky receiver"));

        form().formParam("body", "A plain comment").post("/suggestions/" + s.id + "/comments").then().statusCode(303);
        job.deliverDue();

        WebhookDelivery first = wf.deliveries(endpoint.id).get(0);
        assertEquals(WebhookDelivery.Status.PENDING, first.status);
        assertEquals(1, first.attempts);
        assertEquals(500, first.lastStatusCode);
        assertEquals("HTTP 500", first.lastError);
        assertEquals(1, receiver.received().size());
        job.deliverDue();
        assertEquals(1, receiver.received().size(), "not again before the backoff (30 s) has passed");

        clock.advance(Duration.ofSeconds(31));
        job.deliverDue();

        List<Receiver.Received> got = receiver.received();
        assertEquals(2, got.size());
        assertEquals(got.get(0).body(), got.get(1).body(), "a retry sends the same event");
        assertEquals(got.get(0).header("Fanloop-Delivery"), got.get(1).header("Fanloop-Delivery"));
        WebhookDelivery done = wf.deliveries(endpoint.id).get(0);
        assertEquals(WebhookDelivery.Status.DELIVERED, done.status);
        assertEquals(2, done.attempts);
        assertEquals(200, done.lastStatusCode);
        assertNull(done.lastError);
        assertEquals(0, wf.reload(endpoint.id).consecutiveFailures, "a success starts the count of failures over");
    }

    @Test
    void two_nodes_running_the_job_at_once_deliver_each_event_exactly_once() throws Exception {
        WebhookEndpoint endpoint = wf.endpoint(receiver.url("/once"), "suggestion.created");
        int events = 120;
        for (int i = 0; i < events; i++) {
            wf.queueTest(endpoint.id);
        }

        ExecutorService nodes = Executors.newFixedThreadPool(2);
        CountDownLatch ready = new CountDownLatch(2);
        Callable<Integer> node = () -> {
            ready.countDown();
            ready.await();
            int sent = 0;
            for (int n; (n = job.deliverDue()) > 0;) {
                sent += n;
            }
            return sent;
        };
        List<Future<Integer>> runs = nodes.invokeAll(List.of(node, node));
        nodes.shutdown();
        int a = runs.get(0).get();
        int b = runs.get(1).get();

        Map<String, Long> perEvent = receiver.received().stream()
                .collect(Collectors.groupingBy(Receiver.Received::eventId, Collectors.counting()));
        assertEquals(events, perEvent.size(), "every event arrived");
        assertTrue(perEvent.values().stream().allMatch(c -> c == 1), "each exactly once: " + perEvent);
        assertEquals(events, a + b, "the two nodes shared the work without overlap (" + a + " + " + b + ")");
        assertTrue(wf.deliveries(endpoint.id).stream().allMatch(d -> d.status == WebhookDelivery.Status.DELIVERED && d.attempts == 1));
    }

    @Test
    void a_delivery_leased_by_a_node_that_died_mid_call_is_sent_once_by_another_node_when_the_lease_runs_out() {
        WebhookEndpoint endpoint = wf.endpoint(receiver.url("/orphan"), "suggestion.created");
        WebhookDelivery delivery = wf.queueTest(endpoint.id);
        // What a node that claimed the delivery and died before writing the result leaves behind: its committed lease.
        fx.sql("update webhook_delivery set next_attempt_at = ?1, attempts = attempts + 1, last_attempt_at = ?2 where id = ?3",
                clock.now().plus(config.lease()), clock.now(), delivery.id);

        assertEquals(0, job.deliverDue(), "leased to the other node");
        clock.advance(config.lease().minusSeconds(5));
        assertEquals(0, job.deliverDue(), "still leased");
        assertTrue(receiver.received().isEmpty());

        clock.advance(Duration.ofSeconds(6));
        assertEquals(1, job.deliverDue(), "the lease ran out: this node takes the delivery over");
        assertEquals(0, job.deliverDue(), "and it is not sent again");

        assertEquals(1, receiver.received().size());
        WebhookDelivery done = wf.deliveries(endpoint.id).get(0);
        assertEquals(WebhookDelivery.Status.DELIVERED, done.status);
        assertEquals(2, done.attempts, "the dead node's attempt counts");
    }

    @Test
    void an_endpoint_failing_again_and_again_is_switched_off_and_the_admins_are_told() {
        Member admin = fx.member("alice");
        fx.grant(admin, "admin");
        WebhookEndpoint endpoint = wf.endpoint(receiver.url("/down"), "suggestion.created");
        receiver.otherwise(503);
        for (int i = 0; i < 3; i++) { // fanloop.webhooks.disable-after is 3 in the test profile
            wf.queueTest(endpoint.id);
        }

        job.deliverDue();

        WebhookEndpoint off = wf.reload(endpoint.id);
        assertFalse(off.enabled);
        assertEquals(WebhookEndpoint.OFF_BY_FAILURES, off.disabledReason);
        assertEquals(3, off.consecutiveFailures);
        notifications.deliverPending();
        assertEquals(1, fx.number("""
                select count(*) from notification n join domain_event e on e.id = n.event_id
                where n.member_id = ?1 and n.kind = 'WEBHOOK_DISABLED' and e.payload ->> 'endpointId' = ?2""",
                admin.id, endpoint.id.toString()));
        String headline = app.fanloop.notification.NotificationText.headline(
                app.fanloop.notification.Notification.<app.fanloop.notification.Notification> find(
                        "memberId = ?1 and kind = ?2 order by id desc", admin.id,
                        app.fanloop.notification.NotificationKind.WEBHOOK_DISABLED).firstResult(),
                java.util.Locale.ENGLISH);
        assertEquals("Webhook 127.0.0.1 was switched off after 3 failed deliveries in a row", headline);

        receiver.otherwise(200);
        clock.advance(Duration.ofHours(7));
        int before = receiver.received().size();
        wf.queueTest(endpoint.id);
        job.deliverDue();
        assertEquals(before + 1, receiver.received().size(),
                "a new test event goes once to an endpoint that is off; the failed deliveries wait until it is on again");
        assertEquals(3, wf.deliveries(endpoint.id).stream().filter(d -> d.status == WebhookDelivery.Status.PENDING).count());
    }

    @Test
    @TestSecurity(user = "alice", roles = "admin")
    void events_about_hidden_posts_are_not_sent_to_outside_parties() throws Exception {
        WebhookEndpoint endpoint = wf.endpoint(receiver.url("/public-only"), "comment.created", "suggestion.status_changed",
                "official_response.created");
        Suggestion hidden = fx.suggestion(fx.board(), fx.someone(), unique("Hidden before"));
        fx.hide(hidden.id);
        Suggestion shown = fx.suggestion(fx.board(), fx.someone(), unique("Hidden later"));

        // An admin acts on a hidden suggestion: no delivery is made at all.
        form().formParam("status", "PLANNED").formParam("note", "Secret plan").post("/suggestions/" + hidden.id + "/status")
                .then().statusCode(303);
        assertEquals(0, wf.deliveries(endpoint.id).size());
        // A comment on a shown one is queued, then the suggestion is hidden (held for review) before the job runs.
        form().formParam("body", "Said while public").post("/suggestions/" + shown.id + "/comments").then().statusCode(303);
        assertEquals(1, wf.deliveries(endpoint.id).size());
        fx.hide(shown.id);

        job.deliverDue();

        assertEquals(List.of(), receiver.received());
        WebhookDelivery skipped = wf.deliveries(endpoint.id).get(0);
        assertEquals(WebhookDelivery.Status.SKIPPED, skipped.status);
        assertFalse(skipped.body.contains("Secret plan"));
    }

    @Test
    @TestSecurity(user = "paula", roles = "pm")
    void each_kind_of_change_reaches_the_endpoints_that_chose_it() throws Exception {
        WebhookEndpoint statuses = wf.endpoint(receiver.url("/statuses"), "suggestion.status_changed");
        WebhookEndpoint answers = wf.endpoint(receiver.url("/answers"), "official_response.created", "comment.created");
        Suggestion s = fx.suggestion(fx.board(), fx.someone(), unique("Loop"));

        form().formParam("status", "PLANNED").formParam("note", "On the plan").post("/suggestions/" + s.id + "/status")
                .then().statusCode(303);
        form().formParam("body", "We are on it").formParam("official", "true").post("/suggestions/" + s.id + "/comments")
                .then().statusCode(303);
        job.deliverDue();

        Map<String, JsonNode> byPath = receiver.received().stream()
                .collect(Collectors.toMap(Receiver.Received::path, r -> parse(r.body()), (x, y) -> x));
        assertEquals(2, receiver.received().size(), "the official response is not also a comment.created");
        assertEquals("PLANNED", byPath.get("/statuses").at("/data/to").asText());
        assertEquals("OPEN", byPath.get("/statuses").at("/data/from").asText());
        assertEquals("On the plan", byPath.get("/statuses").at("/data/note").asText());
        assertEquals("official_response.created", byPath.get("/answers").get("type").asText());
        assertEquals("We are on it", byPath.get("/answers").at("/data/comment/body").asText());
        assertTrue(byPath.get("/answers").at("/data/comment/official").asBoolean());
        assertEquals(1, wf.deliveries(statuses.id).size());
        assertEquals(1, wf.deliveries(answers.id).size());
    }

    @Test
    @TestSecurity(user = "bob")
    void a_plain_comment_is_a_recorded_event_that_notifies_nobody() {
        Member author = fx.someone();
        Suggestion s = fx.suggestion(fx.board(), author, unique("Quiet comment"));
        fx.followAs(s.id, fx.someone());

        form().formParam("body", "Just a comment").post("/suggestions/" + s.id + "/comments").then().statusCode(303);
        notifications.deliverPending();

        assertEquals(1, fx.number("select count(*) from domain_event where suggestion_id = ?1 and kind = 'COMMENT_POSTED'", s.id));
        assertEquals(0, fx.number("select count(*) from domain_event_audience a join domain_event e on e.id = a.event_id "
                + "where e.suggestion_id = ?1 and e.kind = 'COMMENT_POSTED'", s.id));
        assertEquals(0, fx.number("select count(*) from notification where suggestion_id = ?1", s.id));
    }

    @Test
    void backoff_doubles_from_the_first_wait_up_to_the_longest() {
        assertEquals(Duration.ofSeconds(30), job.backoff(1));
        assertEquals(Duration.ofSeconds(60), job.backoff(2));
        assertEquals(Duration.ofMinutes(4), job.backoff(4));
        assertEquals(Duration.ofHours(6), job.backoff(30));
    }

    private JsonNode parse(String body) {
        try {
            return json.readTree(body);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The receiver's side, exactly as README "Webhooks" gives it: split the header, refuse a timestamp outside the
     * tolerance, compare the HMAC of "t.body" in constant time.
     */
    static boolean verify(String secret, String header, String body, long nowSeconds, long toleranceSeconds) throws Exception {
        Map<String, String> parts = java.util.Arrays.stream(header.split(","))
                .map(p -> p.split("=", 2)).collect(Collectors.toMap(p -> p[0], p -> p[1]));
        long t = Long.parseLong(parts.get("t"));
        if (Math.abs(nowSeconds - t) > toleranceSeconds) {
            return false;
        }
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)));
        return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), parts.get("v1").getBytes(StandardCharsets.UTF_8));
    }

}
