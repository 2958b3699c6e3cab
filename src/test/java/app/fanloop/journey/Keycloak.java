package app.fanloop.journey;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A real Keycloak for the integration tests: the distribution Maven unpacked under target/ (see pom.xml,
 * fanloop.keycloak.home), started as a plain Java process in dev mode with an in-memory database on a free
 * port, with docker/keycloak/fanloop-realm.json (as changed by the test) imported; and the few admin REST calls
 * the tests need. No Docker.
 */
final class Keycloak implements AutoCloseable {

    static final Path REALM = Paths.get("docker", "keycloak", "fanloop-realm.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    final int port;
    final String clientSecret;
    private final String adminPassword = UUID.randomUUID().toString();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Path log;
    private final Process process;

    /**
     * Starts Keycloak with the shipped realm as {@code change} leaves it; the client secret is handed over the way
     * compose does it (FANLOOP_OIDC_CLIENT_SECRET, the realm file's placeholder).
     */
    Keycloak(UnaryOperator<ObjectNode> change) {
        Path home = home();
        this.port = freePort();
        this.clientSecret = "it-" + UUID.randomUUID() + UUID.randomUUID();
        this.log = Paths.get("target", "keycloak-it.log").toAbsolutePath();
        try {
            ObjectNode realm = change.apply((ObjectNode) JSON.readTree(REALM.toFile()));
            Path imports = Files.createDirectories(home.resolve("data").resolve("import"));
            JSON.writerWithDefaultPrettyPrinter().writeValue(imports.resolve("fanloop-realm.json").toFile(), realm);
            ProcessBuilder builder = new ProcessBuilder(home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                    "--http-port=" + port, "--http-management-port=" + freePort(), "--import-realm", "--db=dev-mem",
                    "--health-enabled=false", "--metrics-enabled=false")
                    .redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            builder.environment().putAll(Map.of(
                    "KC_BOOTSTRAP_ADMIN_USERNAME", "admin",
                    "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword,
                    "FANLOOP_OIDC_CLIENT_SECRET", clientSecret,
                    "JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx768m"));
            this.process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where Maven unpacked the distribution (failsafe passes it; see pom.xml). */
    static Path home() {
        String home = System.getProperty("fanloop.keycloak.home");
        if (home == null || !Files.isExecutable(Paths.get(home, "bin", "kc.sh"))) {
            throw new IllegalStateException("Keycloak is not unpacked at fanloop.keycloak.home=" + home
                    + "; run the ITs with ./mvnw verify (the dependency plugin unpacks it in pre-integration-test)");
        }
        return Paths.get(home);
    }

    String url() {
        return "http://localhost:" + port;
    }

    String realmUrl() {
        return url() + "/realms/fanloop";
    }

    /** Waits until the realm answers its discovery document; fails with the log's tail if Keycloak stopped. */
    void awaitReady() {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak stopped (exit " + process.exitValue() + "):\n" + logTail());
            }
            try {
                HttpResponse<Void> discovery = http.send(HttpRequest.newBuilder(
                        URI.create(realmUrl() + "/.well-known/openid-configuration")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding());
                if (discovery.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            pause(Duration.ofMillis(500));
        }
        throw new IllegalStateException("Keycloak was not ready within " + READY_WITHIN + ":\n" + logTail());
    }

    /** The realm's settings changed through the admin API (a partial representation: only these fields change). */
    void updateRealm(Map<String, Object> fields) {
        admin("PUT", "/admin/realms/fanloop", fields);
    }

    /** Ends every Keycloak session of the user, as an admin does: their refresh tokens are refused from now on. */
    void endSessions(String username) {
        admin("POST", "/admin/realms/fanloop/users/" + userId(username) + "/logout", null);
    }

    /** How many Keycloak sessions (SSO) the user has. */
    int sessions(String username) {
        return admin("GET", "/admin/realms/fanloop/users/" + userId(username) + "/sessions", null).size();
    }

    private String userId(String username) {
        JsonNode users = admin("GET", "/admin/realms/fanloop/users?exact=true&username="
                + URLEncoder.encode(username, StandardCharsets.UTF_8), null);
        if (users.size() != 1) {
            throw new IllegalStateException("no single user " + username + ": " + users);
        }
        return users.get(0).get("id").asText();
    }

    private JsonNode admin(String method, String path, Object body) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url() + path))
                    .timeout(Duration.ofSeconds(10))
                    .header("Authorization", "Bearer " + adminToken());
            if (body == null) {
                request.method(method, HttpRequest.BodyPublishers.noBody());
            } else {
                request.header("Content-Type", "application/json")
                        .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            }
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
            }
            return response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private String adminToken() throws IOException, InterruptedException {
        String form = "grant_type=password&client_id=admin-cli&username=admin&password="
                + URLEncoder.encode(adminPassword, StandardCharsets.UTF_8);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create(url() + "/realms/master/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("no admin token: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).get("access_token").asText();
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops Keycloak and the JVM kc.sh started. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
