package app.fanloop.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The first-run check: in production the node refuses to start while its configuration cannot work, listing every
 * problem on a line of its own that names the environment variable to set, then exits with status 1 — instead of
 * starting and failing later (a forged unsubscribe link, a session that does not survive a second node, mail that
 * silently never leaves). It runs before every other start work (priority 0: before DatabaseBootstrap's migrations,
 * the backfills and the first job), and only in the packaged app (launch mode NORMAL) unless
 * {@code fanloop.operations.startup-check} says otherwise.
 *
 * <p>Refused: a secret (unsubscribe links, webhook secrets, the OIDC client secret and the session cookie key — the
 * last two only when browsers sign in, i.e. application type web-app or hybrid) that is missing, shorter than 32
 * characters or a value known from this repository (dev, test, bench, the demo realm) or marked as a placeholder; a
 * site URL that is missing or not an absolute http(s) address; with real mail (quarkus.mailer.mock not true) a
 * missing SMTP host or one that does not accept a connection within {@code fanloop.operations.mail-timeout}. Only
 * warned about: the mock mailer (a deliberate choice: nothing is sent) and a sender address at .invalid.
 */
@ApplicationScoped
public class StartupCheck {

    private static final Logger LOG = Logger.getLogger(StartupCheck.class);

    static final int MIN_SECRET_LENGTH = 32;
    /** Secrets written in this repository (application.properties' dev and test values, bench/env.sh, the demo realm). */
    static final List<String> KNOWN_SECRETS = List.of("dev-only-not-secret", "test-only-not-secret",
            "bench-only-not-secret", "demo-only-fanloop-client-secret-never-in-prod", "change-me", "changeme", "secret");
    /** Words that mark a value as a placeholder, whatever its length. */
    static final List<String> PLACEHOLDER_MARKS = List.of("not-secret", "never-in-prod", "demo-only", "change-me",
            "changeme", "replace-me", "your-secret");

    /** A secret the node needs, the variable that sets it, and what it is for. */
    record Secret(String key, String variable, String purpose, boolean onlyForBrowserSignIn) {
    }

    static final List<Secret> SECRETS = List.of(
            new Secret("fanloop.notification.unsubscribe-secret", "FANLOOP_NOTIFICATION_UNSUBSCRIBE_SECRET",
                    "signs the one-click unsubscribe links in e-mail", false),
            new Secret("fanloop.webhooks.secret-key", "FANLOOP_WEBHOOKS_SECRET_KEY",
                    "seals the webhook signing secrets in the database", false),
            new Secret("quarkus.oidc.credentials.secret", "QUARKUS_OIDC_CREDENTIALS_SECRET",
                    "is the app's client secret at the OpenID Connect provider", true),
            new Secret("quarkus.oidc.token-state-manager.encryption-secret",
                    "QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET",
                    "encrypts the session cookie and must be the same on every node", true));

    /** Connects to the mail server; what went wrong, or empty. */
    @FunctionalInterface
    interface MailProbe {
        Optional<String> problem(String host, int port, boolean tls);
    }

    void onStart(@Observes @Priority(0) StartupEvent event, Config config, OperationsConfig operations) {
        if (!operations.startupCheck().orElse(LaunchMode.current() == LaunchMode.NORMAL)) {
            return;
        }
        warnings(config).forEach(LOG::warn);
        List<String> problems = problems(config,
                (host, port, tls) -> MailServer.probe(host, port, tls, operations.mailTimeout()));
        if (!problems.isEmpty()) {
            problems.forEach(LOG::error);
            throw new ConfigurationException("Fanloop did not start: " + problems.size()
                    + (problems.size() == 1 ? " problem" : " problems")
                    + " in its configuration, each on an ERROR line above. Set what they name and start it again.");
        }
        LOG.info("Start-up check passed: secrets, site URL and mail server");
    }

    /** Every problem of this configuration, one line each; none for a good one. */
    static List<String> problems(Config config, MailProbe probe) {
        List<String> problems = new ArrayList<>();
        boolean browsersSignIn = !"service".equalsIgnoreCase(
                config.getOptionalValue("quarkus.oidc.application-type", String.class).orElse("service"));
        for (Secret secret : SECRETS) {
            if (secret.onlyForBrowserSignIn() && !browsersSignIn) {
                continue;
            }
            Optional<String> value = value(config, secret.key());
            if (value.isEmpty() && secret.key().equals("quarkus.oidc.credentials.secret")) {
                value = value(config, "quarkus.oidc.credentials.client-secret.value");
            }
            secretProblem(secret, value).ifPresent(problems::add);
        }
        siteProblem(value(config, "fanloop.site.url")).ifPresent(problems::add);
        MailServer.Settings mail = MailServer.Settings.of(config);
        if (!mail.mock()) {
            if (mail.host().isEmpty()) {
                problems.add("QUARKUS_MAILER_HOST is not set: the SMTP server that sends notification e-mail, e.g. "
                        + "smtp.example.com (with QUARKUS_MAILER_PORT, QUARKUS_MAILER_USERNAME, QUARKUS_MAILER_PASSWORD)");
            } else {
                probe.problem(mail.host().get(), mail.port(), mail.tls()).ifPresent(error -> problems.add(
                        "The mail server " + mail.address() + " (QUARKUS_MAILER_HOST, QUARKUS_MAILER_PORT) does not "
                                + "accept a connection: " + error));
            }
        }
        return problems;
    }

    /** What works but is probably not meant in production. */
    static List<String> warnings(Config config) {
        List<String> warnings = new ArrayList<>();
        if (MailServer.Settings.of(config).mock()) {
            warnings.add("QUARKUS_MAILER_MOCK=true: this node sends no e-mail at all (mail is only logged)");
        }
        String from = value(config, "quarkus.mailer.from").orElse("");
        if (from.toLowerCase(Locale.ROOT).matches(".*\\.invalid>?\\s*$")) {
            warnings.add("QUARKUS_MAILER_FROM is " + from
                    + ": set the sender members see, e.g. Fanloop <no-reply@fans.example.com>");
        }
        return warnings;
    }

    static Optional<String> secretProblem(Secret secret, Optional<String> value) {
        String fix = "; set it to a random string of at least " + MIN_SECRET_LENGTH
                + " characters, e.g. the output of: openssl rand -base64 48";
        if (value.isEmpty()) {
            return Optional.of(secret.variable() + " is not set: it " + secret.purpose() + fix);
        }
        String v = value.get();
        String lower = v.toLowerCase(Locale.ROOT);
        if (KNOWN_SECRETS.contains(lower) || PLACEHOLDER_MARKS.stream().anyMatch(lower::contains)) {
            return Optional.of(secret.variable() + " is a published example value, not a secret: it "
                    + secret.purpose() + fix);
        }
        if (v.length() < MIN_SECRET_LENGTH) {
            return Optional.of(secret.variable() + " is too short (" + v.length() + " characters): it "
                    + secret.purpose() + fix);
        }
        return Optional.empty();
    }

    static Optional<String> siteProblem(Optional<String> value) {
        String what = ": the public address for links in e-mail and feeds, e.g. https://fans.example.com";
        if (value.isEmpty()) {
            return Optional.of("FANLOOP_SITE_URL is not set" + what);
        }
        try {
            URI uri = new URI(value.get());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return Optional.empty();
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        return Optional.of("FANLOOP_SITE_URL is not an absolute http(s) address (\"" + value.get() + "\")" + what);
    }

    /** A setting as written, blank counting as unset. */
    private static Optional<String> value(Config config, String key) {
        return config.getOptionalValue(key, String.class).map(String::strip).filter(v -> !v.isEmpty());
    }
}
