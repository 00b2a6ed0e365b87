package dev.hyperplane.gateway;

import io.vertx.core.http.HttpServerRequest;

import java.util.Map;

/**
 * The one Swagger UI of the whole API at {@code /api/docs/}: Swagger UI's own files from its webjar, started on the
 * merged document ({@link ApiGateway#OPENAPI_JSON}) with bearer-token authorization kept between reloads.
 */
final class SwaggerUi {
    static final String PATH = "/api/docs";
    private static final String WEBJAR = "/META-INF/resources/webjars/swagger-ui/5.18.2/";
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "css", "text/css", "js", "text/javascript", "png", "image/png");
    private static final String INITIALIZER = """
            window.onload = function () {
              window.ui = SwaggerUIBundle({
                url: "%s",
                dom_id: "#swagger-ui",
                deepLinking: true,
                persistAuthorization: true,
                presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
                plugins: [SwaggerUIBundle.plugins.DownloadUrl],
                layout: "StandaloneLayout"
              });
            };
            """.formatted(ApiGateway.OPENAPI_JSON);

    private SwaggerUi() {
    }

    static boolean serves(String path) {
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    static void serve(HttpServerRequest request) {
        String path = request.path();
        if (path.equals(PATH)) {
            request.response().setStatusCode(301).putHeader("Location", PATH + "/").end();
            return;
        }
        String file = path.substring((PATH + "/").length());
        if (file.isEmpty()) {
            file = "index.html";
        }
        if ("swagger-initializer.js".equals(file)) {
            request.response().putHeader("Content-Type", TYPES.get("js")).end(INITIALIZER);
            return;
        }
        String type = TYPES.get(file.substring(file.lastIndexOf('.') + 1));
        if (file.contains("..") || type == null) {
            request.response().setStatusCode(404).end();
            return;
        }
        ClasspathFiles.send(request, WEBJAR + file, type);
    }
}
