package dev.hyperplane.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.HttpProxy;
import io.vertx.httpproxy.ProxyContext;
import io.vertx.httpproxy.ProxyInterceptor;
import io.vertx.httpproxy.ProxyResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One base URL for every service's API, routed by path prefix like a Kubernetes Ingress, on Vert.x's reverse
 * proxy. {@code /<service>/q/...} reaches a service's own OpenAPI, Swagger UI and health endpoints;
 * {@code /api/v1/openapi.json} (and {@code .yaml}) is the one merged document of the whole API, and
 * {@code /api/docs/} its Swagger UI; {@code /api/v1/asyncapi.yaml} and {@code /api/v1/schemas/} the event contract.
 */
public final class ApiGateway implements AutoCloseable {
    /** Where the merged OpenAPI document of the whole API is served. */
    public static final String OPENAPI_JSON = "/api/v1/openapi.json";
    public static final String OPENAPI_YAML = "/api/v1/openapi.yaml";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Services build absolute links (Location) from Host: they must see the gateway's, not their own. */
    private static final ProxyInterceptor KEEP_HOST = new ProxyInterceptor() {
        @Override
        public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
            HostAndPort original = context.request().proxiedRequest().authority();
            if (original != null) {
                context.request().setAuthority(original);
            }
            return context.sendRequest();
        }
    };

    /**
     * Every 4xx and 5xx of the API is problem+json: an error a service answered without one (its HTTP layer refused
     * the request before the application saw it) or that the proxy made (the service did not answer: 502) gets a
     * problem body here.
     */
    private static final ProxyInterceptor PROBLEMS = new ProxyInterceptor() {
        @Override
        public Future<Void> handleProxyResponse(ProxyContext context) {
            ProxyResponse response = context.response();
            int status = response.getStatusCode();
            String type = response.headers().get("Content-Type");
            if (status >= 400 && (type == null || !type.startsWith(PROBLEM_JSON))) {
                response.release().setStatusCode(status).putHeader("Content-Type", PROBLEM_JSON)
                        .setBody(Body.body(Buffer.buffer(problemJson(status, "http-" + status, reasonOf(status),
                                status == 502 ? "the service did not answer; it is safe to retry"
                                        : "the request was refused before it reached the service"))));
            }
            return context.sendResponse();
        }
    };
    private static final String PROBLEM_JSON = "application/problem+json";

    // a proxy serves no files: no classpath file cache under /tmp left behind
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(
            new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
    private final HttpClient client = vertx.createHttpClient();
    private final Map<String, HttpProxy> apiRoutes = new LinkedHashMap<>();
    private final Map<String, HttpProxy> serviceRoutes = new LinkedHashMap<>();
    /** Where each service answers, in route-table order (its own OpenAPI document is read there). */
    private final Map<String, Upstreams> serviceOrigins = new LinkedHashMap<>();

    private HttpServer server;

    /** Requests whose path starts with one of {@code apiPrefixes} go to the service at {@code host}:{@code port}. */
    public ApiGateway route(String service, String host, int port, List<String> apiPrefixes) {
        return route(service, List.of(new Replica(host, port)), apiPrefixes);
    }

    /** Where one replica of a service answers. */
    public record Replica(String host, int port) {
    }

    /**
     * Requests whose path starts with one of {@code apiPrefixes} go to the service's replicas in turn (see
     * {@link Upstreams}).
     */
    public ApiGateway route(String service, List<Replica> replicas, List<String> apiPrefixes) {
        Upstreams upstreams = new Upstreams(replicas.stream()
                .map(r -> io.vertx.core.net.SocketAddress.inetSocketAddress(r.port(), r.host())).toList());
        HttpProxy api = HttpProxy.reverseProxy(client).originRequestProvider((request, c) -> upstreams.request(c))
                .addInterceptor(KEEP_HOST).addInterceptor(PROBLEMS);
        for (String prefix : apiPrefixes) {
            apiRoutes.put(prefix, api);
        }
        serviceOrigins.put(service, upstreams);
        String servicePrefix = "/" + service;
        serviceRoutes.put(servicePrefix, HttpProxy.reverseProxy(client)
                .originRequestProvider((request, c) -> upstreams.request(c))
                .addInterceptor(KEEP_HOST)
                .addInterceptor(new ProxyInterceptor() {
                    @Override
                    public Future<ProxyResponse> handleProxyRequest(ProxyContext context) {
                        String uri = context.request().getURI();
                        context.request().setURI(uri.substring(servicePrefix.length()));
                        return context.sendRequest();
                    }
                }));
        return this;
    }

    public void listen(int port) {
        // HTTP/1.1 only (no cleartext HTTP/2 upgrade, whose header limits answer a bare 431 before any handler of
        // ours runs), with 64 KB for headers, so that a request line over its 4,096 bytes is refused as such (414)
        server = vertx.createHttpServer(new HttpServerOptions().setHttp2ClearTextEnabled(false)
                        .setMaxHeaderSize(64 * 1024))
                .requestHandler(this::dispatch).invalidRequestHandler(ApiGateway::invalid);
        try {
            server.listen(port).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on port " + port, e);
        }
    }

    private void dispatch(HttpServerRequest request) {
        String path = request.path();
        if (path.equals(OPENAPI_JSON) || path.equals(OPENAPI_YAML)) {
            serveOpenApi(request, path.equals(OPENAPI_YAML));
            return;
        }
        if (SwaggerUi.serves(path)) {
            SwaggerUi.serve(request);
            return;
        }
        if (ContractDocuments.serves(path)) {
            ContractDocuments.serve(request);
            return;
        }
        for (var route : apiRoutes.entrySet()) {
            if (path.equals(route.getKey()) || path.startsWith(route.getKey() + "/")) {
                route.getValue().handle(request);
                return;
            }
        }
        for (var route : serviceRoutes.entrySet()) {
            if (path.startsWith(route.getKey() + "/q/")) {
                route.getValue().handle(request);
                return;
            }
        }
        problem(request, 404, "not-found", "Not found", "no service serves " + path);
    }

    /**
     * The merged OpenAPI document of the whole {@code /api/v1}, built now from every service's own document (so
     * it is never stale and each new service joins it through the route table).
     */
    private void serveOpenApi(HttpServerRequest request, boolean yaml) {
        String serverUrl = "http://" + request.authority();
        List<Future<Buffer>> documents = serviceOrigins.values().stream().map(this::serviceDocument).toList();
        Future.all(documents).onComplete(all -> {
            if (all.failed()) {
                problem(request, 502, "upstream", "Bad gateway", "a service's OpenAPI document could not be read");
                return;
            }
            // parsing, merging and writing some hundred kilobytes is no work for the event loop
            vertx.executeBlocking(() -> {
                Map<String, JsonNode> byService = new LinkedHashMap<>();
                int i = 0;
                for (String service : serviceOrigins.keySet()) {
                    byService.put(service, JSON.readTree(documents.get(i++).result().getBytes()));
                }
                JsonNode merged = OpenApiMerger.merge(byService, serverUrl);
                return yaml ? YAML.writeValueAsString(merged) : JSON.writeValueAsString(merged);
            }).onComplete(written -> {
                if (written.succeeded()) {
                    request.response().putHeader("Content-Type", yaml ? "application/yaml" : "application/json")
                            .end(written.result());
                } else {
                    problem(request, 502, "upstream", "Bad gateway", "the services' OpenAPI documents do not merge: "
                            + written.cause().getMessage());
                }
            });
        });
    }

    private Future<Buffer> serviceDocument(Upstreams service) {
        return service.request(client).compose(req -> req.setMethod(HttpMethod.GET).setURI("/q/openapi?format=json")
                .send().compose(response -> response.body()));
    }

    /**
     * A request HTTP itself cannot take (a request line over 4,096 bytes, headers over 8 KB, a malformed request):
     * the same status Vert.x would give, as a problem, and the connection closed after it.
     */
    private static void invalid(HttpServerRequest request) {
        Throwable cause = request.decoderResult().cause();
        int status = cause instanceof TooLongHttpLineException ? 414
                : cause instanceof TooLongHttpHeaderException ? 431 : 400;
        // the rest of the connection is unreadable: say so, so that clients do not send the next request on it
        request.response().putHeader("Connection", "close");
        problem(request, status, "http-" + status, reasonOf(status), "HTTP cannot read this request: "
                + (cause == null ? "malformed" : cause.getMessage()));
    }

    private static void problem(HttpServerRequest request, int status, String slug, String title, String detail) {
        request.response().setStatusCode(status).putHeader("Content-Type", PROBLEM_JSON)
                .end(problemJson(status, slug, title, detail));
    }

    private static String problemJson(int status, String slug, String title, String detail) {
        return JSON.createObjectNode().put("type", "https://hyperplane.dev/problems/" + slug).put("title", title)
                .put("status", status).put("detail", detail).toString();
    }

    private static String reasonOf(int status) {
        return HttpResponseStatus.valueOf(status).reasonPhrase();
    }

    @Override
    public void close() {
        try {
            vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            // closing anyway
        }
    }
}
