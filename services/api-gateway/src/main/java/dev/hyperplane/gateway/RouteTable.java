package dev.hyperplane.gateway;

import java.util.List;

/**
 * The one route table of the public API: which service owns which top-level resources under {@code /api/v1}, and
 * what the gateway answers itself.
 * Each service owns its own top-level resources, so routing by prefix is enough. The devstack gateway routes by
 * this table; {@code docker/gateway.conf} and {@code k8s/base/ingress.yaml} must say the same, and every
 * {@code @Path("/api/v1/...")} of a service must be in it ({@code RouteTableTest} checks all three).
 */
public final class RouteTable {

    /** One service and the resources it owns, e.g. {@code vms} for {@code /api/v1/vms}. */
    public record ServiceRoutes(String service, List<String> resources) {

        public List<String> prefixes() {
            return resources.stream().map(r -> "/api/v1/" + r).toList();
        }
    }

    /** Each service's parked records live in its own database, so each serves its own {@code dead-letters/<service>}. */
    static final String DEAD_LETTERS = "dead-letters/";

    public static final List<ServiceRoutes> ROUTES = List.of(
            new ServiceRoutes("provisioning", List.of("vms", "operations", "tenants", DEAD_LETTERS + "provisioning")),
            new ServiceRoutes("inventory", List.of("hosts", "fleet", "guest-os", DEAD_LETTERS + "inventory")),
            new ServiceRoutes("memory-balancer", List.of("memory", DEAD_LETTERS + "memory-balancer")),
            new ServiceRoutes("migration", List.of("migrations", "migration-policies", "evacuations", "ha",
                    DEAD_LETTERS + "migration")),
            new ServiceRoutes("backup", List.of("backups", "backup-policies", "restore-points", "restores",
                    DEAD_LETTERS + "backup")),
            new ServiceRoutes("integrations", List.of("webhooks", "events", DEAD_LETTERS + "integrations")),
            new ServiceRoutes("hypervisor-agent", List.of("agent", DEAD_LETTERS + "hypervisor-agent")));

    /**
     * What the gateway itself answers: the merged OpenAPI document, its Swagger UI and the event contract. In
     * Kubernetes the ingress sends these to the {@code api-gateway} deployment.
     */
    public static final String GATEWAY = "api-gateway";
    public static final List<String> GATEWAY_PREFIXES = List.of(ApiGateway.OPENAPI_JSON, ApiGateway.OPENAPI_YAML,
            ContractDocuments.ASYNCAPI, "/api/v1/schemas", SwaggerUi.PATH);

    private RouteTable() {
    }
}
