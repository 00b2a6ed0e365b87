package dev.hyperplane.gateway;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers a request with a file shipped in a jar on the gateway's classpath (404 when there is none). The files
 * never change, so each is read once, on a worker thread (reading a jar blocks), and kept.
 */
final class ClasspathFiles {
    private static final Map<String, Buffer> READ = new ConcurrentHashMap<>();

    private ClasspathFiles() {
    }

    static void send(HttpServerRequest request, String resource, String contentType) {
        Buffer known = READ.get(resource);
        if (known != null) {
            request.response().putHeader("Content-Type", contentType).end(known);
            return;
        }
        Vertx.currentContext().<Buffer>executeBlocking(() -> read(resource)).onComplete(read -> {
            if (read.failed()) {
                request.response().setStatusCode(500).end();
            } else if (read.result() == null) {
                request.response().setStatusCode(404).end();
            } else {
                READ.put(resource, read.result());
                request.response().putHeader("Content-Type", contentType).end(read.result());
            }
        });
    }

    private static Buffer read(String resource) throws java.io.IOException {
        try (InputStream in = ClasspathFiles.class.getResourceAsStream(resource)) {
            return in == null ? null : Buffer.buffer(in.readAllBytes());
        }
    }
}
