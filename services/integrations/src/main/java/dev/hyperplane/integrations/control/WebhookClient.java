package dev.hyperplane.integrations.control;

import dev.hyperplane.integrations.domain.DeliverySettings;
import dev.hyperplane.integrations.domain.TargetPolicy;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * Posts deliveries. The target's name is resolved here and every address it resolves to is checked against the
 * {@link TargetPolicy} before connecting; the connection then goes to the checked address (the URL's host still
 * names the server for TLS and the Host header), so a name that resolves elsewhere between check and connect
 * (DNS rebinding) cannot reach the provider's own networks. Redirects are not followed: a 3xx is a failed attempt,
 * so a public endpoint cannot bounce a delivery inward. Asynchronous (Vert.x): a slow endpoint holds no thread.
 */
@ApplicationScoped
public class WebhookClient {

    /**
     * What an attempt got back.
     *
     * @param status the HTTP status; null when no answer came
     * @param error  why no answer came, or why the address was refused
     */
    public record Answer(Integer status, String error, long latencyMs) {
    }

    @Inject
    Vertx vertx;
    @Inject
    TargetPolicy policy;
    @Inject
    DeliverySettings settings;

    private HttpClient client;

    @PostConstruct
    void open() {
        client = vertx.createHttpClient(new HttpClientOptions().setMaxPoolSize(8).setKeepAlive(true)
                .setConnectTimeout((int) settings.timeout().toMillis()));
    }

    @PreDestroy
    void close() {
        client.close();
    }

    /** Posts a body; resolves the name on the caller's thread (blocking), then sends without blocking. */
    public CompletionStage<Answer> post(String url, Map<String, String> headers, byte[] body) {
        long started = System.nanoTime();
        URI uri = URI.create(url);
        Optional<String> refused = policy.refusal(uri);
        InetAddress target = null;
        if (refused.isEmpty()) {
            try {
                List<InetAddress> addresses = Arrays.asList(InetAddress.getAllByName(uri.getHost()));
                refused = policy.refusal(uri.getHost(), addresses);
                target = addresses.get(0);
            } catch (UnknownHostException e) {
                refused = Optional.of(uri.getHost() + " does not resolve");
            }
        }
        if (refused.isPresent()) {
            return CompletableFuture.completedFuture(new Answer(null, refused.get(), elapsed(started)));
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        int port = uri.getPort() > 0 ? uri.getPort() : https ? 443 : 80;
        String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        long timeout = settings.timeout().toMillis();
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(port, target.getHostAddress()))
                .setHost(uri.getHost()).setPort(port).setSsl(https).setURI(path).setFollowRedirects(false)
                .setConnectTimeout(timeout).setTimeout(timeout);
        MultiMap requestHeaders = MultiMap.caseInsensitiveMultiMap();
        headers.forEach(requestHeaders::add);
        options.setHeaders(requestHeaders);
        CompletableFuture<Answer> answer = new CompletableFuture<>();
        client.request(options)
                .compose(request -> request.send(Buffer.buffer(body)))
                .compose(response -> response.body().map(ignored -> response.statusCode()))
                .onSuccess(status -> answer.complete(new Answer(status, null, elapsed(started))))
                .onFailure(e -> answer.complete(new Answer(null, describe(e), elapsed(started))));
        // a last guard: whatever the client does, the attempt ends
        return answer.completeOnTimeout(new Answer(null, "no answer within " + timeout + " ms", timeout + 1000),
                timeout + 1000, TimeUnit.MILLISECONDS);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.contains("timeout") || message.contains("Timeout") ? "no answer in time: " + message
                : "no answer: " + message;
    }

    private static long elapsed(long startedNanos) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedNanos);
    }
}
