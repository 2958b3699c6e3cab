package app.fanloop.notification;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;

/**
 * The health checks against a real SMTP server (GreenMail, the app of SmtpMailTest): the mail server is reported in
 * readiness but never takes the node out, is DOWN in wellness while it does not answer, and liveness never looks at
 * it. Tests look afresh on every call (%test mail-check-every=PT0S; MailServerTest checks the reuse).
 */
@QuarkusTest
@TestProfile(SmtpMailTest.RealSmtp.class)
class MailHealthTest {

    @Test
    void readiness_has_the_database_and_the_mail_server_and_wellness_goes_down_without_mail() {
        JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertEquals("UP", ready.getString("status"));
        assertEquals(List.of("UP"), ready.getList("checks.findAll { it.name == 'Database connections health check' }.status"));
        Map<String, Object> mail = mailCheck(ready);
        assertEquals("UP", mail.get("status"));
        assertEquals(true, data(mail).get("reachable"));
        assertEquals("127.0.0.1:" + SmtpMailTest.SmtpServer.server.getSmtp().getPort(), data(mail).get("server"));
        given().get("/q/health/well").then().statusCode(200);

        SmtpMailTest.SmtpServer.goAway();
        try {
            JsonPath down = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
            Map<String, Object> reported = mailCheck(down);
            assertEquals("UP", reported.get("status"), "a mail outage does not take the node out of the balancer");
            assertEquals(false, data(reported).get("reachable"));
            assertNotNull(data(reported).get("error"));

            JsonPath well = given().get("/q/health/well").then().statusCode(503).extract().jsonPath();
            assertEquals("DOWN", mailCheck(well).get("status"));
            given().get("/q/health").then().statusCode(503);
            given().get("/q/health/live").then().statusCode(200).body("checks.name", hasItem("process"));
        } finally {
            SmtpMailTest.SmtpServer.comeBack();
        }
        given().get("/q/health/well").then().statusCode(200);
    }

    @Test
    void liveness_reports_the_process_and_never_the_database_or_mail() {
        JsonPath live = given().get("/q/health/live").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("process"), live.getList("checks.name"));
        assertEquals("running", live.getString("checks[0].data.scheduler"));
        assertEquals(0, live.getInt("checks[0].data.deadlocked-threads"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> mailCheck(JsonPath health) {
        List<Map<String, Object>> checks = health.getList("checks.findAll { it.name == 'mail' }");
        assertEquals(1, checks.size(), "one mail check: " + health.prettify());
        return checks.get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> check) {
        return (Map<String, Object>) check.get("data");
    }
}
