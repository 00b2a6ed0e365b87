package dev.hyperplane.gateway;

import io.vertx.core.http.HttpServerRequest;

import java.util.regex.Pattern;

/**
 * The event contract where integrations find it: the AsyncAPI document at {@code /api/v1/asyncapi.yaml} and every
 * message's JSON Schema at {@code /api/v1/schemas/<type>.json}, the URL each CloudEvent's {@code dataschema}
 * names (services publish with {@code hyperplane.public-base-url} set to the gateway). Both come from the
 * events-schema module as built, never from a copy.
 */
final class ContractDocuments {
    static final String ASYNCAPI = "/api/v1/asyncapi.yaml";
    static final String SCHEMAS = "/api/v1/schemas/";
    private static final Pattern SCHEMA_FILE = Pattern.compile("[a-z0-9.-]+\\.json");

    private ContractDocuments() {
    }

    static boolean serves(String path) {
        return path.equals(ASYNCAPI) || path.startsWith(SCHEMAS);
    }

    static void serve(HttpServerRequest request) {
        String path = request.path();
        if (path.equals(ASYNCAPI)) {
            ClasspathFiles.send(request, "/asyncapi.yaml", "application/yaml");
            return;
        }
        String file = path.substring(SCHEMAS.length());
        if (!SCHEMA_FILE.matcher(file).matches()) {
            request.response().setStatusCode(404).end();
            return;
        }
        ClasspathFiles.send(request, "/schemas/" + file, "application/schema+json");
    }
}
