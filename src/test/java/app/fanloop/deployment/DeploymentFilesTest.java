package app.fanloop.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import app.fanloop.member.Role;

/**
 * The deployment files agree with the app and with each other: docker/compose.yml, the Keycloak realm it imports
 * (docker/keycloak/fanloop-realm.json), docker/Dockerfile, docker/.env.example and application.properties. Docker is
 * not needed: the files are parsed, so a renamed client, a role claim in the wrong place, a redirect URI for another
 * address or a forgotten production variable fails here, not on an operator's first sign-in.
 */
class DeploymentFilesTest {

    static final Path COMPOSE = Path.of("docker/compose.yml");
    static final Path REALM = Path.of("docker/keycloak/fanloop-realm.json");
    static final Path DOCKERFILE = Path.of("docker/Dockerfile");
    static final Path ENV_EXAMPLE = Path.of("docker/.env.example");
    static final Path PROPERTIES = Path.of("src/main/resources/application.properties");

    /**
     * What production must be given (the start contract): the site's address, the database, the identity provider,
     * the four secrets and the mail server. Without one of these the app refuses to start or cannot work.
     */
    static final List<String> PRODUCTION_REQUIRES = List.of("FANLOOP_SITE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
            "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_OIDC_AUTH_SERVER_URL",
            "QUARKUS_OIDC_CREDENTIALS_SECRET", "QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET",
            "FANLOOP_NOTIFICATION_UNSUBSCRIBE_SECRET", "FANLOOP_WEBHOOKS_SECRET_KEY", "QUARKUS_MAILER_HOST",
            "QUARKUS_MAILER_PORT");

    /** The secrets among them: never written into compose.yml, always taken from docker/.env. */
    static final List<String> SECRETS = List.of("QUARKUS_DATASOURCE_PASSWORD", "QUARKUS_OIDC_CREDENTIALS_SECRET",
            "QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET", "FANLOOP_NOTIFICATION_UNSUBSCRIBE_SECRET",
            "FANLOOP_WEBHOOKS_SECRET_KEY");

    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");
    /** Keycloak's placeholder in an imported realm file: ${VAR} or ${VAR:default}, filled from the environment. */
    private static final Pattern KEYCLOAK_PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?::[^}]*)?}");
    private static final ObjectMapper JSON = new ObjectMapper();

    // ---------------------------------------------------------------- compose ↔ the app

    @Test
    void compose_gives_the_app_every_setting_production_requires() throws IOException {
        Map<String, String> env = appEnvironment();
        for (String name : PRODUCTION_REQUIRES) {
            assertTrue(env.containsKey(name), "docker/compose.yml: service app sets no " + name);
            assertFalse(env.get(name).isBlank(), "docker/compose.yml: " + name + " is empty");
        }
        assertEquals("false", env.get("QUARKUS_MAILER_MOCK"), "the app must really send mail (QUARKUS_MAILER_MOCK=false)");
    }

    @Test
    void compose_takes_every_secret_from_the_env_file_and_fails_loudly_without_it() throws IOException {
        Map<String, String> env = rawAppEnvironment();
        Set<String> documented = envExampleNames();
        for (String name : SECRETS) {
            Matcher m = INTERPOLATION.matcher(env.get(name));
            assertTrue(m.matches(), name + " must be exactly ${VAR:?message}, not a value written into compose.yml: " + env.get(name));
            assertEquals(":?", m.group(2), name + " must use ${VAR:?message}, so a missing secret stops docker compose");
            assertTrue(documented.contains(m.group(1)), "docker/.env.example does not list " + m.group(1));
        }
        // Every ${VAR:?…} anywhere in the file is explained in .env.example, and .env.example ships no secret value.
        for (String name : requiredInterpolations(Files.readString(COMPOSE))) {
            assertTrue(documented.contains(name), "docker/.env.example does not list " + name);
        }
        for (String line : Files.readAllLines(ENV_EXAMPLE)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                assertTrue(line.endsWith("="), "docker/.env.example must leave secrets empty: " + line);
            }
        }
        assertTrue(Files.readAllLines(Path.of(".gitignore")).contains("docker/.env"), ".gitignore must keep docker/.env out of git");
    }

    @Test
    void app_waits_for_healthy_database_keycloak_and_mail() throws IOException {
        JsonNode services = compose().get("services");
        JsonNode dependsOn = services.get("app").get("depends_on");
        assertNotNull(dependsOn, "app has no depends_on");
        for (String service : List.of("db", "keycloak", "mailpit")) {
            assertEquals("service_healthy", dependsOn.path(service).path("condition").asText(),
                    "app must wait until " + service + " is healthy");
            assertTrue(services.get(service).has("healthcheck"), service + " has no healthcheck, so service_healthy never comes");
        }
        Map<String, String> env = appEnvironment();
        assertTrue(env.get("QUARKUS_DATASOURCE_JDBC_URL").startsWith("jdbc:postgresql://db:5432/"));
        assertEquals("mailpit", env.get("QUARKUS_MAILER_HOST"));
        assertTrue(services.get("mailpit").get("image").asText().startsWith("axllent/mailpit:"));
        assertEquals("1025", env.get("QUARKUS_MAILER_PORT"), "Mailpit's SMTP port");
    }

    @Test
    void database_keeps_its_data_in_a_named_volume() throws IOException {
        JsonNode compose = compose();
        JsonNode db = compose.get("services").get("db");
        assertTrue(db.get("image").asText().startsWith("postgres:15"), "PostgreSQL 15, as the app is built and tested on");
        String volume = StreamSupport.stream(db.get("volumes").spliterator(), false).map(JsonNode::asText)
                .filter(v -> v.endsWith(":/var/lib/postgresql/data")).findFirst()
                .orElseThrow(() -> new AssertionError("db keeps /var/lib/postgresql/data in no volume"));
        String name = volume.substring(0, volume.indexOf(':'));
        assertTrue(compose.get("volumes").has(name), "the volume " + name + " is not declared (a named volume survives 'down')");
        Map<String, String> dbEnv = environment(db);
        String url = appEnvironment().get("QUARKUS_DATASOURCE_JDBC_URL");
        assertEquals(dbEnv.get("POSTGRES_DB"), url.substring(url.lastIndexOf('/') + 1), "the app's database is the one db creates");
        assertEquals(dbEnv.get("POSTGRES_USER"), appEnvironment().get("QUARKUS_DATASOURCE_USERNAME"));
        assertEquals(rawEnvironment(db).get("POSTGRES_PASSWORD"), rawAppEnvironment().get("QUARKUS_DATASOURCE_PASSWORD"),
                "db and app must read the same password variable");
    }

    // ---------------------------------------------------------------- compose ↔ Keycloak and the realm

    @Test
    void keycloak_imports_the_realm_the_app_signs_in_with() throws IOException {
        JsonNode keycloak = compose().get("services").get("keycloak");
        assertTrue(keycloak.get("image").asText().startsWith("quay.io/keycloak/keycloak:26."), "Keycloak 26.x");
        List<String> command = StreamSupport.stream(keycloak.get("command").spliterator(), false).map(JsonNode::asText).toList();
        assertTrue(command.contains("--import-realm"), "keycloak must start with --import-realm: " + command);
        assertTrue(StreamSupport.stream(keycloak.get("volumes").spliterator(), false).map(JsonNode::asText)
                .anyMatch(v -> v.startsWith("./keycloak/fanloop-realm.json:/opt/keycloak/data/import/")),
                "the realm file must be mounted into /opt/keycloak/data/import/");
        String issuerPath = "/realms/" + realm().get("realm").asText();
        assertTrue(appEnvironment().get("QUARKUS_OIDC_AUTH_SERVER_URL").endsWith(issuerPath),
                "QUARKUS_OIDC_AUTH_SERVER_URL must name the imported realm: " + issuerPath);
    }

    @Test
    void the_issuer_is_the_browsers_address_while_the_app_talks_to_keycloak_inside_the_network() throws IOException {
        JsonNode keycloak = compose().get("services").get("keycloak");
        Map<String, String> kc = environment(keycloak);
        String publicUrl = kc.get("KC_HOSTNAME");
        assertNotNull(publicUrl, "KC_HOSTNAME (the address browsers use) fixes the issuer of every token");
        assertTrue(publicUrl.startsWith("http://") || publicUrl.startsWith("https://"),
                "KC_HOSTNAME must be a full URL for the dynamic back channel");
        assertEquals("true", kc.get("KC_HOSTNAME_BACKCHANNEL_DYNAMIC"),
                "the app reaches Keycloak by its service name: back-channel URLs must follow the request");
        int port = java.net.URI.create(publicUrl).getPort();
        assertTrue(ports(keycloak).contains(port + ":" + port),
                "Keycloak must listen on " + port + " and publish it as " + port + ": " + ports(keycloak));
        assertEquals(String.valueOf(port), kc.get("KC_HTTP_PORT"));
        String authServer = appEnvironment().get("QUARKUS_OIDC_AUTH_SERVER_URL");
        assertTrue(authServer.startsWith("http://keycloak:" + port + "/"), "the app must call Keycloak inside the network: " + authServer);
    }

    @Test
    void realm_client_is_the_apps_client() throws IOException {
        String clientId = effective("quarkus.oidc.client-id");
        assertEquals(property("quarkus.oidc.client-id"), clientId, "compose overrides the client id of application.properties");
        JsonNode client = client(clientId);
        assertTrue(client.path("enabled").asBoolean(true), "the client is disabled");
        assertFalse(client.path("publicClient").asBoolean(false), "the app authenticates with a secret: a confidential client");
        assertTrue(client.path("standardFlowEnabled").asBoolean(true), "browsers sign in with the authorization-code flow");
        assertFalse(client.path("secret").asText().isBlank(), "the client has no secret");
        // The realm file fills the secret in from the same variable compose gives the app, so they cannot differ.
        String secret = client.path("secret").asText();
        Matcher placeholder = KEYCLOAK_PLACEHOLDER.matcher(secret);
        assertTrue(placeholder.matches(), "the realm's client secret must come from the environment: " + secret);
        String variable = placeholder.group(1);
        Matcher appSecret = INTERPOLATION.matcher(rawAppEnvironment().get("QUARKUS_OIDC_CREDENTIALS_SECRET"));
        assertTrue(appSecret.matches());
        assertEquals(variable, appSecret.group(1), "app and realm must take the client secret from the same variable");
        assertEquals(rawAppEnvironment().get("QUARKUS_OIDC_CREDENTIALS_SECRET"),
                rawEnvironment(compose().get("services").get("keycloak")).get(variable),
                "keycloak must be given " + variable + " to fill the realm's secret in");
    }

    @Test
    void realm_defines_the_roles_the_app_recognises() throws IOException {
        Set<String> roles = StreamSupport.stream(realm().path("roles").path("realm").spliterator(), false)
                .map(r -> r.get("name").asText()).collect(Collectors.toSet());
        assertTrue(roles.containsAll(List.of(Role.PM, Role.ADMIN)), "realm roles " + roles + " lack pm or admin");
        // The demo users of the README: alice the admin, paula the PM, bob and chen fans.
        Map<String, List<String>> users = new LinkedHashMap<>();
        realm().path("users").forEach(u -> users.put(u.get("username").asText(),
                StreamSupport.stream(u.path("realmRoles").spliterator(), false).map(JsonNode::asText).toList()));
        assertTrue(users.get("alice").contains(Role.ADMIN));
        assertTrue(users.get("paula").contains(Role.PM));
        assertFalse(users.get("bob").contains(Role.PM) || users.get("bob").contains(Role.ADMIN));
        assertFalse(users.get("chen").contains(Role.PM) || users.get("chen").contains(Role.ADMIN));
    }

    @Test
    void realm_roles_arrive_in_the_access_token_claim_the_app_reads() throws IOException {
        String claimPath = effective("quarkus.oidc.roles.role-claim-path");
        // Keycloak names a nested claim with dots (realm_access.roles); Quarkus's path uses slashes.
        String claim = claimPath.replace('/', '.');
        List<JsonNode> mappers = mappersOf(client(effective("quarkus.oidc.client-id")));
        boolean mapped = mappers.stream().anyMatch(m -> "oidc-usermodel-realm-role-mapper".equals(m.path("protocolMapper").asText())
                && claim.equals(m.path("config").path("claim.name").asText())
                && "true".equals(m.path("config").path("access.token.claim").asText())
                && "true".equals(m.path("config").path("multivalued").asText()));
        assertTrue(mapped, "no realm-role mapper puts the roles into the access token's claim '" + claim
                + "' (quarkus.oidc.roles.role-claim-path=" + claimPath + ")");
    }

    @Test
    void access_tokens_carry_the_audience_the_app_demands() throws IOException {
        String clientId = effective("quarkus.oidc.client-id");
        String audience = property("quarkus.oidc.token.audience").replace("${quarkus.oidc.client-id}", clientId);
        String override = appEnvironment().get("QUARKUS_OIDC_TOKEN_AUDIENCE");
        String wanted = override != null ? override : audience;
        boolean mapped = mappersOf(client(clientId)).stream()
                .anyMatch(m -> "oidc-audience-mapper".equals(m.path("protocolMapper").asText())
                        && wanted.equals(m.path("config").path("included.client.audience").asText())
                        && "true".equals(m.path("config").path("access.token.claim").asText()));
        assertTrue(mapped, "Keycloak does not put '" + wanted + "' into the access token's aud; the app refuses such bearer tokens");
    }

    @Test
    void realm_redirect_uris_cover_the_site_and_its_logout() throws IOException {
        String site = appEnvironment().get("FANLOOP_SITE_URL");
        JsonNode client = client(effective("quarkus.oidc.client-id"));
        List<String> redirects = StreamSupport.stream(client.path("redirectUris").spliterator(), false).map(JsonNode::asText).toList();
        assertTrue(redirects.contains(site + "/*"), "redirectUris " + redirects + " lack " + site + "/*");
        // Any page may start the sign-in (restore-path-after-redirect), so the callback may be any path of the site.
        assertTrue(covers(redirects, site + "/boards/camera"), "redirectUris do not cover the site's pages");
        String postLogout = client.path("attributes").path("post.logout.redirect.uris").asText();
        List<String> afterLogout = "+".equals(postLogout) ? redirects : Arrays.asList(postLogout.split("##"));
        String landing = site + property("quarkus.oidc.logout.post-logout-path");
        assertTrue(covers(afterLogout, landing), "post.logout.redirect.uris " + afterLogout + " do not allow " + landing);
    }

    // ---------------------------------------------------------------- Dockerfile

    @Test
    void dockerfile_builds_in_one_stage_and_runs_as_non_root_with_a_readiness_check() throws IOException {
        List<String> instructions = dockerInstructions();
        List<Integer> froms = new ArrayList<>();
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).startsWith("FROM ")) {
                froms.add(i);
            }
        }
        assertTrue(froms.size() >= 2, "a multi-stage build: build with the wrapper, run on a JRE");
        assertTrue(instructions.subList(froms.get(0), froms.get(1)).stream().anyMatch(i -> i.startsWith("RUN ") && i.contains("./mvnw")
                && i.contains("package")), "the build stage packages with the Maven wrapper");
        List<String> runtime = instructions.subList(froms.get(froms.size() - 1), instructions.size());
        assertTrue(runtime.get(0).contains("-jre"), "the runtime stage is a JRE: " + runtime.get(0));
        String user = runtime.stream().filter(i -> i.startsWith("USER ")).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the runtime stage sets no USER: it would run as root")).substring(5).strip();
        assertFalse(user.equals("root") || user.equals("0") || user.startsWith("0:") || user.startsWith("root:"), "USER " + user);
        String healthcheck = runtime.stream().filter(i -> i.startsWith("HEALTHCHECK ")).findFirst()
                .orElseThrow(() -> new AssertionError("no HEALTHCHECK"));
        assertTrue(healthcheck.contains("/q/health/ready"), healthcheck);
        // Production serves health on the management port only; the check must ask that port.
        assertTrue(healthcheck.contains(":" + "${QUARKUS_MANAGEMENT_PORT:-" + property("%prod.quarkus.management.port") + "}")
                || healthcheck.contains(":" + property("%prod.quarkus.management.port") + "/"),
                "the HEALTHCHECK must ask the management port: " + healthcheck);
        String expose = runtime.stream().filter(i -> i.startsWith("EXPOSE ")).findFirst().orElseThrow();
        assertTrue(Set.of(expose.substring(7).split("\\s+")).containsAll(Set.of("8080", "9000")), expose);
        // The compose file builds this file from the repository root.
        JsonNode build = compose().get("services").get("app").get("build");
        assertEquals("..", build.get("context").asText());
        assertEquals("docker/Dockerfile", build.get("dockerfile").asText());
        List<String> ignored = Files.readAllLines(Path.of(".dockerignore"));
        assertTrue(ignored.contains("target/") && ignored.contains(".git/") && ignored.contains("**/.env"),
                ".dockerignore must keep target/, .git/ and .env files out of the build context: " + ignored);
    }

    /**
     * The two hand-written probes, run here against a stand-in server: the image's HEALTHCHECK (curl on the management
     * port, which QUARKUS_MANAGEMENT_PORT moves) and Keycloak's (bash's /dev/tcp, as its image has no curl). Each must
     * pass on 200 and fail on 503, and ask the readiness path.
     */
    @Test
    void health_probes_tell_ready_from_not_ready() throws Exception {
        java.util.concurrent.atomic.AtomicInteger status = new java.util.concurrent.atomic.AtomicInteger();
        List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();
        com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer
                .create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            asked.add(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
        try {
            String port = Integer.toString(server.getAddress().getPort());
            String healthcheck = dockerInstructions().stream().filter(i -> i.startsWith("HEALTHCHECK ")).findFirst().orElseThrow();
            String image = healthcheck.substring(healthcheck.indexOf(" CMD ") + 5);
            JsonNode test = compose().get("services").get("keycloak").get("healthcheck").get("test");
            assertEquals("CMD-SHELL", test.get(0).asText());
            // Compose turns $$ into $; the probe asks Keycloak's management port, 9000, here the stand-in.
            String keycloak = test.get(1).asText().replace("$$", "$").replace("/dev/tcp/127.0.0.1/9000", "/dev/tcp/127.0.0.1/" + port);
            for (int code : List.of(200, 503)) {
                status.set(code);
                asked.clear();
                assertEquals(code == 200, run(List.of("sh", "-c", image), Map.of("QUARKUS_MANAGEMENT_PORT", port)) == 0,
                        "the image's HEALTHCHECK on " + code + ": " + image);
                assertEquals(List.of("/q/health/ready"), asked);
                asked.clear();
                assertEquals(code == 200, run(List.of("bash", "-c", keycloak), Map.of()) == 0,
                        "Keycloak's healthcheck on " + code + ": " + keycloak);
                assertEquals(List.of("/health/ready"), asked);
            }
        } finally {
            server.stop(0);
        }
    }

    static int run(List<String> command, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
        if (!p.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return p.exitValue();
    }

    // ---------------------------------------------------------------- reading the files

    static JsonNode compose() throws IOException {
        try (Reader r = Files.newBufferedReader(COMPOSE)) {
            return new ObjectMapper(new YAMLFactory()).readTree(r);
        }
    }

    static JsonNode realm() throws IOException {
        if (!Files.exists(REALM)) {
            fail(REALM + " is missing (it comes from the branch 'keycloak')");
        }
        return JSON.readTree(REALM.toFile());
    }

    static JsonNode client(String clientId) throws IOException {
        for (JsonNode c : realm().path("clients")) {
            if (clientId.equals(c.path("clientId").asText())) {
                return c;
            }
        }
        throw new AssertionError("the realm has no client '" + clientId + "'");
    }

    /** The client's own mappers and those of the client scopes it has by default that the realm file defines. */
    static List<JsonNode> mappersOf(JsonNode client) throws IOException {
        List<JsonNode> mappers = new ArrayList<>();
        client.path("protocolMappers").forEach(mappers::add);
        Set<String> scopes = new LinkedHashSet<>();
        client.path("defaultClientScopes").forEach(s -> scopes.add(s.asText()));
        for (JsonNode scope : realm().path("clientScopes")) {
            if (scopes.contains(scope.path("name").asText())) {
                scope.path("protocolMappers").forEach(mappers::add);
            }
        }
        return mappers;
    }

    /** Keycloak's redirect URI matching: exact, or a prefix when the pattern ends with '*'. */
    static boolean covers(List<String> patterns, String uri) {
        return patterns.stream().anyMatch(p -> p.endsWith("*") ? uri.startsWith(p.substring(0, p.length() - 1)) : uri.equals(p));
    }

    static List<String> ports(JsonNode service) {
        return StreamSupport.stream(service.path("ports").spliterator(), false).map(JsonNode::asText).toList();
    }

    static Map<String, String> rawEnvironment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isArray()) {
            node.forEach(e -> {
                String[] kv = e.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            });
        } else {
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }

    /** The environment as compose hands it over with an empty docker/.env: defaults filled in, required ones named. */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        rawEnvironment(service).forEach((k, v) -> env.put(k, interpolate(v)));
        return env;
    }

    static Map<String, String> rawAppEnvironment() throws IOException {
        return rawEnvironment(compose().get("services").get("app"));
    }

    static Map<String, String> appEnvironment() throws IOException {
        return environment(compose().get("services").get("app"));
    }

    static String interpolate(String value) {
        Matcher m = INTERPOLATION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String replacement = m.group(2) == null ? "" : m.group(2).endsWith("-") ? m.group(3) : "<" + m.group(1) + " from .env>";
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString().replace("$$", "$");
    }

    static Set<String> requiredInterpolations(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher m = INTERPOLATION.matcher(text);
        while (m.find()) {
            if (":?".equals(m.group(2)) || "?".equals(m.group(2))) {
                names.add(m.group(1));
            }
        }
        return names;
    }

    static Set<String> envExampleNames() throws IOException {
        return Files.readAllLines(ENV_EXAMPLE).stream().map(l -> l.replaceFirst("^#\\s*", ""))
                .filter(l -> l.matches("[A-Z_][A-Z0-9_]*=.*")).map(l -> l.substring(0, l.indexOf('=')))
                .collect(Collectors.toSet());
    }

    static String property(String key) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(PROPERTIES)) {
            p.load(r);
        }
        String value = p.getProperty(key);
        assertNotNull(value, "application.properties has no " + key);
        return value;
    }

    /** A setting as the app in compose sees it: the app service's environment variable, else application.properties. */
    static String effective(String key) throws IOException {
        String variable = key.toUpperCase().replaceAll("[^A-Z0-9]", "_");
        String fromCompose = appEnvironment().get(variable);
        return fromCompose != null ? fromCompose : property(key);
    }

    /** The Dockerfile's instructions, comments dropped and continued lines joined. */
    static List<String> dockerInstructions() throws IOException {
        List<String> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : Files.readAllLines(DOCKERFILE)) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && current.isEmpty())) {
                continue;
            }
            boolean continued = stripped.endsWith("\\");
            current.append(continued ? stripped.substring(0, stripped.length() - 1) : stripped).append(' ');
            if (!continued) {
                out.add(current.toString().strip().replaceAll("\\s+", " "));
                current.setLength(0);
            }
        }
        return out;
    }
}
