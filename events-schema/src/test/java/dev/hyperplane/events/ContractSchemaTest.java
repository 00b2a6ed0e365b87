package dev.hyperplane.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class ContractSchemaTest {
    static final List<MessageType> MESSAGES = EventCatalog.ALL;
    private final ObjectMapper mapper = EventJson.newMapper();

    @ParameterizedTest
    @FieldSource("MESSAGES")
    void sample_validates_against_its_committed_schema(MessageType type) throws Exception {
        JsonNode json = mapper.valueToTree(sample(type));
        assertThat(schema(type).validate(json)).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("MESSAGES")
    void schema_lists_every_component_and_requires_all_but_optional_additions(MessageType type) throws Exception {
        JsonNode schema = schemaJson(type);
        RecordComponent[] components = type.recordClass().getRecordComponents();
        Set<String> names = Arrays.stream(components).map(RecordComponent::getName).collect(Collectors.toSet());
        Set<String> optional = Arrays.stream(components).filter(c -> c.isAnnotationPresent(OptionalField.class))
                .map(RecordComponent::getName).collect(Collectors.toSet());
        Set<String> properties = new HashSet<>();
        schema.get("properties").fieldNames().forEachRemaining(properties::add);
        Set<String> required = new HashSet<>();
        schema.get("required").forEach(n -> required.add(n.asText()));

        assertThat(type.recordClass().isRecord()).isTrue();
        assertThat(properties).isEqualTo(names);
        assertThat(required).as("required: every component but the optional additions")
                .isEqualTo(names.stream().filter(n -> !optional.contains(n)).collect(Collectors.toSet()));
        for (RecordComponent c : components) {
            boolean mayBeNull = c.isAnnotationPresent(OptionalField.class) || c.isAnnotationPresent(Nullable.class);
            assertThat(allowsNull(schema.get("properties").get(c.getName())))
                    .as("%s allows null exactly when it is @Nullable or @OptionalField", c.getName())
                    .isEqualTo(mayBeNull);
        }
        assertThat(schema.get("$id").asText()).isEqualTo(type.dataSchema());
    }

    /** An older producer of the same version sends no optional field: it validates and reads as null. */
    @ParameterizedTest
    @FieldSource("MESSAGES")
    void a_message_without_its_optional_fields_is_valid_and_reads_them_as_null(MessageType type) throws Exception {
        ObjectNode json = mapper.valueToTree(sample(type));
        List<RecordComponent> optional = Arrays.stream(type.recordClass().getRecordComponents())
                .filter(c -> c.isAnnotationPresent(OptionalField.class)).toList();
        optional.forEach(c -> json.remove(c.getName()));

        assertThat(schema(type).validate(json)).isEmpty();
        Object read = mapper.treeToValue(json, type.recordClass());
        for (RecordComponent c : optional) {
            assertThat(c.getAccessor().invoke(read)).isNull();
        }
    }

    private static boolean allowsNull(JsonNode property) {
        JsonNode t = property.get("type");
        if (t == null) {
            return false;
        }
        if (t.isArray()) {
            for (JsonNode n : t) {
                if ("null".equals(n.asText())) {
                    return true;
                }
            }
            return false;
        }
        return "null".equals(t.asText());
    }

    @ParameterizedTest
    @FieldSource("MESSAGES")
    void sample_round_trips_through_json(MessageType type) throws Exception {
        PublicEvent sample = sample(type);
        String json = mapper.writeValueAsString(sample);
        assertThat(mapper.readValue(json, type.recordClass())).isEqualTo(sample);
    }

    @ParameterizedTest
    @FieldSource("MESSAGES")
    void schema_rejects_a_message_missing_a_field(MessageType type) throws Exception {
        ObjectNode json = mapper.valueToTree(sample(type));
        String dropped = json.fieldNames().next();
        json.remove(dropped);
        Set<ValidationMessage> errors = schema(type).validate(json);
        assertThat(errors).extracting(ValidationMessage::getMessage).anyMatch(m -> m.contains(dropped));
    }

    /** Everything about one aggregate in one partition: the key is the topic's key field, or the record's own. */
    @ParameterizedTest
    @FieldSource("MESSAGES")
    void every_message_is_keyed_by_its_topics_key_field(MessageType type) throws Exception {
        PublicEvent sample = sample(type);
        assertThat(sample.partitionKey()).isNotBlank();
        var keyField = Topics.keyField(type.topic());
        if (keyField.isPresent()) {
            assertThat(sample.partitionKey()).isEqualTo(
                    type.recordClass().getMethod(keyField.get()).invoke(sample));
        } else {
            assertThat(type.recordClass().getDeclaredMethod("partitionKey")).as("%s names its own key", type.ceType())
                    .isNotNull();
        }
    }

    @Test
    void catalog_types_and_topics_are_unique_and_known() {
        assertThat(EventCatalog.ALL).extracting(MessageType::ceType).doesNotHaveDuplicates()
                .allMatch(t -> t.matches("dev\\.hyperplane\\.[a-z.-]+\\.v\\d+"));
        assertThat(EventCatalog.ALL).extracting(MessageType::topic).allMatch(Topics.ALL::contains);
        assertThat(Samples.BY_CLASS.keySet()).containsExactlyInAnyOrderElementsOf(
                EventCatalog.ALL.stream().map(MessageType::recordClass).toList());
    }

    @Test
    void timestamps_are_iso_8601_strings() throws Exception {
        JsonNode json = mapper.valueToTree(Samples.BY_CLASS.get(dev.hyperplane.events.vm.VmStarted.class));
        assertThat(json.get("startedAt").asText()).isEqualTo("2026-11-26T10:15:30.123Z");
    }

    static PublicEvent sample(MessageType type) {
        return Samples.BY_CLASS.get(type.recordClass());
    }

    private JsonNode schemaJson(MessageType type) throws Exception {
        try (InputStream in = getClass().getResourceAsStream(type.schemaResource())) {
            assertThat(in).as("schema %s", type.schemaResource()).isNotNull();
            return mapper.readTree(in);
        }
    }

    private JsonSchema schema(MessageType type) throws Exception {
        return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(schemaJson(type));
    }
}
