package dev.hyperplane.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The route table is the one source of the public API's routing: the compose gateway and the Kubernetes ingress
 * must route exactly the same prefixes to the same services, and every top-level resource a service declares
 * must be routed, to that service.
 */
class RouteTableTest {
    private static final Path REPO = Path.of("../..").toAbsolutePath().normalize();
    private static final Pattern NGINX_LOCATION =
            Pattern.compile("location\\s+=?\\s*(/api/[\\w./-]+)\\s*\\{\\s*proxy_pass\\s+http://([\\w-]+):\\d+");
    private static final Pattern JAXRS_PATH = Pattern.compile("@Path\\(\"/api/v1/((?:dead-letters/)?[\\w-]+)");

    /** Prefix to service, as the table says. */
    private static Map<String, String> table() {
        Map<String, String> routes = new TreeMap<>();
        RouteTable.GATEWAY_PREFIXES.forEach(prefix -> routes.put(prefix, RouteTable.GATEWAY));
        for (RouteTable.ServiceRoutes service : RouteTable.ROUTES) {
            service.prefixes().forEach(prefix -> assertThat(routes.put(prefix, service.service()))
                    .as("%s is routed to one service only", prefix).isNull());
        }
        return routes;
    }

    @Test
    void the_compose_gateway_routes_as_the_table_says() throws IOException {
        Map<String, String> nginx = new TreeMap<>();
        Matcher m = NGINX_LOCATION.matcher(Files.readString(REPO.resolve("docker/gateway.conf")));
        while (m.find()) {
            nginx.put(m.group(1), m.group(2));
        }
        assertThat(nginx).isEqualTo(table());
    }

    @Test
    void the_kubernetes_ingress_routes_as_the_table_says() throws IOException {
        JsonNode ingress = new ObjectMapper(new YAMLFactory()).readTree(REPO.resolve("k8s/base/ingress.yaml").toFile());
        Map<String, String> k8s = new TreeMap<>();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                assertThat(path.path("pathType").asText()).isEqualTo("Prefix");
                k8s.put(path.path("path").asText(), path.path("backend").path("service").path("name").asText());
            }
        }
        assertThat(k8s).isEqualTo(table());
    }

    @Test
    void every_resource_a_service_declares_is_routed_to_it() throws IOException {
        Map<String, String> declared = new TreeMap<>();
        try (Stream<Path> modules = Files.list(REPO.resolve("services"))) {
            for (Path module : modules.filter(m -> Files.isDirectory(m.resolve("src/main/java"))).toList()) {
                try (Stream<Path> sources = Files.walk(module.resolve("src/main/java"))) {
                    for (Path source : sources.filter(p -> p.toString().endsWith(".java")).toList()) {
                        Matcher m = JAXRS_PATH.matcher(Files.readString(source));
                        while (m.find()) {
                            declared.put("/api/v1/" + m.group(1), module.getFileName().toString());
                        }
                    }
                }
            }
        }
        Map<String, String> services = new TreeMap<>(table());
        RouteTable.GATEWAY_PREFIXES.forEach(services::remove);
        assertThat(declared).as("resources the services declare, with their module").isEqualTo(services);
    }
}
