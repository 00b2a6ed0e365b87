package dev.hyperplane.agent.api;

import dev.hyperplane.agent.domain.HostSpec;
import dev.hyperplane.agent.domain.HostStore;
import dev.hyperplane.agent.domain.SimulatedFleet;
import dev.hyperplane.platform.api.ProblemException;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.util.List;

/** What this agent's simulated hosts run, as the hosts themselves see it. */
@Path("/api/v1/agent/hosts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "agent")
public class HostsResource {

    /** A host with the VMs it runs. */
    public record HostState(HostSpec host, List<HostStore.VmRecord> vms) {
    }

    @Inject
    HostStore store;
    @Inject
    SimulatedFleet fleet;

    @GET
    @Operation(summary = "List this agent's hosts with their VMs")
    public List<HostState> list() {
        return fleet.hosts().stream().map(h -> new HostState(h, store.vms(h.hostId()))).toList();
    }

    @GET
    @Path("/{hostId}")
    @Operation(summary = "One host of this agent with its VMs")
    public HostState get(@PathParam("hostId") String hostId) {
        HostSpec host = fleet.host(hostId).orElseThrow(() -> ProblemException.notFound("host", hostId));
        return new HostState(host, store.vms(hostId));
    }
}
