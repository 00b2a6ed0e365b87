package dev.hyperplane.memory.api;

import dev.hyperplane.memory.config.BalancerConfig;
import dev.hyperplane.memory.domain.DensityReport;
import dev.hyperplane.memory.query.FleetMemory;
import dev.hyperplane.memory.query.MemoryAlerts;
import dev.hyperplane.memory.query.Rebalances;
import dev.hyperplane.memory.query.Recommendations;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Clock;
import java.util.List;
import java.util.Set;

/** What the fleet control loop found and decided: rebalances, alerts, recommendations, and the density report. */
@Path("/api/v1/memory")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fleet memory", description = "Rebalance decisions, alerts, recommendations, density")
@SecurityRequirement(name = "bearer")
public class FleetMemoryResource {
    private static final Set<String> ALERT_KINDS = Set.of("hot-add-failed", "vm-starved", "host-overcommitted");

    @Inject
    FleetMemory fleet;
    @Inject
    Rebalances rebalances;
    @Inject
    MemoryAlerts alerts;
    @Inject
    Recommendations recommendations;
    @Inject
    BalancerConfig config;
    @Inject
    Caller caller;

    @GET
    @Path("/rebalances")
    @RolesAllowed(Roles.FLEET_ADMIN)
    @Operation(operationId = "listRebalances", summary = "Rebalance decisions, newest first", description = "Each names the VM, the hot host, the "
            + "candidate host and why; the same decisions go out as MemoryRebalanceRequested on "
            + "hyperplane.memory.events for the migration service.")
    @APIResponse(responseCode = "200", description = "A page of decisions")
    public Page<Rebalances.Decided> rebalances(@Parameter(description = "decisions from or to this host")
                                               @QueryParam("host") String hostId,
                                               @QueryParam("limit") Integer limit,
                                               @QueryParam("cursor") String cursor) {
        int pageSize = Page.limit(limit);
        return Page.of(rebalances.list(hostId, cursor, pageSize + 1), pageSize, d -> d.decision().decisionId());
    }

    @GET
    @Path("/alerts")
    @RolesAllowed(Roles.FLEET_ADMIN)
    @Operation(operationId = "listMemoryAlerts", summary = "Memory alerts, newest first", description = "hot-add-failed: the guest did not online "
            + "hot-added memory; vm-starved: pressure above 100 % for longer than the starvation window; "
            + "host-overcommitted: the host's VMs need more than it can give them.")
    @APIResponse(responseCode = "200", description = "A page of alerts")
    @APIResponse(responseCode = "400", description = "Unknown state or kind",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Page<MemoryAlerts.Alert> alerts(@Parameter(description = "open (default) or all")
                                           @QueryParam("state") String state,
                                           @QueryParam("kind") String kind,
                                           @QueryParam("limit") Integer limit,
                                           @QueryParam("cursor") String cursor) {
        if (state != null && !state.equals("open") && !state.equals("all")) {
            throw ProblemException.invalidField(400, "state", "open or all");
        }
        if (kind != null && !ALERT_KINDS.contains(kind)) {
            throw ProblemException.invalidField(400, "kind", "one of " + ALERT_KINDS);
        }
        int pageSize = Page.limit(limit);
        return Page.of(alerts.list(!"all".equals(state), kind, cursor, pageSize + 1), pageSize,
                MemoryAlerts.Alert::alertId);
    }

    @GET
    @Path("/recommendations")
    @RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
    @Operation(operationId = "listMemoryRecommendations", summary = "Policy changes the last round suggests", description = "raise-maximum (the VM is capped "
            + "by its maximum), raise-startup (a balloon-only guest capped by its startup memory), raise-weight, "
            + "raise-buffer, lower-buffer. Tenant tokens see their own VMs'.")
    @APIResponse(responseCode = "200", description = "A page of recommendations, by VM")
    public Page<Recommendations.Made> recommendations(@QueryParam("tenant") String tenant,
                                                      @QueryParam("limit") Integer limit,
                                                      @QueryParam("cursor") String cursor) {
        return Page.after(recommendations.list(caller.tenantFilter(tenant)), r -> r.vmId() + "/" + r.kind(), cursor,
                Page.limit(limit));
    }

    @GET
    @Path("/density")
    @RolesAllowed(Roles.FLEET_ADMIN)
    @Operation(operationId = "getDensityReport", summary = "How densely the fleet packs VMs", description = "VMs per host, memory held against what "
            + "static memory would hold, and the pressure distribution of VMs and hosts, from the latest samples.")
    @APIResponse(responseCode = "200", description = "The report")
    public DensityReport density(@Parameter(description = "only these hosts (repeat the parameter); default all")
                                 @QueryParam("host") List<String> hostIds) {
        var now = Clock.systemUTC().instant();
        var hosts = fleet.hosts().stream()
                .filter(h -> hostIds == null || hostIds.isEmpty() || hostIds.contains(h.hostId())).toList();
        return DensityReport.of(fleet.snapshots(hosts, fleet.placedVms(), now, config.sampleMaxAge()));
    }
}
