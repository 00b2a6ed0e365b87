package dev.hyperplane.gateway;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;

import java.io.IOException;
import java.io.InputStream;

/** Answers a request with a file shipped in a jar on the gateway's classpath (404 when there is none). */
final class ClasspathFiles {

    private ClasspathFiles() {
    }

    static void send(HttpServerRequest request, String resource, String contentType) {
        try (InputStream in = ClasspathFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                request.response().setStatusCode(404).end();
                return;
            }
            request.response().putHeader("Content-Type", contentType).end(Buffer.buffer(in.readAllBytes()));
        } catch (IOException e) {
            request.response().setStatusCode(500).end();
        }
    }
}
