package dev.hyperplane.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One OpenAPI document for the whole {@code /api/v1}, built from the services' own documents: their
 * {@code /api/v1} paths, their tags, their component schemas, responses and parameters, one security scheme.
 * Components with the same name and the same content are kept once; a name two services use for different
 * things is prefixed with the service's name in that service's part (and its {@code $ref}s follow). Two services
 * declaring the same path is an error: each service owns its own top-level resources.
 */
public final class OpenApiMerger {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] COMPONENT_KINDS = {"schemas", "responses", "parameters", "examples",
            "requestBodies", "headers", "securitySchemes"};

    private OpenApiMerger() {
    }

    /**
     * @param services  each service's own document, by service name, in route-table order
     * @param serverUrl the base URL panels call ({@code servers[0].url})
     */
    public static ObjectNode merge(Map<String, JsonNode> services, String serverUrl) {
        ObjectNode merged = JSON.createObjectNode();
        merged.put("openapi", "3.1.0");
        ObjectNode info = merged.putObject("info");
        info.put("title", "Hyperplane API");
        info.put("version", "v1");
        info.put("summary", "One API for hosting panels: VMs, operations, quotas, hosts, fleet, guest OS catalog, "
                + "memory policies and simulation controls.");
        info.put("description", "The control plane of a Hyper-V hosting fleet. Every call needs a bearer token "
                + "(roles fleet-admin, tenant-admin, tenant-user; claim tenant). Errors are RFC 9457 problem+json "
                + "with a stable type; long work answers 202 with the Location of an operation; lists page with "
                + "limit and cursor.");
        info.putObject("contact").put("name", "Hyperplane").put("url", "https://hyperplane.dev");
        info.putObject("license").put("name", "Proprietary").put("identifier", "LicenseRef-Proprietary");
        merged.putArray("servers").addObject().put("url", serverUrl).put("description", "this deployment");
        ArrayNode tags = merged.putArray("tags");
        Set<String> tagNames = new LinkedHashSet<>();
        ObjectNode paths = merged.putObject("paths");
        ObjectNode components = merged.putObject("components");
        merged.putArray("security").addObject().putArray("bearer");

        Map<String, Map<String, JsonNode>> seen = new HashMap<>();
        services.forEach((service, original) -> {
            JsonNode doc = original.deepCopy();
            Map<String, String> renamed = new LinkedHashMap<>();
            for (String kind : COMPONENT_KINDS) {
                JsonNode own = doc.path("components").path(kind);
                Map<String, JsonNode> known = seen.computeIfAbsent(kind, k -> new LinkedHashMap<>());
                for (Iterator<String> it = own.fieldNames(); it.hasNext(); ) {
                    String name = it.next();
                    JsonNode earlier = known.get(name);
                    if (earlier != null && !earlier.equals(own.get(name)) && !"securitySchemes".equals(kind)) {
                        renamed.put("#/components/" + kind + "/" + name,
                                "#/components/" + kind + "/" + pascal(service) + name);
                    }
                }
            }
            rewriteRefs(doc, renamed);
            for (String kind : COMPONENT_KINDS) {
                JsonNode own = doc.path("components").path(kind);
                Map<String, JsonNode> known = seen.get(kind);
                for (Iterator<Map.Entry<String, JsonNode>> it = own.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> c = it.next();
                    String ref = "#/components/" + kind + "/" + c.getKey();
                    String name = renamed.containsKey(ref)
                            ? renamed.get(ref).substring(("#/components/" + kind + "/").length()) : c.getKey();
                    if (!known.containsKey(name)) {
                        known.put(name, c.getValue());
                        components.with(kind).set(name, c.getValue());
                    }
                }
            }
            for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> path = it.next();
                if (!path.getKey().startsWith("/api/v1/")) {
                    continue;
                }
                if (paths.has(path.getKey())) {
                    throw new IllegalStateException(path.getKey() + " is declared by two services");
                }
                paths.set(path.getKey(), path.getValue());
            }
            for (JsonNode tag : doc.path("tags")) {
                if (tagNames.add(tag.path("name").asText())) {
                    tags.add(tag);
                }
            }
        });
        return merged;
    }

    /** {@code memory-balancer} becomes {@code MemoryBalancer}. */
    private static String pascal(String service) {
        StringBuilder out = new StringBuilder();
        for (String part : service.split("-")) {
            out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
        }
        return out.toString();
    }

    private static void rewriteRefs(JsonNode node, Map<String, String> renamed) {
        if (renamed.isEmpty()) {
            return;
        }
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && renamed.containsKey(ref.asText())) {
                object.set("$ref", TextNode.valueOf(renamed.get(ref.asText())));
            }
            object.forEach(child -> rewriteRefs(child, renamed));
        } else if (node instanceof ArrayNode array) {
            array.forEach(child -> rewriteRefs(child, renamed));
        }
    }
}
