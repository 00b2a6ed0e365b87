package dev.hyperplane.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class AsyncApiDocumentTest {
    private static JsonNode doc;

    @BeforeAll
    static void load() throws Exception {
        try (InputStream in = AsyncApiDocumentTest.class.getResourceAsStream("/asyncapi.yaml")) {
            doc = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
    }

    @Test
    void is_asyncapi_3() {
        assertThat(doc.get("asyncapi").asText()).startsWith("3.");
    }

    @Test
    void every_message_payload_points_at_an_existing_schema() {
        List<String> payloads = new ArrayList<>();
        doc.at("/components/messages").forEach(m -> payloads.add(m.at("/payload/$ref").asText()));
        assertThat(payloads).isNotEmpty().allSatisfy(ref -> {
            assertThat(ref).startsWith("schemas/");
            assertThat(getClass().getResource("/" + ref)).as(ref).isNotNull();
        });
    }

    @Test
    void every_catalog_message_is_documented_on_its_topic() {
        Map<String, String> topicOfType = new HashMap<>();
        doc.get("channels").forEach(channel -> channel.get("messages").forEach(ref -> {
            String name = ref.get("$ref").asText().replace("#/components/messages/", "");
            JsonNode message = doc.at("/components/messages/" + name);
            assertThat(message.isMissingNode()).as("message %s", name).isFalse();
            topicOfType.put(message.get("name").asText(), channel.get("address").asText());
        }));
        Map<String, String> expected = new HashMap<>();
        EventCatalog.ALL.forEach(t -> expected.put(t.ceType(), t.topic()));
        assertThat(topicOfType).isEqualTo(expected);
    }

    /**
     * Each message shows one example as it travels: CloudEvents headers naming its type and the URL of its schema,
     * and a payload its committed schema accepts and that reads into its record. (The AsyncAPI parser does not
     * check examples against a payload schema in another file, so this test does.)
     */
    @Test
    void every_message_has_an_example_its_schema_accepts() throws Exception {
        ObjectMapper mapper = EventJson.newMapper();
        for (MessageType type : EventCatalog.ALL) {
            JsonNode message = null;
            for (JsonNode m : doc.at("/components/messages")) {
                if (m.path("name").asText().equals(type.ceType())) {
                    message = m;
                }
            }
            assertThat(message).as("message %s", type.ceType()).isNotNull();
            JsonNode example = message.path("examples").path(0);
            assertThat(example.isMissingNode()).as("an example of %s", type.ceType()).isFalse();
            assertThat(example.at("/headers/ce_type").asText()).isEqualTo(type.ceType());
            assertThat(example.at("/headers/ce_dataschema").asText())
                    .endsWith("/api/v1/schemas/" + type.ceType() + ".json");
            assertThat(example.at("/headers/ce_subject").asText()).as("ce_subject is the record key")
                    .isEqualTo(((PublicEvent) mapper.treeToValue(example.get("payload"), type.recordClass()))
                            .partitionKey());
            JsonNode schema;
            try (InputStream in = getClass().getResourceAsStream(type.schemaResource())) {
                schema = mapper.readTree(in);
            }
            assertThat(JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schema)
                    .validate(example.get("payload"))).as("the example of %s", type.ceType()).isEmpty();
        }
    }

    @Test
    void every_operation_points_at_a_channel() {
        doc.get("operations").forEach(op -> {
            String ref = op.at("/channel/$ref").asText().replace("#/channels/", "");
            assertThat(doc.at("/channels/" + ref).isMissingNode()).as(ref).isFalse();
        });
    }

    /**
     * The official AsyncAPI parser (lint/, installed by the build with npm) finds no error and no warning. Node.js
     * is needed: without it this test fails saying so, it is never skipped.
     */
    @Test
    void the_official_asyncapi_parser_finds_no_error_or_warning() throws Exception {
        Path lint = Path.of("lint").toAbsolutePath();
        assertThat(lint.resolve("node_modules/@asyncapi/parser")).as("the linters are installed: run 'npm install' "
                + "in %s (Node.js and npm are needed for the full test suite)", lint).exists();
        Process node;
        try {
            node = new ProcessBuilder("node", "asyncapi-validate.mjs",
                    Path.of("src/main/resources/asyncapi.yaml").toAbsolutePath().toString())
                    .directory(lint.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("Node.js is needed for the full test suite: install node and npm", e);
        }
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(node.waitFor(120, TimeUnit.SECONDS)).as("the parser finished").isTrue();
        assertThat(output).as(output).contains("asyncapi: 0 errors, 0 warnings, valid");
        assertThat(node.exitValue()).isZero();
    }
}
