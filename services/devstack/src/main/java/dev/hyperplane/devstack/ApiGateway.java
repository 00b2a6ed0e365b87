package dev.hyperplane.devstack;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.file.FileSystemOptions;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
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
 * proxy. {@code /<service>/q/...} reaches a service's own OpenAPI, Swagger UI and health endpoints.
 */
public final class ApiGateway implements AutoCloseable {
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

    // a proxy serves no files: no classpath file cache under /tmp left behind
    private final Vertx vertx = Vertx.vertx(new VertxOptions().setFileSystemOptions(
            new FileSystemOptions().setFileCachingEnabled(false).setClassPathResolvingEnabled(false)));
    private final HttpClient client = vertx.createHttpClient();
    private final Map<String, HttpProxy> apiRoutes = new LinkedHashMap<>();
    private final Map<String, HttpProxy> serviceRoutes = new LinkedHashMap<>();
    private HttpServer server;

    /** Requests whose path starts with one of {@code apiPrefixes} go to the service at {@code port}. */
    public ApiGateway route(String service, int port, List<String> apiPrefixes) {
        HttpProxy api = HttpProxy.reverseProxy(client).origin(port, "127.0.0.1").addInterceptor(KEEP_HOST);
        for (String prefix : apiPrefixes) {
            apiRoutes.put(prefix, api);
        }
        String servicePrefix = "/" + service;
        serviceRoutes.put(servicePrefix, HttpProxy.reverseProxy(client).origin(port, "127.0.0.1")
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
        server = vertx.createHttpServer().requestHandler(this::dispatch);
        try {
            server.listen(port).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("cannot listen on port " + port, e);
        }
    }

    private void dispatch(HttpServerRequest request) {
        String path = request.path();
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
        request.response().setStatusCode(404).putHeader("Content-Type", "application/problem+json")
                .end("{\"type\":\"https://hyperplane.dev/problems/not-found\",\"title\":\"Not found\",\"status\":404,"
                        + "\"detail\":\"no service serves " + path.replace("\"", "") + "\"}");
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
