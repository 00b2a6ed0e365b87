package dev.hyperplane.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** A service with several replicas behind the gateway: requests are spread, and a dead replica is passed over. */
class ApiGatewayReplicasTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private Vertx vertx;
    private ApiGateway gateway;
    private int port;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
    }

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
        vertx.close();
    }

    private int replica(String name) throws Exception {
        HttpServer server = vertx.createHttpServer().requestHandler(r -> r.response().end(name));
        return server.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS).actualPort();
    }

    private List<String> get(int times) throws Exception {
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/api/v1/things/1")).build(),
                    HttpResponse.BodyHandlers.ofString());
            answers.add(response.statusCode() + " " + response.body());
        }
        return answers;
    }

    private void listen(List<ApiGateway.Replica> replicas) throws IOException {
        port = freePort();
        gateway = new ApiGateway().route("svc", replicas, List.of("/api/v1/things"));
        gateway.listen(port);
    }

    @Test
    void requests_take_turns_over_the_replicas() throws Exception {
        listen(List.of(new ApiGateway.Replica("127.0.0.1", replica("one")),
                new ApiGateway.Replica("127.0.0.1", replica("two"))));

        assertThat(get(4)).containsExactlyInAnyOrder("200 one", "200 two", "200 one", "200 two");
    }

    @Test
    void a_replica_that_refuses_connections_is_passed_over() throws Exception {
        listen(List.of(new ApiGateway.Replica("127.0.0.1", freePort()), // killed, its port closed
                new ApiGateway.Replica("127.0.0.1", replica("alive"))));

        assertThat(get(4)).containsOnly("200 alive");
    }

    @Test
    void with_every_replica_down_the_answer_is_a_502_problem() throws Exception {
        listen(List.of(new ApiGateway.Replica("127.0.0.1", freePort()),
                new ApiGateway.Replica("127.0.0.1", freePort())));

        assertThat(get(1).get(0)).startsWith("502 ").contains("safe to retry");
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
