package dev.hyperplane.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntUnaryOperator;

/**
 * A webhook endpoint for tests, on loopback. It verifies signatures with its own code, written from the Standard
 * Webhooks specification (not the service's): the key is the base64 after {@code whsec_}; the signed content is
 * {@code id.timestamp.body}; the header lists {@code v1,<base64 HMAC-SHA256>} entries separated by spaces, any of
 * which may match; a timestamp more than five minutes off is refused.
 */
public final class WebhookReceiver implements AutoCloseable {

    /** One request as it arrived, and what it was answered. */
    public record Request(String webhookId, long timestamp, List<String> signatures, String contentType, String body,
                          int status, Instant at) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile IntUnaryOperator answer = n -> 200;
    private volatile long delayMs;

    public WebhookReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** What to answer the n-th request (1 for the first). */
    public WebhookReceiver answering(IntUnaryOperator statusOfRequest) {
        this.answer = statusOfRequest;
        return this;
    }

    /** Holds every answer this long (longer than the service's timeout: a receiver that never answers). */
    public WebhookReceiver delaying(long millis) {
        this.delayMs = millis;
        return this;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** The requests answered 2xx. */
    public List<Request> accepted() {
        return requests.stream().filter(r -> r.status() / 100 == 2).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        String id = exchange.getRequestHeaders().getFirst("webhook-id");
        String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
        String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
        int status;
        synchronized (this) {
            status = answer.applyAsInt(requests.size() + 1);
            requests.add(new Request(id, timestamp == null ? 0 : Long.parseLong(timestamp),
                    signature == null ? List.of() : List.of(signature.split(" ")),
                    exchange.getRequestHeaders().getFirst("content-type"), new String(body, StandardCharsets.UTF_8),
                    status, Instant.now()));
        }
        if (delayMs > 0) {
            try {
                Thread.sleep(delayMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** Whether the request carries a valid signature under this secret, as the specification defines it. */
    public static boolean verifies(Request request, String secret) {
        if (request.webhookId() == null || Math.abs(Instant.now().getEpochSecond() - request.timestamp()) > 300) {
            return false;
        }
        try {
            byte[] key = Base64.getDecoder().decode(secret.substring("whsec_".length()));
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] expected = mac.doFinal((request.webhookId() + "." + request.timestamp() + "." + request.body())
                    .getBytes(StandardCharsets.UTF_8));
            List<byte[]> offered = new ArrayList<>();
            for (String entry : request.signatures()) {
                if (entry.startsWith("v1,")) {
                    offered.add(Base64.getDecoder().decode(entry.substring(3)));
                }
            }
            return offered.stream().anyMatch(s -> MessageDigest.isEqual(s, expected));
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
