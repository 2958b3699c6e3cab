package app.fanloop.device;

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

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

import app.fanloop.Fixtures;
import app.fanloop.board.Board;
import app.fanloop.member.DevTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;

/** Devices: the models staff keep per board, a member's own devices, and the bug form that offers them. */
@QuarkusTest
class DeviceTest {

    @Inject
    Fixtures fx;

    record Signed(String token, long id) {
    }

    static Signed signIn(String username) {
        String token = DevTokens.accessToken(username);
        long id = page().auth().oauth2(token).get("/api/v1/me").then().statusCode(200).extract().jsonPath().getLong("id");
        return new Signed(token, id);
    }

    private long addModel(String token, Board board, String name) {
        Response added = form().auth().oauth2(token).formParam("board", board.slug).formParam("name", name).post("/triage/devices");
        assertEquals(303, added.statusCode(), added.asString());
        return fx.number("select id from device_model where board_id = ?1 and name = ?2", board.id, name);
    }

    private long addDevice(Signed who, String model, String version) {
        Response added = form().auth().oauth2(who.token()).formParam("model", model).formParam("systemVersion", version)
                .post("/me/devices");
        assertEquals(303, added.statusCode(), added.asString());
        assertEquals("/me?saved=devices#devices", location(added));
        return fx.number("select max(id) from member_device where member_id = ?1", who.id());
    }

    @Test
    void a_pm_adds_and_retires_models_and_members_choose_only_offered_ones() {
        String paula = DevTokens.accessToken("paula");
        Board board = fx.board();
        String name = unique("Xiaomi 15");
        long model = addModel(paula, board, name);
        Document staffPage = html(page().auth().oauth2(paula).get("/triage/devices").then().statusCode(200).extract().response());
        assertTrue(staffPage.selectFirst("#device-models").text().contains(name));

        Response duplicate = form().auth().oauth2(paula).formParam("board", board.slug).formParam("name", name.toUpperCase())
                .post("/triage/devices");
        assertEquals(400, duplicate.statusCode());
        assertEquals("Already taken", html(duplicate).selectFirst("#name-error").text());
        assertEquals(name.toUpperCase(), html(duplicate).selectFirst("#model-name").val());

        Signed fan = signIn(unique("fan"));
        Document me = html(page().auth().oauth2(fan.token()).get("/me").then().statusCode(200).extract().response());
        assertNotNull(me.selectFirst("#device-model-id option[value=" + model + "]"), "offered on /me");
        Response chosen = form().auth().oauth2(fan.token()).formParam("modelId", String.valueOf(model))
                .formParam("systemVersion", "HyperOS 2.0.8").post("/me/devices");
        assertEquals(303, chosen.statusCode());
        assertEquals(name, fx.text("select model from member_device where member_id = ?1 and device_model_id = ?2", fan.id(), model));

        assertEquals(303, form().auth().oauth2(paula).post("/triage/devices/" + model + "/retire").statusCode());
        me = html(page().auth().oauth2(fan.token()).get("/me").then().statusCode(200).extract().response());
        assertNull(me.selectFirst("#device-model-id option[value=" + model + "]"), "a retired model is not offered");
        assertTrue(me.selectFirst("#my-devices").text().contains(name), "the device keeps its model's name");
        Response retired = form().auth().oauth2(fan.token()).formParam("modelId", String.valueOf(model))
                .formParam("systemVersion", "HyperOS 2.0.8").post("/me/devices");
        assertEquals(400, retired.statusCode());
        assertNotNull(html(retired).selectFirst("#modelId-error"));
        assertEquals(303, form().auth().oauth2(paula).post("/triage/devices/" + model + "/restore").statusCode());
        assertEquals(1, fx.number("select count(*) from device_model where id = ?1 and retired_at is null", model));
        assertEquals(2, fx.number("select count(*) from audit_entry where target_type = 'device_model' and target_id = ?1"
                + " and action in ('device_model.retire', 'device_model.restore')", model));
    }

    @Test
    void a_fan_may_not_see_or_change_the_list_of_models() {
        String bob = DevTokens.accessToken("bob");
        Board board = fx.board();
        page().auth().oauth2(bob).get("/triage/devices").then().statusCode(403);
        form().auth().oauth2(bob).formParam("board", board.slug).formParam("name", unique("Sneaky")).post("/triage/devices")
                .then().statusCode(403);
        assertEquals(0, fx.number("select count(*) from device_model where board_id = ?1", board.id));
    }

    @Test
    void a_member_adds_typed_devices_sees_errors_beside_the_fields_and_removes_only_their_own() {
        Signed lin = signIn(unique("lin"));
        long phone = addDevice(lin, "Redmi K80", "HyperOS 2.0.105");

        Response missing = form().auth().oauth2(lin.token()).formParam("model", "Redmi Note 14").formParam("systemVersion", " ")
                .post("/me/devices");
        assertEquals(400, missing.statusCode());
        Document doc = html(missing);
        assertEquals("Required", doc.selectFirst("#systemVersion-error").text());
        assertEquals("Redmi Note 14", doc.selectFirst("#device-model").val());
        assertTrue(doc.selectFirst("#my-devices").text().contains("Redmi K80"));

        Signed other = signIn(unique("other"));
        form().auth().oauth2(other.token()).post("/me/devices/" + phone + "/remove").then().statusCode(404);
        assertEquals(1, fx.number("select count(*) from member_device where id = ?1", phone));
        assertEquals(303, form().auth().oauth2(lin.token()).post("/me/devices/" + phone + "/remove").statusCode());
        assertEquals(0, fx.number("select count(*) from member_device where id = ?1", phone));

        for (int i = 0; i < Devices.PER_MEMBER; i++) {
            addDevice(lin, "Phone " + i, "1." + i);
        }
        Response full = form().auth().oauth2(lin.token()).formParam("model", "One more").formParam("systemVersion", "1")
                .post("/me/devices");
        assertEquals(400, full.statusCode());
        assertEquals("At most 10 devices", html(full).selectFirst("#model-error").text());
    }

    @Test
    void the_bug_form_offers_my_devices_and_the_server_fills_the_empty_fields_without_javascript() {
        Signed mia = signIn(unique("mia"));
        long device = addDevice(mia, "Xiaomi 14 Ultra", "HyperOS 1.0.12");
        Board board = fx.board();

        Document newBug = html(page().auth().oauth2(mia.token()).get("/boards/" + board.slug + "/new?kind=BUG")
                .then().statusCode(200).extract().response());
        Element option = newBug.selectFirst("select#myDevice option[value=" + device + "]");
        assertNotNull(option, "my device is offered");
        assertEquals("Xiaomi 14 Ultra", option.attr("data-model"));
        assertEquals("HyperOS 1.0.12", option.attr("data-version"));
        assertNotNull(newBug.selectFirst("script[src=/static/devices.js]"), "the script that fills the fields at once");

        String title = unique("Camera freezes");
        Response created = bug(mia, board, title, "", "", String.valueOf(device));
        assertEquals(303, created.statusCode(), created.asString());
        assertEquals(List.of("Xiaomi 14 Ultra", "HyperOS 1.0.12"), List.of(
                fx.text("select device_model from suggestion where title = ?1", title),
                fx.text("select system_version from suggestion where title = ?1", title)));

        String typed = unique("Typed wins");
        assertEquals(303, bug(mia, board, typed, "Xiaomi 13", "", String.valueOf(device)).statusCode());
        assertEquals("Xiaomi 13 HyperOS 1.0.12", fx.text(
                "select device_model || ' ' || system_version from suggestion where title = ?1", typed));
    }

    @Test
    void another_members_device_fills_nothing() {
        Signed owner = signIn(unique("owner"));
        long device = addDevice(owner, "Xiaomi Pad 7", "HyperOS 2.0.3");
        Signed sneaky = signIn(unique("sneaky"));
        Board board = fx.board();

        Response refused = bug(sneaky, board, unique("Not mine"), "", "", String.valueOf(device));

        assertEquals(400, refused.statusCode());
        Document doc = html(refused);
        assertEquals("", doc.selectFirst("#deviceModel").val());
        assertNotNull(doc.selectFirst("#deviceModel-error"));
    }

    @Test
    void the_api_lists_my_devices_to_me() {
        Signed ana = signIn(unique("ana"));
        addDevice(ana, "Xiaomi 15", "HyperOS 2.0.8");

        var me = page().auth().oauth2(ana.token()).get("/api/v1/me").then().statusCode(200).extract().jsonPath();

        assertEquals(List.of("Xiaomi 15"), me.getList("devices.model"));
        assertEquals(List.of("HyperOS 2.0.8"), me.getList("devices.systemVersion"));
    }

    private static Response bug(Signed who, Board board, String title, String model, String version, String myDevice) {
        return form().auth().oauth2(who.token()).formParam("kind", "BUG").formParam("title", title)
                .formParam("body", "It happens after the update.").formParam("deviceModel", model)
                .formParam("systemVersion", version).formParam("frequency", "OFTEN").formParam("steps", "1. Open the camera")
                .formParam("myDevice", myDevice).post("/boards/" + board.slug + "/suggestions");
    }
}
