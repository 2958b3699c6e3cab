package app.fanloop.member;

import static io.restassured.RestAssured.given;

import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Access tokens from the dev OpenID Connect server that runs in test mode, for any user name
 * (password grant), so several members can call the app at once with {@code Authorization: Bearer}.
 */
public final class DevTokens {

    private DevTokens() {
    }

    public static String provider() {
        return ConfigProvider.getConfig().getValue("quarkus.oidc.auth-server-url", String.class);
    }

    public static String accessToken(String username) {
        String clientId = ConfigProvider.getConfig().getValue("quarkus.oidc.client-id", String.class);
        return given()
                .formParam("grant_type", "password")
                .formParam("username", username)
                .formParam("client_id", clientId)
                .post(provider() + "/token")
                .then().statusCode(200)
                .extract().path("access_token");
    }
}
