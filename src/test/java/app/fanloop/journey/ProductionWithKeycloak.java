package app.fanloop.journey;

import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * What the packaged app needs to start in prod mode (the production contract of README "Production
 * configuration"), all of it real and on this machine: a Keycloak with the shipped realm, an SMTP server
 * (GreenMail), a fresh database, long random secrets, a free management port.
 */
public class ProductionWithKeycloak implements QuarkusTestResourceLifecycleManager {

    /** The database of this test, made afresh on every run on the PostgreSQL the other tests use. */
    static final String DATABASE = "fanloop_keycloak_signin_it";
    private static final String SERVER = System.getProperty("fanloop.it.postgres", "jdbc:postgresql://127.0.0.1:5432/");
    private static final SecureRandom RANDOM = new SecureRandom();

    static Keycloak keycloak;
    private GreenMail smtp;

    @Override
    public Map<String, String> start() {
        try {
            // Keycloak boots (20-60 s) while the database and the mail server are made.
            keycloak = new Keycloak(ProductionWithKeycloak::forThisTest);
            recreateDatabase();
            smtp = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
            smtp.start();
            keycloak.awaitReady();
        } catch (RuntimeException e) {
            stop();
            throw e;
        }

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", SERVER + DATABASE);
        config.put("quarkus.datasource.username", "postgres");
        config.put("fanloop.site.url", "http://localhost:8080");
        config.put("fanloop.notification.unsubscribe-secret", secret());
        config.put("fanloop.webhooks.secret-key", secret());
        config.put("quarkus.oidc.auth-server-url", keycloak.realmUrl());
        config.put("quarkus.oidc.credentials.secret", keycloak.clientSecret);
        config.put("quarkus.oidc.token-state-manager.encryption-secret", secret());
        config.put("quarkus.mailer.mock", "false");
        config.put("quarkus.mailer.host", "127.0.0.1");
        config.put("quarkus.mailer.port", Integer.toString(smtp.getSmtp().getPort()));
        config.put("quarkus.mailer.start-tls", "DISABLED");
        config.put("quarkus.mailer.tls", "false");
        config.put("quarkus.management.port", Integer.toString(Keycloak.freePort()));
        return config;
    }

    /**
     * The shipped realm, with the redirect and logout addresses of the app on its test port (any localhost port),
     * and the roles left out of the ID token: the PM gets the triage console only if the app reads the access token.
     */
    private static ObjectNode forThisTest(ObjectNode realm) {
        ObjectNode client = (ObjectNode) realm.withArray("clients").get(0);
        if (!"fanloop".equals(client.get("clientId").asText())) {
            throw new IllegalStateException("the realm's first client is not fanloop: " + client.get("clientId"));
        }
        ((ArrayNode) client.withArray("redirectUris")).add("http://localhost:*");
        ((ArrayNode) client.withArray("webOrigins")).add("+");
        ObjectNode attributes = (ObjectNode) client.get("attributes");
        attributes.put("post.logout.redirect.uris", attributes.get("post.logout.redirect.uris").asText() + "##http://localhost:*");
        for (var mapper : client.withArray("protocolMappers")) {
            if ("groups".equals(mapper.path("config").path("claim.name").asText())) {
                ((ObjectNode) mapper.get("config")).put("id.token.claim", "false");
            }
        }
        return realm;
    }

    private static void recreateDatabase() {
        try (Connection connection = DriverManager.getConnection(SERVER + "postgres", "postgres", "");
                Statement statement = connection.createStatement()) {
            statement.execute("drop database if exists " + DATABASE + " with (force)");
            statement.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot make the database " + DATABASE + " at " + SERVER, e);
        }
    }

    /** 48 random characters: longer than the 32 the production check asks for, never a known default. */
    private static String secret() {
        byte[] bytes = new byte[36];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void stop() {
        if (smtp != null) {
            smtp.stop();
        }
        if (keycloak != null) {
            keycloak.close();
        }
    }
}
