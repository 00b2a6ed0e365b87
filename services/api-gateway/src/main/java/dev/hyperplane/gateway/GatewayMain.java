package dev.hyperplane.gateway;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The gateway as its own process (the Kubernetes deployment and the compose service): routes every service of the
 * {@link RouteTable} to {@code <service>:8080} (its cluster DNS name), or to what
 * {@code HYPERPLANE_GATEWAY_<SERVICE>} says (e.g. {@code HYPERPLANE_GATEWAY_MEMORY_BALANCER=10.0.0.7:8080}), and
 * listens on {@code HYPERPLANE_GATEWAY_PORT} (8080).
 */
public final class GatewayMain {

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> env = System.getenv();
        ApiGateway gateway = new ApiGateway();
        for (RouteTable.ServiceRoutes routes : RouteTable.ROUTES) {
            String origin = env.getOrDefault("HYPERPLANE_GATEWAY_"
                    + routes.service().toUpperCase(Locale.ROOT).replace('-', '_'), routes.service() + ":8080");
            int colon = origin.lastIndexOf(':');
            gateway.route(routes.service(), origin.substring(0, colon), Integer.parseInt(origin.substring(colon + 1)),
                    routes.prefixes());
        }
        int port = Integer.parseInt(env.getOrDefault("HYPERPLANE_GATEWAY_PORT", "8080"));
        gateway.listen(port);
        System.out.println("Hyperplane API gateway listening on port " + port);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            gateway.close();
            stopped.countDown();
        }));
        stopped.await();
    }

    private GatewayMain() {
    }
}
