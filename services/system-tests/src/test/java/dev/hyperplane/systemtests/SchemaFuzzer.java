package dev.hyperplane.systemtests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Requests for every operation of an OpenAPI document, guided by its schemas and then broken on purpose: path ids
 * and query values that are empty, huge, NUL, Unicode, injection-shaped or of the wrong type; bodies built from
 * the request schema (required fields, enums, bounds) with fields dropped, retyped, emptied, made huge or NUL, or
 * replaced by broken JSON; headers such as {@code Idempotency-Key} and {@code If-Match} garbled. One seed gives
 * the same requests. Pure: sending and judging the answers is the caller's.
 */
final class SchemaFuzzer {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Values that break ids and strings; the first few are plausible, the rest are not. */
    private static final List<String> HOSTILE = List.of("", " ", "x".repeat(65), "x".repeat(5_000), "\0", "a\0b",
            "é漢字🙂", "../../etc/passwd", "' OR '1'='1", "%", "%00", "-1", "99999999999999999999", "null",
            "<script>alert(1)</script>", "\n", "0", "true", "{}");

    /** One operation of the document. */
    record Operation(String method, String path, JsonNode spec) {
        String name() {
            return method + " " + path;
        }
    }

    /** A request to send: the path is already percent-encoded; {@code body} null means none. */
    record Request(Operation operation, String method, String path, Map<String, String> headers, String body) {
    }

    private final JsonNode document;
    private final Random random;
    /** Ids that exist, by path parameter name, so some requests get past the lookup. */
    private final Map<String, List<String>> knownIds;

    SchemaFuzzer(JsonNode document, long seed, Map<String, List<String>> knownIds) {
        this.document = document;
        this.random = new Random(seed);
        this.knownIds = knownIds;
    }

    /** Every operation of the document that {@code skip} does not exclude. */
    List<Operation> operations(Predicate<Operation> skip) {
        List<Operation> operations = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
            Operation operation = new Operation(op.getKey().toUpperCase(), path.getKey(), op.getValue());
            if (!op.getKey().equals("parameters") && !skip.test(operation)) {
                operations.add(operation);
            }
        }));
        return operations;
    }

    /** A request for {@code operation}: mostly valid-looking, with at least one part broken most of the time. */
    Request next(Operation operation) {
        String path = operation.path();
        StringBuilder query = new StringBuilder();
        Map<String, String> headers = new LinkedHashMap<>();
        for (JsonNode parameter : parameters(operation)) {
            String name = parameter.get("name").asText();
            JsonNode schema = resolve(parameter.path("schema"));
            String where = parameter.get("in").asText();
            boolean hostile = random.nextInt(3) == 0;
            String value = where.equals("path") ? pathValue(name, schema, hostile) : scalar(schema, hostile);
            switch (where) {
                case "path" -> path = path.replace("{" + name + "}", encode(value));
                case "query" -> {
                    if (parameter.path("required").asBoolean() || random.nextBoolean()) {
                        query.append(query.isEmpty() ? "?" : "&").append(encode(name)).append('=').append(encode(value));
                    }
                }
                case "header" -> {
                    if (random.nextBoolean() && value.chars().allMatch(c -> c >= 0x20 && c < 0x7f)) {
                        headers.put(name, value); // HTTP itself forbids control characters in headers
                    }
                }
                default -> { }
            }
        }
        String body = null;
        JsonNode bodySchema = operation.spec().at("/requestBody/content/application~1json/schema");
        if (!bodySchema.isMissingNode()) {
            body = body(bodySchema);
        }
        return new Request(operation, operation.method(), path + query, headers, body);
    }

    private List<JsonNode> parameters(Operation operation) {
        List<JsonNode> parameters = new ArrayList<>();
        operation.spec().path("parameters").forEach(p -> parameters.add(resolve(p)));
        return parameters;
    }

    private String pathValue(String name, JsonNode schema, boolean hostile) {
        List<String> known = knownIds.getOrDefault(name, List.of());
        if (!hostile && !known.isEmpty() && random.nextInt(3) > 0) {
            return known.get(random.nextInt(known.size()));
        }
        String value = scalar(schema, hostile);
        return value.isEmpty() ? "x" : value; // an empty segment only changes the route
    }

    /** A query, header or path value: from the schema, or hostile. */
    private String scalar(JsonNode schema, boolean hostile) {
        if (hostile) {
            return HOSTILE.get(random.nextInt(HOSTILE.size()));
        }
        JsonNode value = generate(schema, 0);
        return value.isTextual() ? value.asText() : value.toString();
    }

    /** A body: valid per the schema, then (usually) broken in one place. */
    private String body(JsonNode schema) {
        JsonNode valid = generate(resolve(schema), 0);
        switch (random.nextInt(10)) {
            case 0 -> {
                return valid.toString(); // valid as generated: the service decides on its merits
            }
            case 1 -> {
                return List.of("{", "", "[]", "null", "\"text\"", "{\"a\":", "{\"a\": 1}}", "\u0000")
                        .get(random.nextInt(8));
            }
            case 2 -> {
                return "{\"deep\": " + "[".repeat(2_000) + "]".repeat(2_000) + "}";
            }
            default -> {
                return mutate(valid).toString();
            }
        }
    }

    /** Breaks one field of an object (recursively into a nested one now and then). */
    private JsonNode mutate(JsonNode node) {
        if (!(node instanceof ObjectNode object) || object.isEmpty()) {
            return hostileValue();
        }
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        String field = names.get(random.nextInt(names.size()));
        JsonNode current = object.get(field);
        if (current instanceof ObjectNode && random.nextBoolean()) {
            object.set(field, mutate(current));
        } else if (random.nextInt(4) == 0) {
            object.remove(field);
        } else {
            object.set(field, hostileValue());
        }
        return object;
    }

    private JsonNode hostileValue() {
        return switch (random.nextInt(12)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.numberNode(-1);
            case 2 -> NODES.numberNode(1e30);
            case 3 -> NODES.numberNode(Long.MAX_VALUE);
            case 4 -> NODES.textNode("x".repeat(100_000));
            case 5 -> NODES.arrayNode().add(1).add("two");
            case 6 -> NODES.objectNode().put("unexpected", true);
            case 7 -> NODES.booleanNode(true);
            case 8 -> NODES.numberNode(0.5);
            default -> NODES.textNode(HOSTILE.get(random.nextInt(HOSTILE.size())));
        };
    }

    /** A value the schema accepts: required and some optional properties, enums, bounds, examples. */
    private JsonNode generate(JsonNode schema, int depth) {
        schema = resolve(schema);
        if (schema.has("example") && random.nextBoolean()) {
            return schema.get("example");
        }
        if (schema.has("enum")) {
            return schema.get("enum").get(random.nextInt(schema.get("enum").size()));
        }
        for (String combinator : List.of("oneOf", "anyOf", "allOf")) {
            if (schema.has(combinator)) {
                JsonNode choices = schema.get(combinator);
                return generate(choices.get(random.nextInt(choices.size())), depth + 1);
            }
        }
        String type = type(schema);
        switch (type) {
            case "object" -> {
                ObjectNode object = NODES.objectNode();
                if (depth > 4) {
                    return object;
                }
                List<String> required = new ArrayList<>();
                schema.path("required").forEach(r -> required.add(r.asText()));
                Iterator<Map.Entry<String, JsonNode>> properties = schema.path("properties").fields();
                while (properties.hasNext()) {
                    Map.Entry<String, JsonNode> property = properties.next();
                    if (required.contains(property.getKey()) || random.nextBoolean()) {
                        object.set(property.getKey(), generate(property.getValue(), depth + 1));
                    }
                }
                return object;
            }
            case "array" -> {
                ArrayNode array = NODES.arrayNode();
                int items = depth > 4 ? 0 : random.nextInt(3);
                for (int i = 0; i < items; i++) {
                    array.add(generate(schema.path("items"), depth + 1));
                }
                return array;
            }
            case "integer", "number" -> {
                long min = schema.path("minimum").asLong(0);
                long max = schema.path("maximum").asLong(Math.max(min, 1) * 64);
                return NODES.numberNode(min + (long) (random.nextDouble() * Math.max(0, max - min)));
            }
            case "boolean" -> {
                return NODES.booleanNode(random.nextBoolean());
            }
            default -> {
                if ("date-time".equals(schema.path("format").asText())) {
                    return NODES.textNode("2026-12-02T10:00:00Z");
                }
                int max = schema.path("maxLength").asInt(24);
                String text = "fuzz" + random.nextInt(100_000);
                return NODES.textNode(text.length() > max ? text.substring(0, Math.max(1, max)) : text);
            }
        }
    }

    private static String type(JsonNode schema) {
        JsonNode type = schema.path("type");
        if (type.isArray()) { // OpenAPI 3.1: ["string", "null"]
            for (JsonNode t : type) {
                if (!t.asText().equals("null")) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        return schema.has("properties") ? "object" : "string";
    }

    /** Follows {@code $ref} into the document's components. */
    private JsonNode resolve(JsonNode node) {
        for (int hops = 0; node.has("$ref") && hops < 10; hops++) {
            node = document.at(node.get("$ref").asText().substring(1));
        }
        return node;
    }

    /** Percent-encodes everything but unreserved characters, so NUL and Unicode reach the server as sent. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (Character.isLetterOrDigit(c) && c < 0x80 || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return out.toString();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return null;
        }
    }
}
