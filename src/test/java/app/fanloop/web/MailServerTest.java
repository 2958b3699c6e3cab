package app.fanloop.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;

/** The mail server check against a real SMTP server (GreenMail), a closed port and a server that is not SMTP. */
class MailServerTest {

    private GreenMail smtp;

    @BeforeEach
    void start() {
        smtp = new GreenMail(new ServerSetup(3025, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        smtp.start();
    }

    @AfterEach
    void stop() {
        smtp.stop();
    }

    @Test
    void a_running_smtp_server_answers_and_a_stopped_one_does_not() {
        int port = smtp.getSmtp().getPort();
        assertEquals(Optional.empty(), MailServer.probe("127.0.0.1", port, false, Duration.ofSeconds(5)));
        smtp.stop();
        Optional<String> down = MailServer.probe("127.0.0.1", port, false, Duration.ofSeconds(5));
        assertTrue(down.isPresent() && down.get().startsWith("ConnectException"), down.toString());
    }

    @Test
    void a_server_that_does_not_greet_like_smtp_is_not_taken_for_one() throws IOException {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread greeter = new Thread(() -> {
                try (var client = silent.accept()) {
                    client.getOutputStream().write("HTTP/1.1 400 Bad Request\r\n\r\n".getBytes());
                } catch (IOException ignored) {
                    // the probe has its answer
                }
            });
            greeter.start();
            Optional<String> problem = MailServer.probe("127.0.0.1", silent.getLocalPort(), false, Duration.ofSeconds(5));
            assertEquals(Optional.of("it greeted with \"HTTP/1.1 400 Bad Request\" instead of 220"), problem);
        }
    }

    @Test
    void a_recent_look_is_reused_so_polling_does_not_connect_every_time() {
        MailServer cached = server(Duration.ofHours(1));
        MailServer fresh = server(Duration.ZERO);
        assertTrue(cached.status().up());
        assertTrue(fresh.status().up());
        MailServer.Status before = cached.status();
        smtp.stop();
        assertTrue(cached.status().up(), "reused within mail-check-every");
        assertEquals(before.checkedAt(), cached.status().checkedAt());
        assertFalse(fresh.status().up(), "looked again");
    }

    private MailServer server(Duration every) {
        Config config = new SmallRyeConfigBuilder().withSources(new PropertiesConfigSource(Map.of(
                "quarkus.mailer.mock", "false", "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", Integer.toString(smtp.getSmtp().getPort())), "test", 500)).build();
        return new MailServer(config, new OperationsConfig() {
            @Override
            public Optional<Boolean> startupCheck() {
                return Optional.empty();
            }

            @Override
            public Duration mailTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public Duration mailCheckEvery() {
                return every;
            }

            @Override
            public Duration jobStopGrace() {
                return Duration.ZERO;
            }
        });
    }
}
