package dev.hyperplane.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The merged OpenAPI document written at build time, for generating clients: the same {@link OpenApiMerger} the
 * gateway runs, over the documents each service's build stores ({@code <service>-openapi.json} in one folder, as
 * the services attach them), in route-table order. What the gateway serves at run time is this document with the
 * deployment's own server URL; the system tests compare the two.
 *
 * <p>Usage: {@code BuildTimeDocument <folder with the services' documents> <merged document to write> <server URL>}
 */
public final class BuildTimeDocument {
    private static final ObjectMapper JSON = new ObjectMapper();

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: BuildTimeDocument <services' documents> <out.json> <server URL>");
        }
        Path out = Path.of(args[1]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), merge(Path.of(args[0]), args[2]));
    }

    static JsonNode merge(Path folder, String serverUrl) throws IOException {
        Map<String, JsonNode> byService = new LinkedHashMap<>();
        for (RouteTable.ServiceRoutes routes : RouteTable.ROUTES) {
            Path document = folder.resolve(routes.service() + "-openapi.json");
            if (!Files.exists(document)) {
                throw new IllegalStateException("no OpenAPI document of " + routes.service() + " at " + document
                        + ": does its build store one (quarkus.smallrye-openapi.store-schema-directory)?");
            }
            byService.put(routes.service(), JSON.readTree(document.toFile()));
        }
        return OpenApiMerger.merge(byService, serverUrl);
    }

    private BuildTimeDocument() {
    }
}
