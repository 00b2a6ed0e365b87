package dev.hyperplane.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract's one rule for change, checked against each version as it was published
 * ({@code src/test/resources/published/}): a published version keeps every field with the same schema and the
 * same required set, and may gain optional fields only (not required, null allowed). Anything else is a new
 * major version ({@code .v2}) with a schema of its own, published alongside the old one, whose published copy is
 * added here when it is released.
 */
class ContractCompatibilityTest {
    private static final Path PUBLISHED = Path.of("src/test/resources/published");
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<String> published() throws IOException {
        try (Stream<Path> files = Files.list(PUBLISHED)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList()
                    .stream();
        }
    }

    @Test
    void every_type_in_the_catalog_has_its_published_version() {
        for (MessageType type : EventCatalog.ALL) {
            assertThat(PUBLISHED.resolve(type.ceType() + ".json"))
                    .as("%s: copy its schema to %s when it is released", type.ceType(), PUBLISHED).exists();
        }
    }

    @ParameterizedTest
    @MethodSource("published")
    void a_published_version_changes_only_by_optional_additions(String file) throws IOException {
        JsonNode was = withoutDescriptions(JSON.readTree(PUBLISHED.resolve(file).toFile()));
        JsonNode is;
        try (InputStream in = getClass().getResourceAsStream("/schemas/" + file)) {
            assertThat(in).as("%s is still published", file).isNotNull();
            is = withoutDescriptions(JSON.readTree(in));
        }
        List<String> problems = new ArrayList<>();
        compare(file, was, is, problems);
        assertThat(problems).as("changes to %s beyond optional additions", file).isEmpty();
    }

    /**
     * An object schema may gain optional, nullable properties (at any depth); everything else stays as it was:
     * its required set, every property it had, every other keyword.
     */
    private static void compare(String at, JsonNode was, JsonNode is, List<String> problems) {
        if (!was.has("properties")) {
            if (!was.equals(is)) {
                problems.add(at + " changed from " + was + " to " + is);
            }
            return;
        }
        if (!is.has("properties")) {
            problems.add(at + " is no longer an object with properties");
            return;
        }
        for (Iterator<String> it = was.fieldNames(); it.hasNext(); ) {
            String keyword = it.next();
            if (!keyword.equals("properties") && !Objects.equals(was.get(keyword), is.get(keyword))) {
                problems.add(at + ": " + keyword + " changed from " + was.get(keyword) + " to " + is.get(keyword));
            }
        }
        JsonNode wasProperties = was.get("properties");
        JsonNode isProperties = is.get("properties");
        for (Iterator<String> it = wasProperties.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!isProperties.has(field)) {
                problems.add(at + "." + field + " was removed");
            } else {
                compare(at + "." + field, wasProperties.get(field), isProperties.get(field), problems);
            }
        }
        for (Iterator<String> it = isProperties.fieldNames(); it.hasNext(); ) {
            String field = it.next();
            if (!wasProperties.has(field)) {
                if (names(is.get("required")).contains(field)) {
                    problems.add(at + "." + field + " was added as a required field");
                }
                if (!String.valueOf(isProperties.get(field).get("type")).contains("\"null\"")) {
                    problems.add(at + "." + field + " was added without allowing null");
                }
            }
        }
    }

    private static Set<String> names(JsonNode array) {
        Set<String> out = new HashSet<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** Descriptions are prose: rewording one is no change of the contract. */
    private static JsonNode withoutDescriptions(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove(List.of("description", "title", "examples"));
            object.forEach(ContractCompatibilityTest::withoutDescriptions);
        } else if (node.isArray()) {
            node.forEach(ContractCompatibilityTest::withoutDescriptions);
        }
        return node;
    }
}
