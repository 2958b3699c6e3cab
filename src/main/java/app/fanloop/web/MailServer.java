package app.fanloop.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;

import io.quarkus.runtime.LaunchMode;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Whether the SMTP server the mailer sends through (quarkus.mailer.*) accepts a connection: it connects, reads the
 * 220 greeting, says EHLO, reads the 250 answer and QUITs, each step within {@code fanloop.operations.mail-timeout}.
 * With implicit TLS (quarkus.mailer.tls=true, port 465) it stops at the TCP connection: the handshake and the
 * certificate are the mailer's business, and nothing secret is ever sent here. The start-up check asks once; the
 * health checks reuse an answer for {@code mail-check-every}, so polling does not hammer the server.
 */
@ApplicationScoped
public class MailServer {

    /** The mailer's settings this check reads. */
    public record Settings(boolean mock, Optional<String> host, int port, boolean tls) {

        public String address() {
            return host.orElse("(no host)") + ":" + port;
        }

        /** The settings as the mailer reads them: only an explicitly set host counts (its default is localhost). */
        public static Settings of(Config config) {
            boolean mock = config.getOptionalValue("quarkus.mailer.mock", Boolean.class)
                    .orElse(LaunchMode.current() != LaunchMode.NORMAL);
            var host = config.getConfigValue("quarkus.mailer.host");
            boolean set = host.getValue() != null && !host.getValue().isBlank()
                    && !isDefault(host);
            boolean tls = config.getOptionalValue("quarkus.mailer.tls", Boolean.class).orElse(false);
            int port = config.getOptionalValue("quarkus.mailer.port", Integer.class).orElse(tls ? 465 : 25);
            return new Settings(mock, set ? Optional.of(host.getValue().strip()) : Optional.empty(), port, tls);
        }

        /** Whether a value is only the extension's default (sources of defaults have the lowest ordinals). */
        private static boolean isDefault(org.eclipse.microprofile.config.ConfigValue value) {
            return value.getSourceOrdinal() <= Integer.MIN_VALUE + 1000 || value.getSourceName() == null
                    || value.getSourceName().toLowerCase(java.util.Locale.ROOT).contains("default");
        }
    }

    /** One look at the server: when, and what went wrong (empty: it answered). */
    public record Status(Settings settings, Optional<String> error, Instant checkedAt) {
        public boolean up() {
            return settings.mock() || error.isEmpty();
        }
    }

    private final Settings settings;
    private final Duration timeout;
    private final long reuseNanos;
    private volatile Status last;
    private volatile long lastAt;

    MailServer(Config config, OperationsConfig operations) {
        this.settings = Settings.of(config);
        this.timeout = operations.mailTimeout();
        this.reuseNanos = operations.mailCheckEvery().toNanos();
    }

    public Settings settings() {
        return settings;
    }

    /** The last look if it is recent enough, else a new one (at most one connection at a time per node). */
    public synchronized Status status() {
        long now = System.nanoTime();
        if (last == null || now - lastAt >= reuseNanos) {
            Optional<String> error = settings.mock() ? Optional.empty()
                    : settings.host().isEmpty() ? Optional.of("quarkus.mailer.host is not set")
                            : probe(settings.host().get(), settings.port(), settings.tls(), timeout);
            last = new Status(settings, error, SiteClock.current());
            lastAt = System.nanoTime();
        }
        return last;
    }

    /** Connects and greets the server; what went wrong, or empty when it answered as an SMTP server should. */
    public static Optional<String> probe(String host, int port, boolean tls, Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), millis);
            if (tls) {
                return Optional.empty();
            }
            socket.setSoTimeout(millis);
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            String greeting = reply(in);
            if (!greeting.startsWith("220")) {
                return Optional.of("it greeted with \"" + greeting + "\" instead of 220");
            }
            out.write("EHLO fanloop\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String ehlo = reply(in);
            if (!ehlo.startsWith("250")) {
                return Optional.of("it answered EHLO with \"" + ehlo + "\"");
            }
            out.write("QUIT\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return Optional.empty();
        } catch (IOException e) {
            return Optional.of(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        }
    }

    /** The last line of a (possibly multi-line, "250-…" then "250 …") reply. */
    private static String reply(BufferedReader in) throws IOException {
        String line;
        do {
            line = in.readLine();
            if (line == null) {
                throw new IOException("the server closed the connection");
            }
        } while (line.length() > 3 && line.charAt(3) == '-');
        return line.length() > 200 ? line.substring(0, 200) : line;
    }
}
