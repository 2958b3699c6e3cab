package app.fanloop.web;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** With the mock mailer (dev and test) the mail check says so and is UP: there is no server to ask. */
@QuarkusTest
class MockMailHealthTest {

    @Test
    void the_mock_mailer_is_reported_as_mock_and_up() {
        JsonPath ready = given().get("/q/health/ready").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("mock"), ready.getList("checks.findAll { it.name == 'mail' }.data.server"));
        given().get("/q/health/well").then().statusCode(200);
    }
}
