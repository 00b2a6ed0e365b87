package dev.hyperplane.memory.api;

import dev.hyperplane.memory.config.BalancerConfig;
import dev.hyperplane.memory.domain.HostSnapshot;
import dev.hyperplane.memory.domain.VmSnapshot;
import dev.hyperplane.memory.query.FleetMemory;
import dev.hyperplane.memory.query.HostSample;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
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
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Each host's memory from its telemetry: what it can give VMs, what they hold and need, who starves. */
@Path("/api/v1/memory/hosts")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "host memory", description = "Host memory views from telemetry")
@SecurityRequirement(name = "bearer")
@RolesAllowed(Roles.FLEET_ADMIN)
public class HostMemoryResource {

    /**
     * A host's memory.
     *
     * @param capacityMb what VMs can get: physical memory less the root reserve
     * @param needMb     what its running VMs need: demand within each VM's minimum and maximum
     * @param pressure   needMb over capacityMb, percent; above 100 the host is overcommitted
     * @param hot        the control loop counts it hot (threshold, hold time and margin)
     * @param hotSince   since when its pressure is at or above the threshold
 * @param starvedVms VMs above 100 % pressure for longer than the starvation window
     * @param sampledAt  its latest telemetry written down; null before the first
     */
    public record HostMemoryView(String hostId, long memoryMb, long capacityMb, boolean available, long freeMb,
                                 long assignedMb, long demandMb, long needMb, int pressure, boolean hot,
                                 Instant hotSince, int starvedVms, List<String> smartPagingVms,
                                 List<String> hotAddFailures, Instant sampledAt, List<VmMemoryView> vms) {
    }

    /**
     * A VM in its host's latest sample.
     *
     * @param pressure          demand over assigned, percent
     * @param starvedForSeconds how long its pressure has been above 100 % (0 when it is not)
     */
    public record VmMemoryView(String vmId, String tenantId, String state, long assignedMb, long demandMb,
                               int pressure, long starvedForSeconds, long startupMb, boolean dynamic, long minimumMb,
                               long maximumMb, int bufferPercent, int weight, boolean balloonOnly, long smartPagingMb,
                               boolean hotAddFailed) {
    }

    @Inject
    FleetMemory fleet;
    @Inject
    BalancerConfig config;

    @GET
    @Operation(operationId = "listHostMemory", summary = "Every host's memory, hottest first",
            description = "Every host's memory as the memory balancer sees it (capacity, assigned, demand, pressure, hot since), hottest first. Fleet admins only.")
    @APIResponse(responseCode = "200", description = "A page of hosts")
    public Page<HostMemoryView> hosts(
            @Parameter(description = "Page size, 1-500", example = "50") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        Map<String, FleetMemory.Vm> vms = fleet.placedVms();
        List<HostMemoryView> views = fleet.hosts().stream().map(h -> view(h, vms)).toList();
        return Page.after(views, HostMemoryResource::hottestFirst, cursor, Page.limit(limit));
    }

    /**
     * Sorts hottest first, then by host id. A host whose pressure changes between two pages may show on both or
     * on neither: the order is the moment's.
     */
    private static String hottestFirst(HostMemoryView host) {
        return String.format("%05d/%s", 99_999 - Math.max(0, Math.min(host.pressure(), 99_999)), host.hostId());
    }

    @GET
    @Path("/{hostId}")
    @Operation(operationId = "getHostMemory", summary = "One host's memory with its VMs",
            description = "One host's memory with each of its VMs: assigned, demand, pressure, starvation, Smart Paging and hot-add failures. Fleet admins only.")
    @APIResponse(responseCode = "200", description = "The host")
    @APIResponse(responseCode = "404", description = "No such host",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HostMemoryView host(@PathParam("hostId") String hostId) {
        return fleet.host(hostId).map(h -> view(h, fleet.placedVms()))
                .orElseThrow(() -> ProblemException.notFound("host", hostId));
    }

    private HostMemoryView view(FleetMemory.Host host, Map<String, FleetMemory.Vm> vms) {
        HostSample sample = host.sample();
        if (sample == null) {
            return new HostMemoryView(host.hostId(), host.memoryMb(), host.capacityMb(), host.available(),
                    host.capacityMb(), 0, 0, 0, 0, host.heat().hot(), host.heat().aboveSince(), 0, List.of(),
                    List.of(), null, List.of());
        }
        HostSnapshot snapshot = FleetMemory.snapshot(host, vms);
        Map<String, VmSnapshot> runningVms = snapshot.vms().stream()
                .collect(Collectors.toMap(VmSnapshot::vmId, Function.identity()));
        List<VmMemoryView> vmViews = sample.vms().stream().map(s -> {
            FleetMemory.Vm vm = vms.get(s.vmId());
            VmSnapshot running = runningVms.get(s.vmId());
            return new VmMemoryView(s.vmId(), vm == null ? null : vm.tenantId(), s.state(), s.assignedMb(),
                    s.demandMb(), s.pressure(), running == null ? 0 : running.starvedFor().toSeconds(),
                    vm == null ? s.assignedMb() : vm.startupMb(), vm != null && vm.plan().enabled(),
                    vm == null ? s.assignedMb() : vm.plan().minimumMb(),
                    vm == null ? s.assignedMb() : vm.plan().maximumMb(),
                    vm == null ? 0 : vm.plan().bufferPercent(), vm == null ? 50 : vm.plan().priority(),
                    running != null && running.balloonOnly(), vm == null ? 0 : vm.smartPagingMb(),
                    vm != null && vm.hotAddFailed());
        }).toList();
        return new HostMemoryView(host.hostId(), host.memoryMb(), host.capacityMb(), host.available(),
                sample.freeMb(), snapshot.assignedMb(), snapshot.vms().stream().mapToLong(VmSnapshot::demandMb).sum(),
                snapshot.needMb(), snapshot.pressure(), host.heat().hot(), host.heat().aboveSince(),
                (int) vmViews.stream()
                        .filter(v -> v.starvedForSeconds() >= config.starvationWindow().toSeconds()).count(),
                vmViews.stream().filter(v -> v.smartPagingMb() > 0).map(VmMemoryView::vmId).toList(),
                vmViews.stream().filter(VmMemoryView::hotAddFailed).map(VmMemoryView::vmId).toList(),
                sample.sampledAt(), vmViews);
    }
}
