package dev.hyperplane.gateway;

import io.vertx.core.Future;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The replicas of one service, as a Kubernetes Service spreads requests over its pods: each request goes to the
 * next replica in turn, and one that does not take the connection (killed, restarting) is passed over for the
 * next. Only a refused connection moves on: once a request was sent, whether the service acted on it is unknown,
 * and the client decides whether to retry (with its {@code Idempotency-Key}).
 */
final class Upstreams {
    private final List<SocketAddress> replicas;
    private final AtomicInteger next = new AtomicInteger();

    Upstreams(List<SocketAddress> replicas) {
        if (replicas.isEmpty()) {
            throw new IllegalArgumentException("a service needs at least one replica");
        }
        this.replicas = List.copyOf(replicas);
    }

    /** A connected request to the next replica that accepts one; fails when none does. */
    Future<HttpClientRequest> request(HttpClient client) {
        int first = Math.floorMod(next.getAndIncrement(), replicas.size());
        return attempt(client, first, 0);
    }

    private Future<HttpClientRequest> attempt(HttpClient client, int index, int tried) {
        SocketAddress replica = replicas.get((index + tried) % replicas.size());
        return client.request(new RequestOptions().setServer(replica)).recover(refused ->
                tried + 1 < replicas.size() ? attempt(client, index, tried + 1) : Future.failedFuture(refused));
    }

    int size() {
        return replicas.size();
    }
}
