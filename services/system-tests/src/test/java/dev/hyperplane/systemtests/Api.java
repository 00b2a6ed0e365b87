package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A hosting panel's view of Hyperplane: JSON over HTTP to the one base URL. */
final class Api {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Reply(int status, JsonNode body, HttpResponse<String> raw) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String baseUrl;
    private final String token;

    /** Calls with {@code token} as the bearer token (null: none). */
    Api(String baseUrl, String token) {
        this.baseUrl = baseUrl;
        this.token = token;
    }

    /** The same base URL with another caller's token. */
    Api as(String otherToken) {
        return new Api(baseUrl, otherToken);
    }

    Reply get(String path) {
        return send(request(path).GET());
    }

    Reply post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** A POST with an {@code Idempotency-Key}: the same key twice is one request. */
    Reply post(String path, String json, String idempotencyKey) {
        return send(request(path).header("Content-Type", "application/json")
                .header("Idempotency-Key", idempotencyKey).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Any method, for tables of endpoints; a body is sent as JSON when given. */
    Reply call(String method, String path, String json) {
        return send(request(path).header("Content-Type", "application/json").method(method,
                json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    Reply delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    Reply createVm(String tenant, String name, long memoryMb) {
        return createVm(tenant, name, memoryMb, "linux", "Ubuntu", "20.04 LTS");
    }

    Reply createVm(String tenant, String name, long memoryMb, String family, String distribution, String version) {
        return post("/api/v1/vms", """
                {"tenantId": "%s", "name": "%s", "vcpus": 1, "memoryMb": %d,
                 "guestOs": {"family": "%s", "distribution": "%s", "version": "%s"}}"""
                .formatted(tenant, name, memoryMb, family, distribution, version));
    }

    /** A GET whose answer is not JSON (a YAML document): the body stays text, in {@code raw()}. */
    Reply getText(String path) {
        HttpResponse<String> response = exchange(request(path).GET());
        return new Reply(response.statusCode(), null, response);
    }

    private Reply send(HttpRequest.Builder request) {
        HttpResponse<String> response = exchange(request);
        try {
            JsonNode body = response.body().isEmpty() ? null : JSON.readTree(response.body());
            return new Reply(response.statusCode(), body, response);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<String> exchange(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Creates an Ubuntu VM and waits until provisioning says it is Running; @return its id */
    String running(String tenant, String name, long memoryMb) {
        Reply created = createVm(tenant, name, memoryMb);
        assertThat(created.status()).as(String.valueOf(created.body())).isEqualTo(202);
        String vmId = created.body().get("vmId").asText();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(get("/api/v1/vms/" + vmId).body().get("state").asText()).isEqualTo("Running"));
        return vmId;
    }

    /** Waits until the operation a 202 answer points to is in {@code state}; shows the operation if not. */
    void awaitOperation(Reply accepted, String state) {
        assertThat(accepted.status()).as(String.valueOf(accepted.body())).isEqualTo(202);
        String operation = "/api/v1/operations/" + accepted.body().get("operationId").asText();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            JsonNode body = get(operation).body();
            assertThat(body.get("state").asText()).as(body.toString()).isEqualTo(state);
        });
    }
}
