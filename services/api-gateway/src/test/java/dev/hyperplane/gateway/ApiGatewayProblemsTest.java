package dev.hyperplane.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every error the API answers is problem+json, also those no service wrote: a request HTTP cannot read, a
 * service's HTTP layer refusing one before its application sees it, a service that does not answer. Real Vert.x
 * servers on loopback; the fuzz test found all three as bare status codes.
 */
class ApiGatewayProblemsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Vertx vertx;
    private static ApiGateway gateway;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        // a service whose HTTP layer refuses an oversized body with a bare 413, and answers the rest itself
        HttpServer service = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().startsWith("/api/v1/bare")) {
                request.response().setStatusCode(413).end();
            } else {
                request.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                        .end("{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"its own\"}");
            }
        });
        service.listen(0).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        port = freePort();
        gateway = new ApiGateway()
                .route("svc", "127.0.0.1", service.actualPort(), List.of("/api/v1/bare", "/api/v1/own"))
                .route("gone", "127.0.0.1", freePort(), List.of("/api/v1/gone"));
        gateway.listen(port);
    }

    @AfterAll
    static void stop() {
        gateway.close();
        vertx.close();
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "/api/v1/bare/thing, 413, Request Entity Too Large",
            "/api/v1/gone/thing, 502, Bad Gateway",
            "/api/v1/own/thing, 404, Not Found",
            "/api/v1/own/LONG, 414, Request-URI Too Long",
            // past 8 KB a cleartext HTTP/2 upgrade (which this client asks for) once answered a bare 431
            "/api/v1/own/thing?cursor=HUGE, 414, Request-URI Too Long"})
    void every_error_is_a_problem_with_its_status(String path, int status, String title) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                + path.replace("LONG", "x".repeat(5_000)).replace("HUGE", "x".repeat(20_000)))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asText()).isEqualTo(title);
    }

    /** A refused request closes its connection, and says so: the client's next request goes on a new one. */
    @Test
    void a_request_after_a_refused_one_is_answered() throws Exception {
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        for (int i = 0; i < 20; i++) {
            HttpResponse<String> refused = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/own/" + "x".repeat(5_000))).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> next = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port
                    + "/api/v1/own/thing")).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(414);
            assertThat(refused.headers().firstValue("Connection")).hasValue("close");
            assertThat(next.statusCode()).isEqualTo(404);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
