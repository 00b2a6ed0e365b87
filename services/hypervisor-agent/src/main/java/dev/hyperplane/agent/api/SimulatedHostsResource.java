package dev.hyperplane.agent.api;

import dev.hyperplane.agent.domain.EngineFleet;
import dev.hyperplane.agent.domain.EngineHost;
import dev.hyperplane.agent.domain.HostDefinition;
import dev.hyperplane.agent.domain.HostFaults;
import dev.hyperplane.hyperv.VmView;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** What this agent's simulated hosts run, as the hosts themselves see it. */
@Path("/api/v1/agent/hosts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "agent", description = "The simulated Hyper-V hosts of this agent")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.FLEET_ADMIN)
public class SimulatedHostsResource {

    /** A host with the VMs it runs, its simulated clock and its faults outside the engine. */
    public record HostState(HostDefinition host, long simTimeMs, HostFaults faults, List<VmView> vms) {
    }

    @Inject
    EngineFleet fleet;

    @GET
    @Operation(operationId = "listSimulatedHosts", summary = "List this agent's hosts with their VMs",
            description = "The simulated Hyper-V hosts this agent runs, with their simulated clocks and the VMs as the engine sees them. Fleet admins only.")
    public Page<HostState> list(
            @Parameter(description = "Page size, 1-500", example = "50") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Page.limit(limit);
        Page<String> ids = Page.after(fleet.hosts().stream().map(EngineHost::spec).map(HostDefinition::hostId)
                .toList(), id -> id, cursor, size);
        return new Page<>(ids.items().stream().map(id -> state(fleet.host(id).orElseThrow())).toList(),
                ids.nextCursor());
    }

    @GET
    @Path("/{hostId}")
    @Operation(operationId = "getSimulatedHost", summary = "One host of this agent with its VMs",
            description = "One simulated host of this agent with its VMs as the engine sees them. Fleet admins only.")
    public HostState get(@PathParam("hostId") String hostId) {
        return state(fleet.host(hostId).orElseThrow(() -> ProblemException.notFound("host", hostId)));
    }

    private HostState state(EngineHost host) {
        return new HostState(host.spec(), host.simTimeMs(), host.faults(), fleet.vms(host.spec().hostId()));
    }
}
