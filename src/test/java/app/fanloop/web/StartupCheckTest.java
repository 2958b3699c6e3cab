package app.fanloop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The start-up check's rules on a configuration made here (one config source): each rule gives its line. */
class StartupCheckTest {

    private static final String GOOD_SECRET = "Zq3vN8xR2kLp7WmT4yHc9BfJ6dGs1QeA";

    /** A production configuration that passes. */
    static Map<String, String> good() {
        Map<String, String> settings = new HashMap<>();
        settings.put("quarkus.oidc.application-type", "hybrid");
        settings.put("fanloop.notification.unsubscribe-secret", GOOD_SECRET + "1");
        settings.put("fanloop.webhooks.secret-key", GOOD_SECRET + "2");
        settings.put("quarkus.oidc.credentials.secret", GOOD_SECRET + "3");
        settings.put("quarkus.oidc.token-state-manager.encryption-secret", GOOD_SECRET + "4");
        settings.put("fanloop.site.url", "https://fans.example.com");
        settings.put("quarkus.mailer.mock", "false");
        settings.put("quarkus.mailer.host", "smtp.example.com");
        settings.put("quarkus.mailer.port", "587");
        return settings;
    }

    private final List<String> probed = new ArrayList<>();

    private List<String> problems(Map<String, String> settings) {
        return problems(settings, Optional.empty());
    }

    private List<String> problems(Map<String, String> settings, Optional<String> mailError) {
        Config config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(settings, "test", 500)).build();
        return StartupCheck.problems(config, (host, port, tls) -> {
            probed.add(host + ":" + port + (tls ? " tls" : ""));
            return mailError;
        });
    }

    private static Map<String, String> without(String key) {
        Map<String, String> settings = good();
        settings.remove(key);
        return settings;
    }

    private static Map<String, String> with(String key, String value) {
        Map<String, String> settings = good();
        settings.put(key, value);
        return settings;
    }

    @Test
    void a_good_configuration_has_no_problem_and_its_mail_server_is_asked() {
        assertEquals(List.of(), problems(good()));
        assertEquals(List.of("smtp.example.com:587"), probed);
    }

    @Test
    void each_missing_secret_names_its_variable() {
        Map<String, String> keys = Map.of(
                "fanloop.notification.unsubscribe-secret", "FANLOOP_NOTIFICATION_UNSUBSCRIBE_SECRET is not set",
                "fanloop.webhooks.secret-key", "FANLOOP_WEBHOOKS_SECRET_KEY is not set",
                "quarkus.oidc.credentials.secret", "QUARKUS_OIDC_CREDENTIALS_SECRET is not set",
                "quarkus.oidc.token-state-manager.encryption-secret",
                "QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET is not set");
        keys.forEach((key, line) -> {
            List<String> problems = problems(without(key));
            assertEquals(1, problems.size(), key + ": " + problems);
            assertTrue(problems.get(0).startsWith(line), problems.get(0));
            assertTrue(problems.get(0).contains("openssl rand"), "says how to make one: " + problems.get(0));
        });
        assertEquals(List.of(), problems(with("quarkus.oidc.credentials.secret", " ")).stream()
                .filter(p -> !p.startsWith("QUARKUS_OIDC_CREDENTIALS_SECRET is not set")).toList(), "blank is unset");
    }

    @Test
    void a_short_secret_is_refused_with_its_length() {
        List<String> problems = problems(with("fanloop.webhooks.secret-key", "x".repeat(31)));
        assertEquals(List.of("FANLOOP_WEBHOOKS_SECRET_KEY is too short (31 characters): it seals the webhook signing "
                + "secrets in the database; set it to a random string of at least 32 characters, e.g. the output of: "
                + "openssl rand -base64 48"), problems);
        assertEquals(List.of(), problems(with("fanloop.webhooks.secret-key", "x".repeat(32))));
    }

    @Test
    void known_and_placeholder_values_are_refused_whatever_their_length() throws IOException {
        List<String> values = new ArrayList<>(List.of("dev-only-not-secret", "test-only-not-secret", "bench-only-not-secret",
                "change-me", "CHANGEME", "demo-only-fanloop-client-secret-never-in-prod",
                "this-is-a-long-value-but-not-secret-at-all-0123456789", "replace-me-with-32-random-characters-please"));
        values.addAll(exampleSecrets());
        for (String value : values) {
            List<String> problems = problems(with("fanloop.notification.unsubscribe-secret", value));
            assertEquals(1, problems.size(), value + ": " + problems);
            assertTrue(problems.get(0).startsWith("FANLOOP_NOTIFICATION_UNSUBSCRIBE_SECRET is a published example value"),
                    problems.get(0));
        }
    }

    /** The values the repository's deployment examples ship (docker/), when they carry any: none may pass. */
    private static List<String> exampleSecrets() throws IOException {
        List<String> found = new ArrayList<>();
        Path docker = Path.of("docker");
        if (!Files.isDirectory(docker)) {
            return found;
        }
        try (Stream<Path> files = Files.walk(docker)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json") || f.getFileName().toString().startsWith(".env"))
                    .toList()) {
                var m = java.util.regex.Pattern.compile("(?i)SECRET[A-Z_]*(?:=|:-?)([^\\s}\"]+)").matcher(Files.readString(file));
                while (m.find()) {
                    found.add(m.group(1));
                }
            }
        }
        return found;
    }

    @Test
    void browser_sign_in_secrets_are_not_asked_of_a_service() {
        Map<String, String> service = with("quarkus.oidc.application-type", "service");
        service.remove("quarkus.oidc.credentials.secret");
        service.remove("quarkus.oidc.token-state-manager.encryption-secret");
        assertEquals(List.of(), problems(service));

        Map<String, String> clientSecretValue = without("quarkus.oidc.credentials.secret");
        clientSecretValue.put("quarkus.oidc.credentials.client-secret.value", GOOD_SECRET + "5");
        assertEquals(List.of(), problems(clientSecretValue), "the other key of the client secret counts too");
    }

    @Test
    void the_site_url_must_be_set_and_absolute_http() {
        assertEquals(List.of("FANLOOP_SITE_URL is not set: the public address for links in e-mail and feeds, "
                + "e.g. https://fans.example.com"), problems(without("fanloop.site.url")));
        for (String bad : List.of("fans.example.com", "/fanloop", "ftp://fans.example.com", "https://", "http://exa mple.com")) {
            List<String> problems = problems(with("fanloop.site.url", bad));
            assertEquals(List.of("FANLOOP_SITE_URL is not an absolute http(s) address (\"" + bad + "\"): the public "
                    + "address for links in e-mail and feeds, e.g. https://fans.example.com"), problems, bad);
        }
        assertEquals(List.of(), problems(with("fanloop.site.url", "http://127.0.0.1:8080/")));
    }

    @Test
    void real_mail_needs_a_host_that_accepts_a_connection() {
        List<String> noHost = problems(without("quarkus.mailer.host"));
        assertEquals(1, noHost.size(), noHost.toString());
        assertTrue(noHost.get(0).startsWith("QUARKUS_MAILER_HOST is not set: the SMTP server"), noHost.get(0));
        assertEquals(List.of(), probed, "nothing to connect to");

        assertEquals(List.of("The mail server smtp.example.com:587 (QUARKUS_MAILER_HOST, QUARKUS_MAILER_PORT) does not "
                + "accept a connection: ConnectException: Connection refused"),
                problems(good(), Optional.of("ConnectException: Connection refused")));

        Map<String, String> implicitTls = without("quarkus.mailer.port");
        implicitTls.put("quarkus.mailer.tls", "true");
        problems(implicitTls);
        assertEquals("smtp.example.com:465 tls", probed.get(probed.size() - 1), "implicit TLS defaults to port 465");
    }

    @Test
    void the_mock_mailer_needs_no_server_and_is_only_warned_about() {
        Map<String, String> mock = with("quarkus.mailer.mock", "true");
        mock.remove("quarkus.mailer.host");
        assertEquals(List.of(), problems(mock));
        assertEquals(List.of(), probed);
        mock.put("quarkus.mailer.from", "Fanloop <no-reply@fanloop.invalid>");
        Config config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(mock, "test", 500)).build();
        List<String> warnings = StartupCheck.warnings(config);
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.get(0).startsWith("QUARKUS_MAILER_MOCK=true"), warnings.get(0));
        assertTrue(warnings.get(1).startsWith("QUARKUS_MAILER_FROM is Fanloop <no-reply@fanloop.invalid>"), warnings.get(1));
    }

    @Test
    void an_empty_configuration_lists_every_problem_at_once() {
        List<String> problems = problems(Map.of("quarkus.oidc.application-type", "hybrid", "quarkus.mailer.mock", "false"));
        assertEquals(List.of("FANLOOP_NOTIFICATION_UNSUBSCRIBE_SECRET", "FANLOOP_WEBHOOKS_SECRET_KEY",
                "QUARKUS_OIDC_CREDENTIALS_SECRET", "QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET", "FANLOOP_SITE_URL",
                "QUARKUS_MAILER_HOST"), problems.stream().map(p -> p.substring(0, p.indexOf(' '))).toList());
        problems.forEach(p -> assertTrue(!p.contains("\n"), "one line each: " + p));
    }
}
