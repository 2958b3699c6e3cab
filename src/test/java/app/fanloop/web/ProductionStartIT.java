package app.fanloop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The packaged app (target/quarkus-app, after {@code package}) started in prod mode as an operator would, with
 * environment variables only: a bad configuration is refused before any other start work, one line per problem,
 * exit status 1 (and as JSON lines when QUARKUS_LOG_CONSOLE_JSON_ENABLED=true); a good one starts, is ready with
 * the database and the mail server (GreenMail) on the management port, and stops cleanly on SIGTERM.
 */
class ProductionStartIT {

    private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
    private static final String SECRET = "Zq3vN8xR2kLp7WmT4yHc9BfJ6dGs1QeA";

    /** What every start here shares: the database of the test run, ports of its own, nothing from the shell. */
    private static Map<String, String> base() throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", System.getenv("PATH"));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", System.getProperty("quarkus.datasource.jdbc.url",
                "jdbc:postgresql://127.0.0.1:5432/fanloop_test"));
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(freePort()));
        env.put("QUARKUS_MANAGEMENT_HOST", "127.0.0.1");
        env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(freePort()));
        return env;
    }

    /** Problems: no site URL, the dev webhook key, no client secret, a short cookie key, a mail server not there. */
    private static Map<String, String> bad() throws IOException {
        Map<String, String> env = base();
        env.put("FANLOOP_NOTIFICATION_UNSUBSCRIBE_SECRET", SECRET);
        env.put("FANLOOP_WEBHOOKS_SECRET_KEY", "dev-only-not-secret");
        env.put("QUARKUS_OIDC_AUTH_SERVER_URL", "http://127.0.0.1:" + freePort() + "/realms/fanloop");
        env.put("QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET", "short");
        env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
        env.put("QUARKUS_MAILER_PORT", Integer.toString(freePort()));
        return env;
    }

    @Test
    void a_bad_configuration_is_refused_with_one_line_per_problem_and_status_1() throws Exception {
        Map<String, String> env = bad();
        Run run = start(env);
        assertEquals(1, run.exit(), run.output());
        String out = run.output();
        for (String line : List.of("FANLOOP_SITE_URL is not set: the public address for links in e-mail and feeds",
                "FANLOOP_WEBHOOKS_SECRET_KEY is a published example value, not a secret",
                "QUARKUS_OIDC_CREDENTIALS_SECRET is not set",
                "QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET is too short (5 characters)",
                "The mail server 127.0.0.1:" + env.get("QUARKUS_MAILER_PORT") + " (QUARKUS_MAILER_HOST, QUARKUS_MAILER_PORT) "
                        + "does not accept a connection",
                "Fanloop did not start: 5 problems in its configuration")) {
            assertEquals(1, out.lines().filter(l -> l.contains(line)).count(), "once: " + line + "\n" + out);
        }
        assertFalse(out.contains("UNSUBSCRIBE_SECRET"), "a good secret is not named");
        assertFalse(out.contains("Migrating schema") || out.contains("Listening on"), "refused before other start work");
        assertTrue(out.lines().filter(l -> l.contains("FANLOOP_SITE_URL")).allMatch(l -> !l.startsWith("{")), "plain text");
    }

    @Test
    void json_logs_are_switched_on_by_the_environment() throws Exception {
        Map<String, String> env = bad();
        env.put("QUARKUS_LOG_CONSOLE_JSON_ENABLED", "true");
        Run run = start(env);
        assertEquals(1, run.exit(), run.output());
        ObjectMapper json = new ObjectMapper();
        JsonNode site = null;
        for (String line : run.output().lines().filter(l -> l.startsWith("{")).toList()) {
            JsonNode record = json.readTree(line);
            if (record.path("message").asText().startsWith("FANLOOP_SITE_URL is not set")) {
                site = record;
            }
        }
        assertTrue(site != null, "the problem is a JSON log record: " + run.output());
        assertEquals("ERROR", site.path("level").asText());
        assertEquals(StartupCheck.class.getName(), site.path("loggerName").asText());
    }

    @Test
    void a_good_configuration_starts_is_ready_with_database_and_mail_and_stops_cleanly() throws Exception {
        GreenMail smtp = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
        Process app = null;
        try {
            Map<String, String> env = base();
            env.put("FANLOOP_SITE_URL", "https://fans.example.com");
            env.put("FANLOOP_NOTIFICATION_UNSUBSCRIBE_SECRET", SECRET + "1");
            env.put("FANLOOP_WEBHOOKS_SECRET_KEY", SECRET + "2");
            // Bearer tokens only (no browser sign-in, so no client secret): checked against a key made here.
            var keys = KeyPairGenerator.getInstance("RSA");
            keys.initialize(2048);
            String publicKey = Base64.getEncoder().encodeToString(keys.generateKeyPair().getPublic().getEncoded());
            env.put("QUARKUS_OIDC_APPLICATION_TYPE", "service");
            env.put("QUARKUS_OIDC_PUBLIC_KEY", publicKey);
            env.put("QUARKUS_OIDC_API_PUBLIC_KEY", publicKey);
            env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
            env.put("QUARKUS_MAILER_PORT", Integer.toString(smtp.getSmtp().getPort()));
            env.put("QUARKUS_MAILER_FROM", "Fanloop <no-reply@fans.example.com>");
            Path log = Files.createTempFile("fanloop-prod", ".log");
            app = process(env, log);
            String health = "http://127.0.0.1:" + env.get("QUARKUS_MANAGEMENT_PORT") + "/q/health/ready";
            HttpResponse<String> ready = waitForReady(app, health, log);
            JsonNode body = new ObjectMapper().readTree(ready.body());
            assertEquals("UP", body.path("status").asText(), ready.body());
            boolean database = false;
            boolean mail = false;
            boolean stopping = false;
            for (JsonNode check : body.path("checks")) {
                stopping |= check.path("name").asText().equals("Graceful Shutdown");
                database |= check.path("name").asText().equals("Database connections health check")
                        && check.path("status").asText().equals("UP");
                mail |= check.path("name").asText().equals("mail") && check.path("data").path("reachable").asBoolean();
            }
            assertTrue(database && mail && stopping, ready.body());

            app.destroy();
            assertTrue(app.waitFor(60, TimeUnit.SECONDS), "stops on SIGTERM");
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(out.contains("Start-up check passed"), out);
            assertTrue(out.contains("fanloop stopped in"), out);
            assertFalse(out.contains(" ERROR "), "a clean stop: " + out);
        } finally {
            if (app != null && app.isAlive()) {
                app.destroyForcibly();
            }
            smtp.stop();
        }
    }

    private static HttpResponse<String> waitForReady(Process app, String url, Path log) throws Exception {
        // HTTP/1.1 as probes and curl speak it (no h2c upgrade).
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline && app.isAlive()) {
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return response;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not ready: " + Files.readString(log, StandardCharsets.UTF_8));
    }

    record Run(int exit, String output) {
    }

    private static Run start(Map<String, String> env) throws Exception {
        Path log = Files.createTempFile("fanloop-prod", ".log");
        Process process = process(env, log);
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("still running: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
    }

    private static Process process(Map<String, String> env, Path log) throws IOException {
        assertTrue(Files.exists(JAR), "package first: " + JAR.toAbsolutePath());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m", "-jar", JAR.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        return builder.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
