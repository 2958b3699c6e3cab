package app.fanloop.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpServer;

/**
 * A real webhook receiver on loopback (the JDK's HTTP server): it keeps every request it gets and answers with the
 * scripted status codes in turn (then 200).
 */
final class Receiver implements AutoCloseable {

    /** One request as it arrived. */
    record Received(String path, Map<String, List<String>> headers, String body) {
        String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(e -> e.getValue().get(0)).orElse(null);
        }

        /** The payload's "id": the event id receivers de-duplicate on. */
        String eventId() {
            Matcher m = Pattern.compile("^\\{\"id\":\"([0-9a-f-]+)\"").matcher(body);
            return m.find() ? m.group(1) : null;
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Integer> script = new ConcurrentLinkedQueue<>();
    private volatile int otherwise = 200;

    Receiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(exchange.getRequestURI().toString(), Map.copyOf(exchange.getRequestHeaders()), body));
            }
            Integer status = script.poll();
            exchange.sendResponseHeaders(status == null ? otherwise : status, -1);
            exchange.close();
        });
        server.start();
    }

    /** The URL of this receiver at a path, e.g. url("/hooks"). */
    String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** Answers these status codes to the next requests, in order. */
    Receiver answering(Integer... statuses) {
        script.addAll(List.of(statuses));
        return this;
    }

    /** Answers this status code to every request not scripted. */
    Receiver otherwise(int status) {
        otherwise = status;
        return this;
    }

    List<Received> received() {
        return new ArrayList<>(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
