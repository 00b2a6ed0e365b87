package dev.hyperplane.inventory.api;

import dev.hyperplane.events.agent.HostTelemetry;
import dev.hyperplane.inventory.query.CrashDump;
import dev.hyperplane.inventory.query.FleetVm;
import dev.hyperplane.inventory.query.FleetVmView;
import dev.hyperplane.inventory.query.HostMemory;
import dev.hyperplane.inventory.query.HotAddFailure;
import dev.hyperplane.inventory.query.VmReport;
import dev.hyperplane.platform.api.Page;
import dev.hyperplane.platform.api.Problem;
import dev.hyperplane.platform.api.ProblemException;
import dev.hyperplane.platform.security.Caller;
import dev.hyperplane.platform.security.Roles;
import io.quarkus.hibernate.reactive.panache.PanacheQuery;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import io.smallrye.mutiny.Uni;
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
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** Every VM of the fleet, as inventory learned it from provisioning's and the hosts' events. */
@Path("/api/v1/fleet/vms")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "fleet", description = "The fleet-wide read model of VMs")
@SecurityRequirement(name = "bearer")
@RolesAllowed({Roles.FLEET_ADMIN, Roles.TENANT_ADMIN, Roles.TENANT_USER})
public class FleetResource {

    @Inject
    Caller caller;

    @GET
    @WithSession
    @Operation(operationId = "listFleetVms", summary = "List VMs of the fleet", description = "Filters combine; VMs in id order, cursor-paginated.")
    public Uni<Page<FleetVmView>> list(
            @Parameter(description = "Only this tenant's VMs", example = "acme") @QueryParam("tenant") String tenant,
            @Parameter(description = "Only VMs on this host") @QueryParam("host") String host,
            @Parameter(description = "Requested, Placed, Running, Moving, Stopped, Lost, Unknown, Deleted or Failed", example = "Running") @QueryParam("state") String state,
            @Parameter(description = "Only VMs of this guest distribution (the name guest-os uses too)", example = "Ubuntu")
            @QueryParam("distribution") String distribution,
            @Parameter(description = "Former name of distribution", deprecated = true) @QueryParam("distro") String distro,
            @Parameter(description = "Page size, 1-500", example = "50") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        int size = Page.limit(limit);
        tenant = caller.tenantFilter(tenant);
        if (distribution != null) {
            distro = distribution;
        }
        List<String> where = new ArrayList<>(List.of("vmId > :cursor"));
        Parameters params = Parameters.with("cursor", cursor == null ? "" : cursor);
        if (tenant != null) {
            where.add("tenantId = :tenant");
            params.and("tenant", tenant);
        }
        if (host != null) {
            where.add("hostId = :host");
            params.and("host", host);
        }
        if (state != null) {
            where.add("state = :state");
            params.and("state", state);
        }
        if (distro != null) {
            where.add("guestDistribution = :distro");
            params.and("distro", distro);
        }
        return FleetVm.<FleetVm>find(String.join(" and ", where), Sort.by("vmId"), params)
                .range(0, size).list()
                .chain(vms -> withMemory(vms).map(views -> Page.of(views, size, FleetVmView::vmId)));
    }

    /** Joins each VM with the latest memory sample of its host. */
    private static Uni<List<FleetVmView>> withMemory(List<FleetVm> vms) {
        Set<String> hosts = vms.stream().map(vm -> vm.hostId).filter(Objects::nonNull).collect(Collectors.toSet());
        Uni<List<HostMemory>> samples = hosts.isEmpty() ? Uni.createFrom().item(List.of())
                : HostMemory.<HostMemory>list("hostId in ?1", hosts);
        return samples.map(found -> {
            Map<String, HostMemory> byHost = found.stream().collect(Collectors.toMap(h -> h.hostId, h -> h));
            Map<String, Map<String, HostTelemetry.VmSample>> sampleOf = new HashMap<>();
            byHost.forEach((host, memory) -> sampleOf.put(host, memory.samplesByVm()));
            return vms.stream().map(vm -> vm.hostId == null || !byHost.containsKey(vm.hostId)
                    ? FleetVmView.of(vm, null, null)
                    : FleetVmView.of(vm, sampleOf.get(vm.hostId).get(vm.vmId), byHost.get(vm.hostId).sampledAt))
                    .toList();
        });
    }

    @GET
    @Path("/{vmId}")
    @WithSession
    @Operation(operationId = "getFleetVm", summary = "Get one VM of the fleet",
            description = "One VM as its host reports it: Hyper-V power state, heartbeat, KVP guest info, memory, negotiated integration services and VMBus channels. Tenant tokens see their own VMs only.")
    @APIResponse(responseCode = "200", description = "The VM")
    @APIResponse(responseCode = "404", description = "No such VM (or another tenant's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<FleetVmView> get(@PathParam("vmId") String vmId) {
        return visible(vmId).chain(vm -> withMemory(List.of(vm))).map(views -> views.get(0));
    }

    @GET
    @Path("/{vmId}/crash-dumps")
    @WithSession
    @Operation(operationId = "listCrashDumps", summary = "Crash dumps of a VM", description = "What kdump did after each guest panic, newest first.")
    @APIResponse(responseCode = "200", description = "A page of the VM's crash dumps")
    @APIResponse(responseCode = "400", description = "A limit or cursor out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such VM (or another tenant's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<CrashDump>> crashDumps(@PathParam("vmId") String vmId,
                                           @Parameter(description = "Page size, 1-500", example = "50")
                                           @QueryParam("limit") Integer limit,
                                           @Parameter(description = "nextCursor of the previous page")
                                           @QueryParam("cursor") String cursor) {
        // a lambda, not CrashDump::find: Panache generates find into each entity, and a method reference would
        // call the base class's, which only throws
        return newestFirst(vmId, limit, cursor, (query, sort, params) -> CrashDump.find(query, sort, params));
    }

    @GET
    @Path("/{vmId}/hot-add-failures")
    @WithSession
    @Operation(operationId = "listHotAddFailures", summary = "Memory hot-add failures of a VM",
            description = "Each time the guest did not online memory Dynamic Memory hot-added, newest first.")
    @APIResponse(responseCode = "200", description = "A page of the VM's hot-add failures")
    @APIResponse(responseCode = "400", description = "A limit or cursor out of range",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "No such VM (or another tenant's)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Uni<Page<HotAddFailure>> hotAddFailures(@PathParam("vmId") String vmId,
                                                   @Parameter(description = "Page size, 1-500", example = "50")
                                                   @QueryParam("limit") Integer limit,
                                                   @Parameter(description = "nextCursor of the previous page")
                                                   @QueryParam("cursor") String cursor) {
        return newestFirst(vmId, limit, cursor, (query, sort, params) -> HotAddFailure.find(query, sort, params));
    }

    /** How a kind of report is queried: its Panache {@code find}. */
    @FunctionalInterface
    interface ReportQuery<T extends VmReport> {
        PanacheQuery<T> find(String query, Sort sort, Object... params);
    }

    /**
     * A VM's reports of one kind, newest first (ties by id), in pages: the cursor is the last report's time and
     * id, so a report arriving while a client pages shows on the first page, never twice.
     */
    private <T extends VmReport> Uni<Page<T>> newestFirst(String vmId, Integer limit, String cursor,
                                                          ReportQuery<T> reports) {
        int size = Page.limit(limit);
        Sort order = Sort.descending("reportedAt").and("id", Sort.Direction.Ascending);
        PanacheQuery<T> query;
        if (cursor == null) {
            query = reports.find("vmId = ?1", order, vmId);
        } else {
            int bar = cursor.indexOf('|');
            Instant at = bar < 0 ? null : parseInstant(cursor.substring(0, bar));
            if (at == null) {
                throw ProblemException.invalidField(400, "cursor",
                        "not a cursor of this list: pass nextCursor back as it came");
            }
            query = reports.find("vmId = ?1 and (reportedAt < ?2 or (reportedAt = ?2 and id > ?3))", order, vmId,
                    at, cursor.substring(bar + 1));
        }
        return visible(vmId).chain(vm -> query.range(0, size).list())
                .map(fetched -> Page.of(fetched, size, r -> r.reportedAt + "|" + r.id));
    }

    private static Instant parseInstant(String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** The VM, when the caller may see it: another tenant's VM is as absent as a missing one. */
    private Uni<FleetVm> visible(String vmId) {
        return FleetVm.<FleetVm>findById(vmId)
                .onItem().ifNotNull().transform(vm -> caller.canSee(vm.tenantId) ? vm : null)
                .onItem().ifNull().failWith(() -> ProblemException.notFound("VM", vmId));
    }
}
