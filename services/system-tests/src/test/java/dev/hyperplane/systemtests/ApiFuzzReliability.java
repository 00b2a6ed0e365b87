package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hyperplane.devstack.Devstack;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 14's fuzz test: {@value #DEFAULT_REQUESTS} requests over every operation of the merged OpenAPI document
 * (bar the simulation's destructive fault injection), built by {@link SchemaFuzzer} from the schemas and broken on
 * purpose, as a fleet admin, a tenant admin, with no token or a forged one. No answer may be 500 or more, and
 * every 4xx must be problem+json whose {@code status} is the HTTP status. Runs in the {@code reliability} profile,
 * in a JVM and on a devstack of its own. Report in target/fuzz-report.md.
 */
class ApiFuzzReliability {
    private static final int DEFAULT_REQUESTS = 10_000;
    private static final int REQUESTS = Integer.getInteger("fuzz.requests", DEFAULT_REQUESTS);
    private static final long SEED = Long.getLong("fuzz.seed", 20261202);
    /** Fault injection that would break the simulation rather than test the API. */
    private static final Pattern DESTRUCTIVE = Pattern.compile(
            "/api/v1/agent/hosts/\\{hostId}/(power-loss|vms/\\{vmId}/.+)");

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void ten_thousand_mutated_requests_get_no_5xx_and_every_4xx_is_a_problem() throws Exception {
        Devstack devstack = DevstackExtension.devstack();
        Api admin = new Api(devstack.baseUrl(), devstack.tokens().fleetAdmin());
        String vmId = admin.running("fuzz", "fuzz-vm", 1024);
        JsonNode vm = admin.get("/api/v1/vms/" + vmId).body();
        JsonNode document = admin.get("/api/v1/openapi.json").body();
        SchemaFuzzer fuzzer = new SchemaFuzzer(document, SEED, Map.of("vmId", List.of(vmId),
                "hostId", List.of(vm.get("hostId").asText()), "tenantId", List.of("fuzz", "acme")));
        List<SchemaFuzzer.Operation> operations = fuzzer.operations(op -> DESTRUCTIVE.matcher(op.path()).matches());
        List<String> tokens = List.of(devstack.tokens().fleetAdmin(), devstack.tokens().tenant("tenant-admin", "fuzz"));
        Random callers = new Random(SEED);

        Map<String, Integer> byStatus = new TreeMap<>();
        List<String> violations = new ArrayList<>();
        for (int i = 0; i < REQUESTS; i++) {
            SchemaFuzzer.Request request = fuzzer.next(operations.get(i % operations.size()));
            int caller = callers.nextInt(20);
            String token = caller == 0 ? null : caller == 1 ? "forged.token.value" : tokens.get(caller % 5 == 0 ? 1 : 0);
            String verdict = judge(send(devstack.baseUrl(), request, token));
            byStatus.merge(verdict.substring(0, 3), 1, Integer::sum);
            if (verdict.length() > 3 && violations.size() < 10_000) {
                violations.add(request.method() + " " + abbreviate(request.path()) + " body "
                        + abbreviate(String.valueOf(request.body())) + " -> " + verdict);
            }
        }

        String report = report(operations.size(), byStatus, violations);
        System.out.println(report);
        Files.writeString(Files.createDirectories(Path.of("target")).resolve("fuzz-report.md"), report);
        assertThat(violations).as("answers of 500 or more, or a 4xx that is not problem+json").isEmpty();
        assertThat(byStatus.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(REQUESTS);
    }

    /** An answer, or why there was none. */
    private record Answer(HttpResponse<String> response, Exception failure) {
    }

    private Answer send(String baseUrl, SchemaFuzzer.Request request, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + request.path()))
                .timeout(Duration.ofSeconds(30))
                .method(request.method(), request.body() == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(request.body()));
        if (request.body() != null) {
            builder.header("Content-Type", "application/json");
        }
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        request.headers().forEach(builder::header);
        try {
            return new Answer(http.send(builder.build(), HttpResponse.BodyHandlers.ofString()), null);
        } catch (Exception e) {
            return new Answer(null, e);
        }
    }

    /** {@code NNN} when the answer is acceptable, {@code NNN <why>} when it is not ({@code 000}: no answer). */
    private static String judge(Answer answer) {
        HttpResponse<String> response = answer.response();
        if (response == null) {
            return "000 no answer: " + answer.failure();
        }
        int status = response.statusCode();
        if (status >= 500) {
            return status + " " + abbreviate(response.body());
        }
        if (status >= 400) {
            String type = response.headers().firstValue("Content-Type").orElse("");
            JsonNode body = SchemaFuzzer.parse(response.body());
            if (!type.startsWith("application/problem+json") || body == null || body.path("status").asInt() != status) {
                return status + " not problem+json (" + type + "): " + abbreviate(response.body());
            }
        }
        return String.valueOf(status);
    }

    private static String report(int operations, Map<String, Integer> byStatus, List<String> violations) {
        StringBuilder report = new StringBuilder("""
                # API fuzz

                %,d requests over %d operations of the merged OpenAPI document (seed %d).

                | status | answers |
                |---|---|
                """.formatted(REQUESTS, operations, SEED));
        byStatus.forEach((status, count) -> report.append("| ").append(status).append(" | ")
                .append(String.format("%,d", count)).append(" |\n"));
        report.append("\n").append(violations.size()).append(" violations (5xx, no answer, or a 4xx that is not "
                + "problem+json)\n");
        violations.stream().limit(50).forEach(v -> report.append("- ").append(v).append('\n'));
        return report.toString();
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replace('\n', ' ');
        return flat.length() > 160 ? flat.substring(0, 160) + "…" : flat;
    }
}
