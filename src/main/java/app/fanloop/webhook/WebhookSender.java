package app.fanloop.webhook;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;

import app.fanloop.web.SiteClock;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Makes one signed POST to an endpoint with Vert.x's HTTP client (already in Quarkus), never following a redirect.
 * The host is resolved and checked by {@link OutboundAddresses} first, and the call connects to exactly that
 * address (the Host header and TLS name stay the URL's), so a name cannot be re-pointed at an internal address
 * between the check and the call. Calls are asynchronous: the job sends a whole batch at once and waits for all.
 */
@ApplicationScoped
public class WebhookSender {

    /** What to send. */
    public record Call(long deliveryId, String url, String secret, String eventType, String deliveryUuid, String body) {
    }

    /** How it went: the status code if one came back, the time it took, and what went wrong if anything did. */
    public record Result(Integer statusCode, int durationMs, String error) {
        public boolean delivered() {
            return statusCode != null && statusCode >= 200 && statusCode < 300;
        }
    }

    private final Vertx vertx;
    private final OutboundAddresses addresses;
    private final WebhookConfig config;
    private final SiteClock clock;
    private final HttpClient client;

    WebhookSender(Vertx vertx, OutboundAddresses addresses, WebhookConfig config, SiteClock clock) {
        this.vertx = vertx;
        this.addresses = addresses;
        this.config = config;
        this.clock = clock;
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) config.timeout().toMillis())
                .setForceSni(true)
                .setVerifyHost(true)
                .setMaxPoolSize(8)
                .setName("fanloop-webhooks"));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    public CompletableFuture<Result> send(Call call) {
        long started = System.nanoTime();
        OutboundAddresses.Target target;
        try {
            target = addresses.resolve(call.url());
        } catch (OutboundAddresses.Refused refused) {
            return CompletableFuture.completedFuture(new Result(null, 0, "refused: " + refused.getMessage()));
        }
        long timeoutMs = config.timeout().toMillis();
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(target.port(), target.address().getHostAddress()))
                .setHost(target.host())
                .setPort(target.port())
                .setSsl(target.tls())
                .setURI(target.pathAndQuery())
                .setFollowRedirects(false)
                .setConnectTimeout(timeoutMs)
                .putHeader("Content-Type", "application/json; charset=utf-8")
                .putHeader("User-Agent", "Fanloop-Webhooks/1")
                .putHeader("Fanloop-Event", call.eventType())
                .putHeader("Fanloop-Delivery", call.deliveryUuid())
                .putHeader(WebhookSignature.HEADER,
                        WebhookSignature.header(call.secret(), clock.now().getEpochSecond(), call.body()));
        CompletableFuture<Result> result = new CompletableFuture<>();
        client.request(options).onComplete(connected -> {
            if (connected.failed()) {
                result.complete(failure(started, connected.cause()));
                return;
            }
            HttpClientRequest request = connected.result();
            long timer = vertx.setTimer(timeoutMs,
                    id -> request.reset(0, new TimeoutException("no answer within " + config.timeout().toSeconds() + " s")));
            request.send(Buffer.buffer(call.body()))
                    .compose(response -> {
                        response.handler(ignored -> {
                        }); // the answer's body is not kept
                        return response.end().map(done -> response.statusCode());
                    })
                    .onComplete(answered -> {
                        vertx.cancelTimer(timer);
                        if (answered.failed()) {
                            result.complete(failure(started, answered.cause()));
                        } else {
                            int status = answered.result();
                            result.complete(new Result(status, elapsed(started),
                                    status >= 200 && status < 300 ? null : "HTTP " + status));
                        }
                    });
        });
        return result;
    }

    private static Result failure(long started, Throwable cause) {
        String text = cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        return new Result(null, elapsed(started), text.length() > 500 ? text.substring(0, 500) : text);
    }

    private static int elapsed(long started) {
        return (int) ((System.nanoTime() - started) / 1_000_000);
    }
}
