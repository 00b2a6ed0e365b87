package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The one API document a hosting panel integrates against: merged from the services, lint-clean, complete. */
class ApiDocumentsIT {
    private static final Path LINT = Path.of("../../events-schema/lint").toAbsolutePath().normalize();
    private static Api api;
    private static JsonNode merged;

    @BeforeAll
    static void fetch() {
        api = new Api(DevstackExtension.devstack().baseUrl(), DevstackExtension.devstack().tokens().fleetAdmin());
        Api.Reply reply = api.get("/api/v1/openapi.json");
        assertThat(reply.status()).isEqualTo(200);
        merged = reply.body();
    }

    @Test
    void spectral_finds_no_error_and_no_warning_in_the_merged_document() throws Exception {
        Path document = Files.createDirectories(Path.of("target")).resolve("openapi-merged.json");
        Files.writeString(document, merged.toPrettyString());
        Path spectral = LINT.resolve("node_modules/.bin/spectral");
        assertThat(spectral).as("Spectral is installed: the events-schema build runs 'npm install' in %s "
                + "(Node.js and npm are needed for the full test suite)", LINT).exists();
        Process lint;
        try {
            lint = new ProcessBuilder(spectral.toString(), "lint", "--ruleset", LINT.resolve(".spectral.yaml").toString(),
                    "--fail-severity=warn", document.toAbsolutePath().toString()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("Node.js is needed for the full test suite: install node and npm", e);
        }
        String output = new String(lint.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(lint.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(output).as(output).contains("No results with a severity of 'warn' or higher found");
        assertThat(lint.exitValue()).as(output).isZero();
    }

    @Test
    void every_service_is_in_it_and_every_operation_is_documented_for_client_generators() {
        assertThat(merged.get("openapi").asText()).startsWith("3.1");
        assertThat(merged.at("/servers/0/url").asText()).isEqualTo(DevstackExtension.devstack().baseUrl());
        assertThat(merged.at("/components/securitySchemes").has("bearer")).isTrue();
        assertThat(merged.path("paths").fieldNames()).toIterable().contains("/api/v1/vms", "/api/v1/operations/{operationId}",
                "/api/v1/hosts", "/api/v1/fleet/vms", "/api/v1/guest-os", "/api/v1/memory/hosts", "/api/v1/agent/hosts");
        Set<String> operationIds = new HashSet<>();
        List<String> undocumented = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = merged.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                JsonNode operation = op.getValue();
                String where = op.getKey() + " " + path.getKey();
                assertThat(operationIds.add(operation.path("operationId").asText())).as("unique operationId: %s", where)
                        .isTrue();
                if (operation.path("operationId").asText().isEmpty() || operation.path("summary").asText().isEmpty()
                        || operation.path("description").asText().isEmpty() || operation.path("tags").isEmpty()) {
                    undocumented.add(where);
                }
                assertThat(operation.path("responses").has("401")).as(where).isTrue();
                operation.path("responses").fields().forEachRemaining(response -> {
                    JsonNode problem = response.getValue().at("/content/application~1problem+json");
                    if (!problem.isMissingNode()) {
                        assertThat(problem.has("example") || problem.has("examples"))
                                .as("an example of the %s problem of %s", response.getKey(), where).isTrue();
                    }
                });
            }
        }
        assertThat(undocumented).as("operations without operationId, summary, description or tag").isEmpty();
        assertThat(operationIds).contains("createVm", "listVms", "getOperation", "listHosts", "getFleetVm");
    }

    @Test
    void the_document_served_is_the_one_the_panel_client_was_generated_from() throws IOException {
        // written at build time by the same merger over the services' stored documents (system-tests pom)
        JsonNode buildTime = new ObjectMapper()
                .readTree(Path.of("target/openapi/hyperplane-openapi.json").toFile());
        JsonNode served = merged.deepCopy();
        ((ObjectNode) served).remove("servers");
        ((ObjectNode) buildTime).remove("servers");
        assertThat(served).isEqualTo(buildTime);
    }

    @Test
    void every_list_pages_with_limit_and_cursor() {
        List<String> unpaged = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths = merged.path("paths").fields(); paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            JsonNode get = path.getValue().path("get");
            JsonNode schema = get.at("/responses/200/content/application~1json/schema");
            if (get.isMissingNode() || schema.isMissingNode()) {
                continue;
            }
            Set<String> query = new HashSet<>();
            get.path("parameters").forEach(p -> {
                if ("query".equals(p.path("in").asText())) {
                    query.add(p.path("name").asText());
                }
            });
            boolean array = "array".equals(schema.path("type").asText());
            boolean page = schema.path("$ref").asText().startsWith("#/components/schemas/Page");
            if (array || page && !query.containsAll(Set.of("limit", "cursor"))) {
                unpaged.add(path.getKey());
            }
        }
        assertThat(unpaged).as("lists answering a bare array, or a page without limit and cursor").isEmpty();
    }

    @Test
    void the_yaml_rendering_is_the_same_document() {
        Api.Reply yaml = api.getText("/api/v1/openapi.yaml");
        assertThat(yaml.status()).isEqualTo(200);
        assertThat(yaml.raw().body()).contains("openapi: \"3.1.0\"", "operationId: \"createVm\"");
    }

    @Test
    void one_swagger_ui_shows_the_merged_document() {
        Api.Reply page = api.getText("/api/docs/");
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.raw().body()).contains("swagger-ui-bundle.js", "swagger-initializer.js");
        assertThat(api.getText("/api/docs/swagger-initializer.js").raw().body()).contains("/api/v1/openapi.json");
        assertThat(api.getText("/api/docs/swagger-ui-bundle.js").status()).isEqualTo(200);
        assertThat(api.getText("/api/docs/../../etc/passwd").status()).isEqualTo(404);
    }

    /** Integrations read the event contract from the gateway; each CloudEvent names its schema by a URL that answers. */
    @Test
    void the_asyncapi_document_and_every_dataschema_url_answer() throws Exception {
        Api.Reply asyncapi = api.getText("/api/v1/asyncapi.yaml");
        assertThat(asyncapi.status()).isEqualTo(200);
        JsonNode doc = new ObjectMapper(new YAMLFactory()).readTree(asyncapi.raw().body());
        List<String> payloads = new ArrayList<>();
        doc.at("/components/messages").forEach(message -> payloads.add(message.at("/payload/$ref").asText()));
        assertThat(payloads).isNotEmpty();
        for (String ref : payloads) {
            assertThat(api.get("/api/v1/" + ref).status()).as(ref).isEqualTo(200);
        }
        String base = DevstackExtension.devstack().baseUrl();
        try (var kafka = new dev.hyperplane.testsupport.KafkaTestClient(
                DevstackExtension.devstack().kafkaBootstrapServers())) {
            var records = kafka.readUntil("hyperplane.host.events", java.time.Duration.ofSeconds(30),
                    seen -> !seen.isEmpty());
            String dataschema = new String(records.get(0).headers().lastHeader("ce_dataschema").value(),
                    StandardCharsets.UTF_8);
            assertThat(dataschema).startsWith(base + "/api/v1/schemas/dev.hyperplane.host.");
            Api.Reply schema = api.get(dataschema.substring(base.length()));
            assertThat(schema.status()).isEqualTo(200);
            assertThat(schema.body().get("$id").asText()).startsWith("urn:hyperplane:schema:dev.hyperplane.host.");
        }
    }
}
