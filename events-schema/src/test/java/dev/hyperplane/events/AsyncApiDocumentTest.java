package dev.hyperplane.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

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

    @Test
    void every_operation_points_at_a_channel() {
        doc.get("operations").forEach(op -> {
            String ref = op.at("/channel/$ref").asText().replace("#/channels/", "");
            assertThat(doc.at("/channels/" + ref).isMissingNode()).as(ref).isFalse();
        });
    }
}
